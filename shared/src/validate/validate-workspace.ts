import { existsSync } from 'node:fs';
import { CONFIG_CODES } from '../diagnostics/codes-config';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/make';
import type { Plan } from '../model/plan';
import type { ValidationResult, ValidationSummary } from '../project/project-api';
import type { Workspace } from '../project/workspace';
import { locateToml } from '../store/toml-locate';
import { EMPTY_RANGE } from '../text/range';
import type { CoverageContributor, CoverageEntry } from './coverage';
import { CrossCheckMemo } from './cross-check-memo';
import { checkPlan } from './plan-checks';

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

/** Cross-check results remembered per workspace, so re-validating after an edit redoes only what changed. */
const memos = new WeakMap<Workspace, CrossCheckMemo>();

/**
 * Every check of a project in one pass (reference §3): config, each file's parse, cross-references,
 * warnings, the plan, and the coverage ledger. Never stops at the first problem.
 *
 * Incremental: each file's parse diagnostics are kept by the Workspace, and cross-check results are reused
 * while the models they read are unchanged (see CrossCheckMemo), so a pass after a one-file edit costs a
 * fraction of the first. The result is always what a from-scratch pass gives.
 */
export function validateWorkspace(workspace: Workspace): WorkspaceValidation {
  let memo = memos.get(workspace);
  if (!memo) {
    memo = new CrossCheckMemo();
    memos.set(workspace, memo);
  }
  return validateWith(workspace, memo);
}

function validateWith(workspace: Workspace, memo: CrossCheckMemo): WorkspaceValidation {
  const diagnostics: Diagnostic[] = [...workspace.config.diagnostics];
  const files = workspace.files();
  for (const f of files) for (const d of f.diagnostics) diagnostics.push(d);
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

  for (const d of memo.crossChecks(index)) diagnostics.push(d);

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
    const planned =
      plan && workspace.planText !== undefined
        ? { plan, text: workspace.planText, file: workspace.planFile }
        : undefined;
    const ledger = memo.coverageLedger(
      index,
      planned,
      workspace.config.config.test.require_coverage,
      planContributors,
    );
    coverage = ledger.entries;
    diagnostics.push(...ledger.diagnostics);
  }

  sortDiagnostics(diagnostics);
  const summary: ValidationSummary = {
    smd: index.smds.length,
    amd: index.amds.length,
    vmd: index.vmds.length,
    errors: count(diagnostics, 'error'),
    warnings: count(diagnostics, 'warning'),
    infos: count(diagnostics, 'info'),
  };
  return {
    root: workspace.root,
    diagnostics,
    summary,
    ...(plan ? { plan } : {}),
    ...(coverage ? { coverage } : {}),
  };
}

function count(diagnostics: readonly Diagnostic[], severity: Diagnostic['severity']): number {
  let n = 0;
  for (const d of diagnostics) if (d.severity === severity) n++;
  return n;
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
