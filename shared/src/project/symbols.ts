import { resolve } from 'node:path';
import type { AmdSpec, Component } from '../model/amd';
import type { Located } from '../model/common';
import { splitSpecPrefix } from '../model/plan';
import type { Requirement, SmdSpec } from '../model/smd';
import type { VmdSpec } from '../model/vmd';
import { containsPosition, type Position, type Range, range } from '../text/range';
import { type PlanField, type PlanValue, type PlanView, planValueAt, planViewFor } from './plan-view';
import type { Workspace } from './workspace';

/**
 * "What is at this position": the one question hover, definition, references and rename all start
 * from. Every symbol carries the exact range of its text (without quotes), so rename can replace it and
 * hover can highlight it.
 */

/** Where a spec id is written. */
export type SpecIdSite =
  | 'smd-id'
  | 'smd-depends'
  | 'amd-spec'
  | 'vmd-spec'
  | 'vmd-arch'
  | 'plan-spec'
  | 'plan-cross-spec'
  | 'plan-meta-specs'
  | 'plan-ref-prefix';

export type SymbolRole = 'declaration' | 'reference';

export type SymbolAt =
  | { kind: 'specId'; id: string; range: Range; role: SymbolRole; site: SpecIdSite }
  | { kind: 'taskId'; id: string; range: Range; role: SymbolRole; taskIndex: number }
  | {
      kind: 'planRef';
      field: 'spec_refs' | 'arch_refs';
      ref: string;
      /** The spec the ref is resolved in (the task's `spec`). */
      specId: string | undefined;
      range: Range;
      taskIndex: number;
    }
  | {
      kind: 'planFile';
      field: 'outputs' | 'inject_files' | 'context_files' | 'vmd_file';
      path: string;
      range: Range;
      taskIndex: number;
    }
  | {
      kind: 'covers';
      target: string;
      /** The spec whose requirements the target names (VMD `@spec`, or the plan task's `spec`). */
      specId: string | undefined;
      range: Range;
      origin: 'vmd' | 'plan';
    }
  | { kind: 'requirement'; specId: string | undefined; requirement: Requirement; file: string; range: Range }
  | {
      kind: 'component';
      name: string;
      /** The spec whose AMDs define the component (the AMD's `spec:`). */
      specId: string | undefined;
      /** The AMD the position is in. */
      file: string;
      range: Range;
      role: SymbolRole;
    };

/** The symbol at `position` in `file` (a spec file of the workspace, or its plan), or undefined. */
export function symbolAt(ws: Workspace, file: string, position: Position): SymbolAt | undefined {
  if (resolve(file) === ws.planFile) return planSymbolAt(ws, position);
  const parsed = ws.file(file);
  if (!parsed) return undefined;
  const spec = parsed.spec;
  if (spec.kind === 'smd') return smdSymbolAt(spec, parsed.text, position);
  if (spec.kind === 'amd') return amdSymbolAt(spec, parsed.text, position);
  return vmdSymbolAt(spec, parsed.text, position);
}

function smdSymbolAt(smd: SmdSpec, text: string, pos: Position): SymbolAt | undefined {
  const line = lineAt(text, pos.line);
  if (smd.id && containsPosition(smd.id.range, pos)) {
    return specIdSymbol(smd.id, line, 'declaration', 'smd-id');
  }
  for (const dep of smd.depends) {
    if (containsPosition(dep.range, pos)) return specIdSymbol(dep, line, 'reference', 'smd-depends');
  }
  for (const requirement of smd.requirements) {
    if (containsPosition(requirement.titleRange, pos)) {
      return {
        kind: 'requirement',
        specId: smd.id?.value,
        requirement,
        file: smd.file,
        range: requirement.titleRange,
      };
    }
  }
  return undefined;
}

function amdSymbolAt(amd: AmdSpec, text: string, pos: Position): SymbolAt | undefined {
  if (amd.specId && containsPosition(amd.specId.range, pos)) {
    return specIdSymbol(amd.specId, lineAt(text, pos.line), 'reference', 'amd-spec');
  }
  const specId = amd.specId?.value;
  for (const component of amd.components) {
    if (containsPosition(component.nameRange, pos)) {
      return componentSymbol(component.name, component.nameRange, 'declaration', specId, amd.file);
    }
    for (const dep of component.dependsOn) {
      if (containsPosition(dep.range, pos)) {
        return componentSymbol(dep.value, dep.range, 'reference', specId, amd.file);
      }
    }
  }
  return undefined;
}

function componentSymbol(
  name: string,
  at: Range,
  role: SymbolRole,
  specId: string | undefined,
  file: string,
): SymbolAt {
  return { kind: 'component', name, specId, file, range: at, role };
}

function vmdSymbolAt(vmd: VmdSpec, text: string, pos: Position): SymbolAt | undefined {
  const line = (): string => lineAt(text, pos.line);
  if (vmd.specId && containsPosition(vmd.specId.range, pos)) {
    return specIdSymbol(vmd.specId, line(), 'reference', 'vmd-spec');
  }
  if (vmd.archId && containsPosition(vmd.archId.range, pos)) {
    return specIdSymbol(vmd.archId, line(), 'reference', 'vmd-arch');
  }
  for (const owner of [...vmd.groups, ...vmd.scenarios]) {
    // `@covers` lines sit just above their group or scenario.
    for (const target of owner.covers) {
      if (containsPosition(target.range, pos)) {
        return {
          kind: 'covers',
          target: target.text,
          specId: vmd.specId?.value,
          range: target.quoted ? unquote(target.range) : target.range,
          origin: 'vmd',
        };
      }
    }
  }
  return undefined;
}

function planSymbolAt(ws: Workspace, pos: Position): SymbolAt | undefined {
  const view = planViewFor(ws, ws.planText);
  if (!view) return undefined;
  const value = planValueAt(view, pos);
  if (!value) return undefined;
  return planValueSymbol(ws, view, value, pos);
}

/** The symbol a plan string stands for (`pos` picks the legacy `SPEC:` prefix of a ref). */
export function planValueSymbol(
  ws: Workspace,
  view: PlanView,
  value: PlanValue,
  pos?: Position,
): SymbolAt | undefined {
  const taskIndex = value.taskIndex ?? -1;
  const taskSpec = view.tasks[taskIndex]?.spec;
  const field: PlanField = value.field;
  switch (field) {
    case 'spec':
      return { kind: 'specId', id: value.value, range: value.range, role: 'reference', site: 'plan-spec' };
    case 'cross_spec_interfaces':
      return {
        kind: 'specId',
        id: value.value,
        range: value.range,
        role: 'reference',
        site: 'plan-cross-spec',
      };
    case 'specs':
      return {
        kind: 'specId',
        id: value.value,
        range: value.range,
        role: 'reference',
        site: 'plan-meta-specs',
      };
    case 'id':
      return { kind: 'taskId', id: value.value, range: value.range, role: 'declaration', taskIndex };
    case 'depends_on':
      return { kind: 'taskId', id: value.value, range: value.range, role: 'reference', taskIndex };
    case 'spec_refs':
    case 'arch_refs': {
      const prefix = refPrefixRange(ws, value);
      if (prefix && (!pos || containsPosition(prefix.range, pos))) {
        return {
          kind: 'specId',
          id: prefix.id,
          range: prefix.range,
          role: 'reference',
          site: 'plan-ref-prefix',
        };
      }
      return { kind: 'planRef', field, ref: value.value, specId: taskSpec, range: value.range, taskIndex };
    }
    case 'covers':
      return { kind: 'covers', target: value.value, specId: taskSpec, range: value.range, origin: 'plan' };
    case 'outputs':
    case 'inject_files':
    case 'context_files':
    case 'vmd_file':
      return { kind: 'planFile', field, path: value.value, range: value.range, taskIndex };
  }
}

/**
 * The legacy `SPEC_ID:` prefix of a spec/arch ref (`"EXPENSE_TRACKER:Goals"`), when it names a known
 * spec — the same rule the plan checks use.
 */
export function refPrefixRange(ws: Workspace, value: PlanValue): { id: string; range: Range } | undefined {
  const { spec } = splitSpecPrefix(value.value);
  if (spec === undefined || !ws.index.smdById.has(spec)) return undefined;
  const start = value.range.start;
  if (value.range.end.line !== start.line) return undefined;
  return { id: spec, range: range(start.line, start.character, start.line, start.character + spec.length) };
}

function specIdSymbol(located: Located<string>, line: string, role: SymbolRole, site: SpecIdSite): SymbolAt {
  return { kind: 'specId', id: located.value, range: idRange(located, line), role, site };
}

/**
 * The range of just the id inside a located value: YAML allows `"ID"` or `'ID'`, and the parsers' ranges
 * cover the quotes. `line` is the text of the value's line.
 */
export function idRange(located: Located<string>, line: string): Range {
  const r = located.range;
  if (r.start.line !== r.end.line) return r;
  const written = line.slice(r.start.character, r.end.character);
  const at = written.indexOf(located.value);
  if (at <= 0 || located.value === '') return r;
  const start = r.start.character + at;
  return range(r.start.line, start, r.start.line, start + located.value.length);
}

/** The text of line `n` (0-based) of `text`, without its terminator. */
export function lineAt(text: string, n: number): string {
  let start = 0;
  for (let i = 0; i < n; i++) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) return '';
    start = nl + 1;
  }
  const nl = text.indexOf('\n', start);
  const end = nl === -1 ? text.length : nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
  return text.slice(start, end);
}

/** The located value's id range, reading its line from `text`. */
export function idRangeIn(located: Located<string>, text: string): Range {
  return idRange(located, lineAt(text, located.range.start.line));
}

/** A one-line range without its first and last character (the quotes of a quoted target). */
export function unquote(r: Range): Range {
  if (r.start.line !== r.end.line || r.end.character - r.start.character < 2) return r;
  return range(r.start.line, r.start.character + 1, r.end.line, r.end.character - 1);
}

/** The AMDs defining a component for `specId` (every AMD of the spec), or just `file` when it has no spec. */
export function componentScope(ws: Workspace, specId: string | undefined, file: string): AmdSpec[] {
  if (specId !== undefined) {
    const amds = ws.index.amdsBySpec.get(specId);
    if (amds && amds.length > 0) return amds;
  }
  const own = ws.file(file)?.spec;
  return own?.kind === 'amd' ? [own] : [];
}

/** The component named `name` (case-insensitive, as the validator compares them) in the AMDs. */
export function findComponent(
  amds: readonly AmdSpec[],
  name: string,
): { component: Component; amd: AmdSpec } | undefined {
  const wanted = name.trim().toLowerCase();
  for (const amd of amds) {
    const component = amd.components.find((c) => c.name.trim().toLowerCase() === wanted);
    if (component) return { component, amd };
  }
  return undefined;
}
