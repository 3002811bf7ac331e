import { COVERAGE_CODES } from '../diagnostics/codes-coverage';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/make';
import type { Requirement, SmdSpec } from '../model/smd';
import { resolveRequirement } from '../project/requirement-match';
import type { WorkspaceIndex } from '../project/workspace-index';
import type { Range } from '../text/range';

/** Something that can cover requirements: a VMD group or scenario, or a plan task with `covers`. */
export interface CoverageContributor {
  specId: string;
  /** Shown in the ledger: the group or scenario name, or `task:001`. */
  label: string;
  /** Where the contributor is (for "covered by" navigation). */
  file: string;
  range: Range;
  /** Explicit targets (`@covers`, plan `covers`); unresolved ones are reported as dangling. */
  explicit: { text: string; file: string; range: Range }[];
  /** Used when there are no explicit targets: matched against headings, silently. */
  inferredName?: string;
  /** Error types its cases expect (`!ValueError`). */
  errorTypes: string[];
}

export interface CoverageEntry {
  specId: string;
  requirement: Requirement;
  file: string;
  exempt: boolean;
  /** Labels of covering VMD groups and scenarios. */
  groups: string[];
  /** `task:<id>` of covering plan tasks. */
  tasks: string[];
  declaredErrorTypes: string[];
  coveredErrorTypes: string[];
  covered: boolean;
}

const ERROR_TYPE = /\b[A-Z][A-Za-z0-9_]*(?:Error|Exception)\b/g;

export function declaredErrorTypes(requirement: Requirement): string[] {
  const found = new Set<string>();
  for (const e of requirement.errors) {
    for (const m of `${e.condition} ${e.response}`.matchAll(ERROR_TYPE)) found.add(m[0]);
  }
  return [...found];
}

/** VMD groups and scenarios as coverage contributors. */
export function vmdContributors(index: WorkspaceIndex): CoverageContributor[] {
  const out: CoverageContributor[] = [];
  for (const vmd of index.vmds) {
    const specId = vmd.specId?.value;
    if (!specId) continue;
    const explicit = (targets: { text: string; range: Range }[]) =>
      targets.map((t) => ({ text: t.text, file: vmd.file, range: t.range }));
    for (const group of vmd.groups) {
      out.push({
        specId,
        label: group.name,
        file: vmd.file,
        range: group.nameRange,
        explicit: explicit(group.covers),
        inferredName: group.name,
        errorTypes: group.cases.flatMap((c) =>
          c.expectKind === 'error' && c.errorType ? [c.errorType] : [],
        ),
      });
    }
    for (const scenario of vmd.scenarios) {
      out.push({
        specId,
        label: `scenario ${scenario.slug}`,
        file: vmd.file,
        range: scenario.nameRange,
        explicit: explicit(scenario.covers),
        ...(scenario.call ? { inferredName: scenario.call.target } : {}),
        errorTypes:
          scenario.call?.expectKind === 'error' && scenario.call.errorType ? [scenario.call.errorType] : [],
      });
    }
  }
  return out;
}

/**
 * The coverage ledger (reference §3.4): one entry per requirement with what covers it, plus advisories:
 * dangling explicit targets, declared error types no case expects, uncovered requirements (errors when
 * `requireCoverage`).
 */
export function buildCoverageLedger(
  index: WorkspaceIndex,
  contributors: CoverageContributor[],
  requireCoverage: boolean,
): { entries: CoverageEntry[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const entries = new Map<Requirement, CoverageEntry>();
  const smdFor = (specId: string): SmdSpec | undefined => index.smdById.get(specId)?.[0];
  for (const [specId, smds] of index.smdById) {
    const smd = smds[0]!;
    for (const requirement of smd.requirements) {
      entries.set(requirement, {
        specId,
        requirement,
        file: smd.file,
        exempt: requirement.noVerify,
        groups: [],
        tasks: [],
        declaredErrorTypes: declaredErrorTypes(requirement),
        coveredErrorTypes: [],
        covered: false,
      });
    }
  }

  for (const c of contributors) {
    const smd = smdFor(c.specId);
    if (!smd) continue;
    const hits: Requirement[] = [];
    if (c.explicit.length > 0) {
      for (const target of c.explicit) {
        const requirement = resolveRequirement(smd, target.text);
        if (requirement) hits.push(requirement);
        else
          diagnostics.push(
            diag(
              COVERAGE_CODES.danglingTarget,
              target.file,
              target.range,
              `'${target.text}' names no requirement of ${c.specId}; use a requirement's {#anchor} or its exact heading.`,
            ),
          );
      }
    } else if (c.inferredName) {
      const requirement = resolveRequirement(smd, c.inferredName);
      if (requirement) hits.push(requirement);
    }
    for (const requirement of hits) {
      const entry = entries.get(requirement)!;
      const list = c.label.startsWith('task:') ? entry.tasks : entry.groups;
      if (!list.includes(c.label)) list.push(c.label);
      entry.covered = true;
      for (const type of c.errorTypes) {
        if (entry.declaredErrorTypes.includes(type) && !entry.coveredErrorTypes.includes(type)) {
          entry.coveredErrorTypes.push(type);
        }
      }
    }
  }

  for (const entry of entries.values()) {
    if (entry.exempt) continue;
    const at = entry.requirement.titleRange;
    if (!entry.covered) {
      diagnostics.push(
        diag(
          COVERAGE_CODES.uncoveredRequirement,
          entry.file,
          at,
          `Requirement '${entry.requirement.title}' is not covered by any VMD case or plan task. Add a VMD group or scenario with @covers, or mark it {.no-verify}.`,
          requireCoverage ? { severity: 'error' } : {},
        ),
      );
      continue;
    }
    for (const type of entry.declaredErrorTypes) {
      if (entry.coveredErrorTypes.includes(type)) continue;
      diagnostics.push(
        diag(
          COVERAGE_CODES.errorTypeNotCovered,
          entry.file,
          at,
          `Requirement '${entry.requirement.title}' declares ${type} but no covering case expects !${type}.`,
        ),
      );
    }
  }
  return { entries: [...entries.values()], diagnostics };
}
