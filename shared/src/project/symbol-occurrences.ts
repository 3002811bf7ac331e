import type { Component } from '../model/amd';
import type { Requirement, SmdSpec } from '../model/smd';
import { comparePositions, type Range } from '../text/range';
import { type PlanValue, planViewFor } from './plan-view';
import { resolveArchRef, resolveSpecRef } from './refs';
import { resolveRequirement } from './requirement-match';
import { planFilePath, resolveComponent, resolveCoversTarget, resolvePlanRef } from './symbol-resolve';
import {
  componentScope,
  findComponent,
  idRangeIn,
  refPrefixRange,
  type SpecIdSite,
  type SymbolAt,
  type SymbolRole,
  unquote,
} from './symbols';
import type { Workspace } from './workspace';

/** One place a symbol is written. */
export interface Occurrence {
  file: string;
  /** Just the symbol's text (no quotes). */
  range: Range;
  role: SymbolRole;
}

export interface SpecIdOccurrence extends Occurrence {
  site: SpecIdSite;
}

/**
 * Every place the spec id `id` is written, across every file type: SMD frontmatter `id` (the
 * declaration) and `depends`, AMD `spec:`, VMD `@spec`/`@arch`, and in plan.toml task `spec`,
 * `cross_spec_interfaces`, `[meta] specs` and legacy `SPEC:` prefixes of refs. Each range covers only
 * the id's text, so replacing every range renames the spec. Uses the index where it can (declarations,
 * AMDs, VMD `@spec`); the rest is a walk over already-parsed models.
 */
export function findSpecIdOccurrences(ws: Workspace, id: string): SpecIdOccurrence[] {
  const out: SpecIdOccurrence[] = [];
  const textOf = (file: string) => ws.file(file)?.text ?? '';
  const index = ws.index;
  for (const smd of index.smdById.get(id) ?? []) {
    if (smd.id) out.push(at(smd.file, idRangeIn(smd.id, textOf(smd.file)), 'declaration', 'smd-id'));
  }
  for (const smd of index.smds) {
    for (const dep of smd.depends) {
      if (dep.value === id)
        out.push(at(smd.file, idRangeIn(dep, textOf(smd.file)), 'reference', 'smd-depends'));
    }
  }
  for (const amd of index.amdsBySpec.get(id) ?? []) {
    if (amd.specId) out.push(at(amd.file, idRangeIn(amd.specId, textOf(amd.file)), 'reference', 'amd-spec'));
  }
  for (const vmd of index.vmdsBySpec.get(id) ?? []) {
    if (vmd.specId) out.push(at(vmd.file, idRangeIn(vmd.specId, textOf(vmd.file)), 'reference', 'vmd-spec'));
  }
  for (const vmd of index.vmds) {
    if (vmd.archId?.value === id) {
      out.push(at(vmd.file, idRangeIn(vmd.archId, textOf(vmd.file)), 'reference', 'vmd-arch'));
    }
  }
  const view = planViewFor(ws, ws.planText);
  if (!view) return out;
  const plan: SpecIdOccurrence[] = [];
  for (const value of view.valuesByText.get(id) ?? []) {
    const site = PLAN_SPEC_SITES[value.field];
    if (site) plan.push(at(ws.planFile, value.range, 'reference', site));
  }
  for (const value of view.refsByPrefix.get(id) ?? []) {
    const prefix = refPrefixRange(ws, value);
    if (prefix) plan.push(at(ws.planFile, prefix.range, 'reference', 'plan-ref-prefix'));
  }
  plan.sort((a, b) => comparePositions(a.range.start, b.range.start));
  out.push(...plan);
  return out;
}

const PLAN_SPEC_SITES: Partial<Record<PlanValue['field'], SpecIdSite>> = {
  spec: 'plan-spec',
  cross_spec_interfaces: 'plan-cross-spec',
  specs: 'plan-meta-specs',
};

function at(file: string, range: Range, role: SymbolRole, site: SpecIdSite): SpecIdOccurrence {
  return { file, range, role, site };
}

/** Every `id` and `depends_on` entry of plan.toml naming task `id`. */
export function findTaskIdOccurrences(ws: Workspace, id: string): Occurrence[] {
  const view = planViewFor(ws, ws.planText);
  return (view?.valuesByText.get(id) ?? []).flatMap((v) =>
    v.field === 'id' || v.field === 'depends_on'
      ? [{ file: ws.planFile, range: v.range, role: v.field === 'id' ? 'declaration' : 'reference' }]
      : [],
  );
}

/**
 * A requirement's heading (the declaration) and everything naming it: VMD `@covers` targets, plan
 * `covers` and plan `spec_refs` (a bare title, `Requirements > X` or `Requirements > #anchor`).
 */
export function findRequirementOccurrences(
  ws: Workspace,
  smd: SmdSpec,
  requirement: Requirement,
): Occurrence[] {
  const out: Occurrence[] = [{ file: smd.file, range: requirement.titleRange, role: 'declaration' }];
  const specId = smd.id?.value;
  if (specId === undefined) return out;
  for (const vmd of ws.index.vmdsBySpec.get(specId) ?? []) {
    for (const owner of [...vmd.groups, ...vmd.scenarios]) {
      for (const target of owner.covers) {
        if (resolveRequirement(smd, target.text) !== requirement) continue;
        out.push({
          file: vmd.file,
          range: target.quoted ? unquote(target.range) : target.range,
          role: 'reference',
        });
      }
    }
  }
  const tasks = planViewFor(ws, ws.planText)?.tasksBySpec.get(specId) ?? [];
  for (const value of tasks.flatMap((t) => t.values)) {
    if (namesRequirement(value, smd, requirement))
      out.push({ file: ws.planFile, range: value.range, role: 'reference' });
  }
  return out;
}

/** True when a plan `covers` or `spec_refs` entry resolves to `requirement`. */
function namesRequirement(value: PlanValue, smd: SmdSpec, requirement: Requirement): boolean {
  if (value.field === 'covers') return resolveRequirement(smd, value.value) === requirement;
  if (value.field !== 'spec_refs') return false;
  const target = resolveSpecRef(value.value, smd);
  return target?.kind === 'requirement' && target.requirement === requirement;
}

/**
 * A component's heading and everything naming it: `**Depends on:**` entries in the AMDs of the same
 * spec and plan `arch_refs` resolving to it.
 */
export function findComponentOccurrences(
  ws: Workspace,
  specId: string | undefined,
  file: string,
  component: Component,
): Occurrence[] {
  const amds = componentScope(ws, specId, file);
  const out: Occurrence[] = [];
  const owner = amds.find((amd) => amd.components.includes(component));
  if (owner) out.push({ file: owner.file, range: component.nameRange, role: 'declaration' });
  for (const amd of amds) {
    for (const c of amd.components) {
      for (const dep of c.dependsOn) {
        if (findComponent(amds, dep.value)?.component === component) {
          out.push({ file: amd.file, range: dep.range, role: 'reference' });
        }
      }
    }
  }
  if (specId === undefined) return out;
  const tasks = planViewFor(ws, ws.planText)?.tasksBySpec.get(specId) ?? [];
  for (const value of tasks.flatMap((t) => t.values)) {
    if (value.field !== 'arch_refs') continue;
    const target = resolveArchRef(value.value, amds);
    if (target?.kind === 'component' && target.component === component) {
      out.push({ file: ws.planFile, range: value.range, role: 'reference' });
    }
  }
  return out;
}

/** Plan `outputs` / `inject_files` entries naming the same file (path compared as written, normalised). */
export function findPlanFileOccurrences(ws: Workspace, path: string): Occurrence[] {
  const view = planViewFor(ws, ws.planText);
  const wanted = normalizePath(path);
  const spellings = new Set([path, wanted, `./${wanted}`]);
  const candidates = [...spellings].flatMap((s) => view?.valuesByText.get(s) ?? []);
  return candidates.flatMap((v) =>
    v.field === 'outputs' || v.field === 'inject_files'
      ? [{ file: ws.planFile, range: v.range, role: v.field === 'outputs' ? 'declaration' : 'reference' }]
      : [],
  );
}

const normalizePath = (path: string) => path.trim().replace(/\\/g, '/').replace(/^\.\//, '');

/**
 * Every occurrence of the symbol at a position, declaration included: spec ids across every file, task
 * ids within the plan, requirements with what covers or cites them, components with what depends on or
 * cites them, plan file entries with the other tasks naming the same file.
 */
export function findOccurrences(ws: Workspace, symbol: SymbolAt): Occurrence[] {
  switch (symbol.kind) {
    case 'specId':
      return findSpecIdOccurrences(ws, symbol.id);
    case 'taskId':
      return findTaskIdOccurrences(ws, symbol.id);
    case 'requirement': {
      const smd = ws.file(symbol.file)?.spec;
      return smd?.kind === 'smd' ? findRequirementOccurrences(ws, smd, symbol.requirement) : [];
    }
    case 'covers': {
      const found = resolveCoversTarget(ws, symbol.specId, symbol.target);
      return found ? findRequirementOccurrences(ws, found.smd, found.requirement) : [];
    }
    case 'planRef': {
      const target = resolvePlanRef(ws, symbol);
      if (target?.kind === 'requirement') {
        const smd = ws.file(target.file)?.spec;
        return smd?.kind === 'smd' ? findRequirementOccurrences(ws, smd, target.requirement) : [];
      }
      if (target?.kind === 'component') {
        return findComponentOccurrences(ws, symbol.specId, target.file, target.component);
      }
      return [];
    }
    case 'component': {
      const found = resolveComponent(ws, symbol);
      return found ? findComponentOccurrences(ws, symbol.specId, found.amd.file, found.component) : [];
    }
    case 'planFile':
      return symbol.field === 'outputs' || symbol.field === 'inject_files'
        ? findPlanFileOccurrences(ws, symbol.path)
        : planFilePath(ws, symbol) === undefined
          ? []
          : [{ file: ws.planFile, range: symbol.range, role: 'reference' }];
  }
}
