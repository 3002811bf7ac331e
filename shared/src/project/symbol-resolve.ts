import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { AmdSpec, Component } from '../model/amd';
import type { Requirement, SmdSpec } from '../model/smd';
import type { Range } from '../text/range';
import { EMPTY_RANGE } from '../text/range';
import { planViewFor } from './plan-view';
import { type ArchRefTarget, resolveArchRef, resolveSpecRef, type SpecRefTarget } from './refs';
import { resolveRequirement } from './requirement-match';
import { componentScope, findComponent, idRangeIn, type SymbolAt } from './symbols';
import type { Workspace } from './workspace';

/** A place in a file of the workspace. */
export interface SymbolLocation {
  file: string;
  range: Range;
}

/** The SMD declaring a spec id (the first, when the id is duplicated). */
export function specById(ws: Workspace, id: string): SmdSpec | undefined {
  return ws.index.smdById.get(id)?.[0];
}

/** The requirement a coverage target (`@covers`, plan `covers`) names in `specId`. */
export function resolveCoversTarget(
  ws: Workspace,
  specId: string | undefined,
  target: string,
): { smd: SmdSpec; requirement: Requirement } | undefined {
  const smd = specId === undefined ? undefined : specById(ws, specId);
  const requirement = smd && resolveRequirement(smd, target);
  return smd && requirement ? { smd, requirement } : undefined;
}

/** What a plan `spec_refs` / `arch_refs` entry points at, in the task's spec. */
export function resolvePlanRef(
  ws: Workspace,
  symbol: Extract<SymbolAt, { kind: 'planRef' }>,
): SpecRefTarget | ArchRefTarget | undefined {
  if (symbol.specId === undefined) return undefined;
  if (symbol.field === 'spec_refs') {
    const smd = specById(ws, symbol.specId);
    return smd && resolveSpecRef(symbol.ref, smd);
  }
  return resolveArchRef(symbol.ref, ws.index.amdsBySpec.get(symbol.specId) ?? []);
}

/** The component a component symbol names, in the AMDs of its spec. */
export function resolveComponent(
  ws: Workspace,
  symbol: Extract<SymbolAt, { kind: 'component' }>,
): { component: Component; amd: AmdSpec } | undefined {
  return findComponent(componentScope(ws, symbol.specId, symbol.file), symbol.name);
}

/** The absolute path a plan file entry names, or undefined for a glob pattern. */
export function planFilePath(
  ws: Workspace,
  symbol: Extract<SymbolAt, { kind: 'planFile' }>,
): string | undefined {
  if (/[*?[\]{}]/.test(symbol.path) || symbol.path.trim() === '') return undefined;
  if (isAbsolute(symbol.path)) return symbol.path;
  const project = ws.config.config.project;
  const base =
    symbol.field === 'vmd_file'
      ? ws.root
      : symbol.field === 'context_files'
        ? resolve(ws.root, project.context_dir)
        : resolve(ws.root, ws.config.config.output.dir);
  return resolve(base, symbol.path);
}

/**
 * Where the symbol is defined: a spec id → its SMD's frontmatter `id`; a task id → the task's `id`; a
 * plan ref → the heading it names; a file entry → the file (when it exists); a coverage target → the
 * requirement heading; a component name → the component heading. Empty when it names nothing.
 */
export function symbolDefinition(ws: Workspace, symbol: SymbolAt): SymbolLocation[] {
  switch (symbol.kind) {
    case 'specId':
      return (ws.index.smdById.get(symbol.id) ?? []).flatMap((smd) =>
        smd.id ? [{ file: smd.file, range: idRangeIn(smd.id, ws.file(smd.file)?.text ?? '') }] : [],
      );
    case 'taskId': {
      const tasks = planViewFor(ws, ws.planText)?.tasksById.get(symbol.id) ?? [];
      return tasks.flatMap((t) => (t.idValue ? [{ file: ws.planFile, range: t.idValue.range }] : []));
    }
    case 'planRef': {
      const target = resolvePlanRef(ws, symbol);
      return target?.file && target.range ? [{ file: target.file, range: target.range }] : [];
    }
    case 'planFile': {
      const path = planFilePath(ws, symbol);
      return path && existsSync(path) ? [{ file: path, range: EMPTY_RANGE }] : [];
    }
    case 'covers': {
      const found = resolveCoversTarget(ws, symbol.specId, symbol.target);
      return found ? [{ file: found.smd.file, range: found.requirement.titleRange }] : [];
    }
    case 'requirement':
      return [{ file: symbol.file, range: symbol.requirement.titleRange }];
    case 'component': {
      const found = resolveComponent(ws, symbol);
      return found ? [{ file: found.amd.file, range: found.component.nameRange }] : [];
    }
  }
}
