import type { Plan } from '../../model/plan';
import { writeFileAtomicSync } from '../../store/atomic-write';
import { writePlanFile } from '../../store/plan-file';
import { mergeFreshPlan } from '../fresh-merge';
import { mergeIncrementalPlan } from '../incremental-merge';
import { backupPlanFile } from '../plan-backup';
import { formatPlanChangeSummary, summarizePlanChange } from '../plan-diff';
import type { ResolvedPlannerTask } from '../preserved-refs';
import { planReplanFiles } from '../remap';
import { applyReplanFiles, listTaskDirs } from '../remap-executor';
import type { VerifyTaskSpec } from '../vmd-tasks';
import type { RunContext } from './context';
import type { PlanMode } from './planning-run';

/**
 * Planning, the deterministic end (reference §4.7 steps 4–6): merge the planned specs into the global plan
 * (fresh, or incremental over the current plan), then commit — back up the old plan.toml, write the new one
 * with its header, save the snapshots, and on an incremental re-plan rename task folders, re-key
 * state.toml and delete orphaned outputs. The commit is synchronous: Ctrl-C is handled between event-loop
 * turns, so it cannot land in the middle of it.
 */

export interface MergeRequest {
  mode: PlanMode;
  oldPlan: Plan | undefined;
  /** Spec id → its planned tasks (PreservedTaskRefs resolved). */
  specPlans: Map<string, ResolvedPlannerTask[]>;
  verifyTasks: Map<string, VerifyTaskSpec[]>;
  /** Spec id → its new snapshot, for the planned specs. */
  snapshots: Map<string, string>;
}

export interface MergedPlan {
  plan: Plan;
  idRemap?: Map<string, string>;
  matchedOldIds?: Set<string>;
}

export function mergePlan(ctx: RunContext, request: MergeRequest): MergedPlan {
  const base = {
    levels: ctx.project.levels,
    depends: ctx.project.depends,
    verifyTasks: request.verifyTasks,
    date: ctx.date,
    specPlans: request.specPlans,
  };
  if (request.mode === 'incremental' && request.oldPlan) {
    const merged = mergeIncrementalPlan({
      ...base,
      existing: request.oldPlan,
      changed: new Set(request.specPlans.keys()),
    });
    return { plan: merged.plan, idRemap: merged.idRemap, matchedOldIds: merged.matchedOldIds };
  }
  return { plan: mergeFreshPlan(base) };
}

export interface CommitResult {
  backup?: string;
  removedOutputs: string[];
}

export function commitPlan(ctx: RunContext, request: MergeRequest, merged: MergedPlan): CommitResult {
  const { paths } = ctx.project;
  const { plan } = merged;
  const backup = backupPlanFile(paths.ossature, ctx.date);
  writePlanFile(paths.plan, plan);
  for (const [id, text] of request.snapshots) writeFileAtomicSync(paths.snapshot(id), text);

  const removedOutputs: string[] = [];
  if (request.mode === 'incremental' && request.oldPlan && merged.idRemap && merged.matchedOldIds) {
    const changed = new Set(request.specPlans.keys());
    // Specs that are gone count as changed for the files: their task folders and done outputs go too.
    const present = new Set(ctx.project.levels.flat());
    const gone = new Set(request.oldPlan.task.map((t) => t.spec).filter((id) => !present.has(id)));
    const files = planReplanFiles({
      oldPlan: request.oldPlan,
      newPlan: plan,
      changed: new Set([...changed, ...gone]),
      idRemap: merged.idRemap,
      matchedOldIds: merged.matchedOldIds,
      taskDirs: listTaskDirs(paths.tasksDir),
    });
    const applied = applyReplanFiles(
      { tasksDir: paths.tasksDir, stateFile: paths.state, outputDir: paths.outputDir },
      files,
    );
    for (const rel of applied.removedOutputs) {
      ctx.emit({ type: 'log', level: 'info', message: `Removed stale output: ${rel}` });
    }
    removedOutputs.push(...applied.removedOutputs);
    const replanned = plan.task.filter((t) => changed.has(t.spec)).length;
    const preserved = merged.idRemap.size;
    ctx.emit({
      type: 'log',
      level: 'info',
      message: `Incremental re-plan: ${preserved} task(s) preserved, ${replanned} task(s) re-planned`,
    });
  }

  if (backup)
    ctx.emit({
      type: 'log',
      level: 'detail',
      message: `Previous plan backed up to ${ctx.project.rootRelative(backup)}`,
    });
  if (request.oldPlan) {
    const summary = summarizePlanChange(request.oldPlan, plan, merged.idRemap);
    ctx.emit({ type: 'plan-changes', lines: formatPlanChangeSummary(summary) });
  }
  ctx.emit({
    type: 'log',
    level: 'success',
    message: `${plan.task.length} tasks planned across ${plan.meta.specs.length} spec(s) → ${ctx.project.rootRelative(paths.plan)}`,
  });
  return { ...(backup ? { backup } : {}), removedOutputs };
}
