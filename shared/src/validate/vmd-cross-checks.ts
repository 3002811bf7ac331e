import { CROSS_CODES } from '../diagnostics/codes-cross';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/make';
import type { AmdSpec } from '../model/amd';
import type { SmdSpec } from '../model/smd';
import type { Group, Scenario, VmdSpec } from '../model/vmd';
import { normalizeName } from '../project/requirement-match';
import type { WorkspaceIndex } from '../project/workspace-index';
import { unknownSpecFixes } from './spec-cross-checks';

/**
 * VMD checks across files (reference §3.2 items 5–6): `@spec`/`@arch` exist; group (name, arity) and
 * scenario slugs unique per spec across all its VMDs. The parts are exported for the validator's reuse.
 */
export function checkVmdReferences(index: WorkspaceIndex): Diagnostic[] {
  const ids = [...index.smdById.keys()];
  const out: Diagnostic[] = [];
  for (const vmd of index.vmds) out.push(...checkVmdSpecRefs(vmd, index.smdById, ids));
  for (const [specId, vmds] of index.vmdsBySpec) out.push(...checkVmdDuplicates(specId, vmds));
  return out;
}

/** `@spec` and `@arch` of one VMD name existing specs (did-you-mean fixes over `ids`). */
export function checkVmdSpecRefs(
  vmd: VmdSpec,
  smdById: ReadonlyMap<string, unknown>,
  ids: readonly string[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (vmd.specId && !smdById.has(vmd.specId.value)) {
    out.push(
      diag(
        CROSS_CODES.vmdUnknownSpec,
        vmd.file,
        vmd.specId.range,
        `Verification for spec ${vmd.specId.value} that doesn't exist. Set @spec to the id of an existing .smd.`,
        { fixes: unknownSpecFixes(vmd.file, vmd.specId, ids) },
      ),
    );
  }
  if (vmd.archId && vmd.archId.value !== vmd.specId?.value && !smdById.has(vmd.archId.value)) {
    out.push(
      diag(
        CROSS_CODES.vmdUnknownArch,
        vmd.file,
        vmd.archId.range,
        `@arch ${vmd.archId.value} names no existing spec. Use the id of the spec whose AMD declares these interfaces.`,
        { fixes: unknownSpecFixes(vmd.file, vmd.archId, ids) },
      ),
    );
  }
  return out;
}

/** Groups (name, arity) and scenario slugs repeated across the VMDs of one spec. */
export function checkVmdDuplicates(specId: string, vmds: readonly VmdSpec[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const groups = new Map<string, { vmd: VmdSpec; group: Group }>();
  const scenarios = new Map<string, { vmd: VmdSpec; scenario: Scenario }>();
  for (const vmd of vmds) {
    for (const group of vmd.groups) {
      const key = `${group.name.toLowerCase()}/${group.arity}`;
      const first = groups.get(key);
      if (!first) {
        groups.set(key, { vmd, group });
      } else if (first.vmd !== vmd) {
        out.push(
          diag(
            CROSS_CODES.duplicateVmdGroup,
            vmd.file,
            group.nameRange,
            `Spec ${specId} already has a group ${group.name} with ${group.arity} parameter(s); merge the rows into one group or rename it.`,
            {
              related: [
                { file: first.vmd.file, range: first.group.nameRange, message: 'first declared here' },
              ],
            },
          ),
        );
      }
    }
    for (const scenario of vmd.scenarios) {
      const first = scenarios.get(scenario.slug);
      if (!first) {
        scenarios.set(scenario.slug, { vmd, scenario });
      } else if (first.vmd !== vmd) {
        out.push(
          diag(
            CROSS_CODES.duplicateScenario,
            vmd.file,
            scenario.nameRange,
            `Spec ${specId} already has a scenario '${scenario.name}'; give this one a different name.`,
            {
              related: [
                { file: first.vmd.file, range: first.scenario.nameRange, message: 'first declared here' },
              ],
            },
          ),
        );
      }
    }
  }
  return out;
}

const IDENTIFIER = /^[A-Za-z0-9_]+$/;
const WORDS = /[A-Za-z0-9_]+/g;

/** Whether `name` appears as a whole word in `text` (word characters: letters, digits, `_`). */
function containsWord(text: string, words: Set<string>, name: string): boolean {
  if (IDENTIFIER.test(name)) return words.has(name);
  let at = text.indexOf(name);
  while (at !== -1) {
    const before = at === 0 ? '' : text.charAt(at - 1);
    const after = text.charAt(at + name.length);
    if (!/[A-Za-z0-9_]/.test(before) && !/[A-Za-z0-9_]/.test(after)) return true;
    at = text.indexOf(name, at + 1);
  }
  return false;
}

/**
 * Advisory (reference §3.3): every group name and call-scenario target should be declared by the `@arch`
 * spec's AMD interfaces, or, when that spec has no AMD, match a requirement heading.
 */
export function checkVmdTargets(index: WorkspaceIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const vmd of index.vmds) out.push(...checkVmdTargetsOf(vmd, vmdTargetInputs(vmd, index)));
  return out;
}

/** What {@link checkVmdTargetsOf} reads besides the VMD; the result is the same while these are. */
export interface VmdTargetInputs {
  /** The `@arch` (else `@spec`) id, when it names an existing spec. */
  archId?: string;
  /** The AMDs of that spec. */
  amds: readonly AmdSpec[];
  /** The SMD whose requirement headings name the targets (`@spec`, else `@arch`). */
  smd?: SmdSpec;
}

export function vmdTargetInputs(vmd: VmdSpec, index: WorkspaceIndex): VmdTargetInputs {
  const archId = vmd.archId?.value ?? vmd.specId?.value;
  if (!archId || !index.smdById.has(archId)) return { amds: [] };
  const smd = index.smdById.get(vmd.specId?.value ?? archId)?.[0];
  return { archId, amds: index.amdsBySpec.get(archId) ?? [], ...(smd ? { smd } : {}) };
}

/** The target advisories of one VMD. */
export function checkVmdTargetsOf(vmd: VmdSpec, inputs: VmdTargetInputs): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { archId, amds } = inputs;
  if (!archId) return out;
  const interfaces = amds.flatMap((a) => a.components.map((c) => c.interface ?? '')).join('\n');
  const words = new Set(interfaces.match(WORDS) ?? []);
  const headings = new Set((inputs.smd?.requirements ?? []).map((r) => normalizeName(r.title)));
  const targets = [
    ...vmd.groups.map((g) => ({ name: g.name, range: g.nameRange })),
    ...vmd.scenarios.flatMap((s) => (s.call ? [{ name: s.call.target, range: s.call.targetRange }] : [])),
  ];
  for (const target of targets) {
    if (amds.length > 0) {
      if (containsWord(interfaces, words, target.name)) continue;
      out.push(
        diag(
          CROSS_CODES.vmdTargetNotInInterface,
          vmd.file,
          target.range,
          `'${target.name}' does not appear in any **Interface:** block of ${archId}'s AMD; declare it there or fix the name.`,
        ),
      );
    } else if (!headings.has(normalizeName(target.name))) {
      out.push(
        diag(
          CROSS_CODES.vmdTargetNoRequirement,
          vmd.file,
          target.range,
          `'${target.name}' matches no requirement heading of ${archId}, and ${archId} has no AMD declaring it; add an AMD or name the group after a requirement.`,
        ),
      );
    }
  }
  return out;
}
