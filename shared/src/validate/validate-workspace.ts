import { existsSync } from 'node:fs';
import { CONFIG_CODES } from '../diagnostics/codes-config';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/make';
import type { Plan } from '../model/plan';
import type { ValidationResult, ValidationSummary } from '../project/project-api';
import type { Workspace } from '../project/workspace';
import { locateToml } from '../store/toml-locate';
import { EMPTY_RANGE } from '../text/range';
import { checkComplexity } from './complexity';
import {
  buildCoverageLedger,
  type CoverageContributor,
  type CoverageEntry,
  vmdContributors,
} from './coverage';
import { checkPlan } from './plan-checks';
import { checkSpecReferences } from './spec-cross-checks';
import { checkVmdReferences, checkVmdTargets } from './vmd-cross-checks';

export interface WorkspaceValidation extends ValidationResult {
  /** The plan, when .ossature/plan.toml exists and parses. */
  plan?: Plan;
  /** The coverage ledger; present only when the project has VMD files (reference §3.4). */
  coverage?: CoverageEntry[];
}

/** Plan tasks with `covers` as coverage contributors, each target located in plan.toml. */
function planContributors(plan: Plan, planText: string, planFile: string): CoverageContributor[] {
  const locator = locateToml(planText);
  return plan.task.flatMap((task, i) =>
    task.covers.length === 0
      ? []
      : [
          {
            specId: task.spec,
            label: `task:${task.id}`,
            file: planFile,
            range: locator.tableRange(['task', i]) ?? EMPTY_RANGE,
            explicit: task.covers.map((text, j) => ({
              text,
              file: planFile,
              range: locator.valueRange(['task', i, 'covers', j]) ?? EMPTY_RANGE,
            })),
            errorTypes: [],
          },
        ],
  );
}

/**
 * Every check of a project in one pass (reference §3): config, each file's parse, cross-references,
 * warnings, the plan, and the coverage ledger. Never stops at the first problem.
 */
export function validateWorkspace(workspace: Workspace): WorkspaceValidation {
  const diagnostics: Diagnostic[] = [...workspace.config.diagnostics];
  const files = workspace.files();
  for (const f of files) diagnostics.push(...f.diagnostics);
  const index = workspace.index;

  if (!existsSync(workspace.specDir)) {
    diagnostics.push(
      diag(
        CONFIG_CODES.specDirMissing,
        workspace.configFile,
        workspace.config.specDirRange,
        `The spec directory ${workspace.config.config.project.spec_dir} does not exist. Create it or set [project] spec_dir.`,
      ),
    );
  } else if (index.smds.length === 0) {
    diagnostics.push(
      diag(
        CONFIG_CODES.noSpecFiles,
        workspace.configFile,
        workspace.config.specDirRange,
        `No spec files found under ${workspace.config.config.project.spec_dir}/. Create one with \`ossature new NAME\`.`,
      ),
    );
  }

  diagnostics.push(...checkSpecReferences(index), ...checkVmdReferences(index));
  diagnostics.push(...checkComplexity(index.smds), ...checkVmdTargets(index));

  let plan: Plan | undefined;
  if (workspace.planText !== undefined) {
    const checked = checkPlan(workspace.planText, workspace.planFile, {
      smdById: (id) => index.smdById.get(id)?.[0],
      amdsFor: (id) => index.amdsBySpec.get(id) ?? [],
      specIds: () => index.smdById.keys(),
    });
    plan = checked.plan;
    diagnostics.push(...checked.diagnostics);
  }

  let coverage: CoverageEntry[] | undefined;
  if (index.vmds.length > 0) {
    const contributors = vmdContributors(index);
    if (plan && workspace.planText !== undefined) {
      contributors.push(...planContributors(plan, workspace.planText, workspace.planFile));
    }
    const ledger = buildCoverageLedger(index, contributors, workspace.config.config.test.require_coverage);
    coverage = ledger.entries;
    diagnostics.push(...ledger.diagnostics);
  }

  sortDiagnostics(diagnostics);
  const summary: ValidationSummary = {
    smd: index.smds.length,
    amd: index.amds.length,
    vmd: index.vmds.length,
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    infos: diagnostics.filter((d) => d.severity === 'info').length,
  };
  return {
    root: workspace.root,
    diagnostics,
    summary,
    ...(plan ? { plan } : {}),
    ...(coverage ? { coverage } : {}),
  };
}

/** Stable order: by file, then position, then code. */
export function sortDiagnostics(diagnostics: Diagnostic[]): void {
  diagnostics.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.code.localeCompare(b.code),
  );
}
