import { COVERAGE_CODES } from '../diagnostics/codes-coverage';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/make';
import type { Requirement, SmdSpec } from '../model/smd';
import type { VmdSpec } from '../model/vmd';
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
  return index.vmds.flatMap(vmdContributorsOf);
}

/** The groups and scenarios of one VMD as coverage contributors (none without `@spec`). */
export function vmdContributorsOf(vmd: VmdSpec): CoverageContributor[] {
  const out: CoverageContributor[] = [];
  const specId = vmd.specId?.value;
  if (!specId) return out;
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
      errorTypes: group.cases.flatMap((c) => (c.expectKind === 'error' && c.errorType ? [c.errorType] : [])),
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
  const bySpec = new Map<string, CoverageContributor[]>();
  for (const c of contributors) {
    const list = bySpec.get(c.specId);
    if (list) list.push(c);
    else bySpec.set(c.specId, [c]);
  }
  const perSpec = new Map<string, SpecCoverage>();
  for (const [specId, smds] of index.smdById) {
    perSpec.set(specId, specCoverage(specId, smds[0]!, bySpec.get(specId) ?? [], requireCoverage));
  }
  return assembleCoverageLedger(contributors, perSpec);
}

/** The ledger of one spec: its entries and the advisories about it. */
export interface SpecCoverage {
  entries: CoverageEntry[];
  /** Dangling-target errors of each contributor (only those with any). */
  dangling: Map<CoverageContributor, Diagnostic[]>;
  /** Uncovered requirements and uncovered error types, in entry order. */
  advisories: Diagnostic[];
}

/**
 * The coverage of one spec's requirements by `contributors` (those naming `specId`, in ledger order). The
 * result depends on nothing else, so the validator reuses it while the SMD and contributors are the same.
 */
export function specCoverage(
  specId: string,
  smd: SmdSpec,
  contributors: readonly CoverageContributor[],
  requireCoverage: boolean,
): SpecCoverage {
  const entries = new Map<Requirement, CoverageEntry>();
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

  const dangling = new Map<CoverageContributor, Diagnostic[]>();
  for (const c of contributors) {
    const hits: Requirement[] = [];
    if (c.explicit.length > 0) {
      for (const target of c.explicit) {
        const requirement = resolveRequirement(smd, target.text);
        if (requirement) {
          hits.push(requirement);
          continue;
        }
        const problem = diag(
          COVERAGE_CODES.danglingTarget,
          target.file,
          target.range,
          `'${target.text}' names no requirement of ${c.specId}; use a requirement's {#anchor} or its exact heading.`,
        );
        const list = dangling.get(c);
        if (list) list.push(problem);
        else dangling.set(c, [problem]);
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

  const advisories: Diagnostic[] = [];
  for (const entry of entries.values()) {
    if (entry.exempt) continue;
    const at = entry.requirement.titleRange;
    if (!entry.covered) {
      advisories.push(
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
      advisories.push(
        diag(
          COVERAGE_CODES.errorTypeNotCovered,
          entry.file,
          at,
          `Requirement '${entry.requirement.title}' declares ${type} but no covering case expects !${type}.`,
        ),
      );
    }
  }
  return { entries: [...entries.values()], dangling, advisories };
}

/**
 * The whole ledger from each spec's part (`perSpec` in spec-id order): dangling targets in contributor
 * order, then the advisories and entries spec by spec — the order a single pass over every spec gives.
 */
export function assembleCoverageLedger(
  contributors: readonly CoverageContributor[],
  perSpec: ReadonlyMap<string, SpecCoverage>,
): { entries: CoverageEntry[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  for (const c of contributors) {
    const problems = perSpec.get(c.specId)?.dangling.get(c);
    if (problems) diagnostics.push(...problems);
  }
  const entries: CoverageEntry[] = [];
  for (const part of perSpec.values()) {
    diagnostics.push(...part.advisories);
    entries.push(...part.entries);
  }
  return { entries, diagnostics };
}
