import type { Plan } from '../../model/plan';
import { loadPlanFile } from '../../store/plan-file';
import { planDecision } from '../audit-scope';
import type { ResolvedPlannerTask } from '../preserved-refs';
import type { AuditFinding } from '../types';
import type { RunContext } from './context';
import type { AuditEventListener } from './events';
import { commitPlan, type MergeRequest, mergePlan } from './plan-commit';
import {
  contextInventory,
  type PlanMode,
  plannerRequest,
  planSpec,
  verifyProfileOf,
  verifyTasksOf,
} from './planning-run';
import type { AuditProject } from './project';

/**
 * Step 11 of the run (reference §4.7): decide whether and how to plan, plan the specs that need it, then
 * merge and commit. Specs that no longer exist but still have tasks force an incremental merge that drops
 * them (the original left them in the plan until a spec was audited).
 */

export interface PlanPhaseInput {
  replan: boolean;
  /** Specs audited this run, in project order. */
  audited: readonly string[];
  /** Spec id → the findings of its report (this run's or the cached one). */
  findings: ReadonlyMap<string, readonly AuditFinding[]>;
}

export interface PlanPhaseResult {
  mode: PlanMode;
  tasks: number;
  specs: number;
  planned: string[];
}

export interface PlanChoice {
  oldPlan: Plan | undefined;
  mode: PlanMode | undefined;
  /** Specs to send to the planner, in level order. */
  specs: string[];
  reason: string;
}

/** What planning would do, without a model (also used by --dry-run). */
export function choosePlanning(
  project: AuditProject,
  emit: AuditEventListener,
  input: PlanPhaseInput,
): PlanChoice {
  const loaded = loadPlanFile(project.paths.plan);
  if (loaded.kind === 'invalid') {
    emit({
      type: 'log',
      level: 'warn',
      message: `The existing plan.toml cannot be read (${loaded.error.message.split('\n', 1)[0]}); a full plan is written and the old file backed up.`,
    });
  }
  const oldPlan = loaded.kind === 'ok' ? loaded.document.plan : undefined;
  const order = project.levels.flat();
  const gone = oldPlan
    ? [...new Set(oldPlan.task.map((t) => t.spec))].filter((id) => !order.includes(id))
    : [];
  const decision = planDecision({
    audited: input.audited.length,
    planExists: oldPlan !== undefined,
    replan: input.replan,
  });
  if (!decision.plan) {
    if (gone.length === 0) return { oldPlan, mode: undefined, specs: [], reason: 'up to date' };
    return { oldPlan, mode: 'incremental', specs: [], reason: `tasks of removed spec(s) ${gone.join(', ')}` };
  }
  const specs = decision.mode === 'full' ? order : order.filter((id) => input.audited.includes(id));
  return { oldPlan, mode: decision.mode, specs, reason: decision.reason };
}

export async function runPlanPhase(
  ctx: RunContext,
  input: PlanPhaseInput,
): Promise<PlanPhaseResult | undefined> {
  const { project } = ctx;
  const choice = choosePlanning(project, ctx.emit, input);
  if (choice.mode === undefined) {
    ctx.emit({ type: 'log', level: 'info', message: 'Plan regeneration not required' });
    return undefined;
  }
  if (input.replan && choice.oldPlan) {
    ctx.emit({
      type: 'log',
      level: 'warn',
      message:
        'Overwriting the existing plan (--replan): manual edits are discarded; the old plan is backed up.',
    });
  }
  const contextFiles = contextInventory(project.paths.contextDir);
  const verify = verifyTasksOf(project);
  for (const warning of verify.warnings) ctx.emit({ type: 'log', level: 'warn', message: warning });
  const profile = verifyProfileOf(project.config.output.language);
  const specPlans = new Map<string, ResolvedPlannerTask[]>();
  const snapshots = new Map<string, string>();
  for (const specId of choice.specs) {
    const request = plannerRequest(project, specId, {
      mode: choice.mode,
      oldPlan: choice.oldPlan,
      findings: input.findings.get(specId) ?? [],
      verifyTasks: verify.bySpec.get(specId) ?? [],
      contextFiles,
    });
    specPlans.set(specId, await planSpec(ctx, request, profile));
    snapshots.set(specId, request.snapshot);
  }
  ctx.signal?.throwIfAborted();
  const request: MergeRequest = {
    mode: choice.mode,
    oldPlan: choice.oldPlan,
    specPlans,
    verifyTasks: verify.bySpec,
    snapshots,
  };
  const merged = mergePlan(ctx, request);
  commitPlan(ctx, request, merged);
  return {
    mode: choice.mode,
    tasks: merged.plan.task.length,
    specs: merged.plan.meta.specs.length,
    planned: choice.specs,
  };
}
