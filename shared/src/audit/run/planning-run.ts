import { specTaskPlanSchema } from '../../llm';
import type { Plan, PlanTask } from '../../model/plan';
import { filesBelow } from '../../project/files-below';
import { profileFor, render } from '../../prompts';
import {
  buildPlannerUserPrompt,
  type PlannerPromptId,
  type PlannerPromptInput,
  plannerPromptId,
  previousTasksForSpec,
} from '../planner-input';
import { type ResolvedPlannerTask, resolvePreservedRefs } from '../preserved-refs';
import { renderSnapshot, snapshotDiff } from '../snapshot';
import type { AuditFinding, VerifyProfile } from '../types';
import { checkVerifyCommands, formatVerifyCommandErrors } from '../verify-validator';
import { synthesizeVerifyTasks, type VerifyTaskSpec } from '../vmd-tasks';
import { readTextFile, writePrompt, writeResponse } from './artifacts';
import { type RunContext, signalOf } from './context';
import { inStep } from './errors';
import type { AuditProject } from './project';

/**
 * Planning, the model part (reference §4.7 steps 1–3): the context inventory, the deterministic VMD verify
 * tasks, then one planner call per spec to plan — `audit.plan_replan` when the spec has a snapshot diff and
 * previous tasks, else `audit.plan_initial` — with the verify-command validator (§4.8) checking every
 * answer through the structured call's `validate` hook, so a bad plan is sent back with the validator's
 * message and counts against `[llm] retries`. Snapshots are returned, not written: they are saved together
 * with plan.toml (see plan-commit.ts), so an interrupted run never leaves a snapshot newer than its plan.
 */

export type PlanMode = 'full' | 'incremental';

/** Every file under the context folder, relative with `/`, sorted. */
export function contextInventory(contextDir: string): string[] {
  return filesBelow(contextDir).sort();
}

export function verifyTasksOf(project: AuditProject): {
  bySpec: Map<string, VerifyTaskSpec[]>;
  warnings: string[];
} {
  return synthesizeVerifyTasks({
    root: project.root,
    language: project.config.output.language,
    testCommand: project.config.test.command,
    vmds: project.workspace.index.vmds,
    amdsBySpec: project.workspace.index.amdsBySpec,
  });
}

export function verifyProfileOf(language: string): VerifyProfile {
  const profile = profileFor(language);
  return {
    name: profile.name,
    buildInvocationTokens: profile.buildInvocationTokens,
    sourceExtensions: profile.sourceExtensions,
    manifestFilenames: profile.manifestFilenames,
  };
}

/** Everything one planner call needs, computed without a model. */
export interface PlannerRequest {
  specId: string;
  promptId: PlannerPromptId;
  system: string;
  user: string;
  snapshot: string;
  /** The spec's tasks in the current plan (what PreservedTaskRefs point into). */
  previousTasks: PlanTask[];
}

export interface PlannerRequestInput {
  mode: PlanMode;
  oldPlan: Plan | undefined;
  findings: readonly AuditFinding[];
  verifyTasks: readonly VerifyTaskSpec[];
  contextFiles: readonly string[];
}

export function plannerRequest(
  project: AuditProject,
  specId: string,
  input: PlannerRequestInput,
): PlannerRequest {
  const { config } = project;
  const snapshot = renderSnapshot(project.smd(specId), project.amds(specId));
  let diff: string | undefined;
  let previousTasks: PlanTask[] = [];
  if (input.mode === 'incremental' && input.oldPlan) {
    const before = readTextFile(project.paths.snapshot(specId));
    diff = before === undefined ? undefined : snapshotDiff(before, snapshot);
    previousTasks = previousTasksForSpec(input.oldPlan.task, specId);
  }
  const prompt: PlannerPromptInput = {
    project: {
      name: config.project.name,
      version: config.project.version,
      language: config.output.language,
      ...(config.output.framework ? { framework: config.output.framework } : {}),
    },
    snapshot,
    ...(diff ? { diff } : {}),
    previousTasks,
    findings: input.findings,
    setup: config.build.setup,
    verifyTasks: input.verifyTasks,
    contextFiles: input.contextFiles,
  };
  const promptId = plannerPromptId(prompt);
  return {
    specId,
    promptId,
    system: render(promptId, { language: config.output.language }),
    user: buildPlannerUserPrompt(prompt),
    snapshot,
    previousTasks,
  };
}

/** One planner call: saves the prompt and the raw answer, resolves PreservedTaskRefs. */
export async function planSpec(
  ctx: RunContext,
  request: PlannerRequest,
  profile: VerifyProfile,
): Promise<ResolvedPlannerTask[]> {
  const dir = ctx.project.paths.plannerDir(request.specId);
  return inStep(`Planning ${request.specId}`, ctx.signal, async () => {
    writePrompt(dir, request.user);
    const { value, retries } = await ctx.client.callStructured('planner', {
      system: request.system,
      user: request.user,
      schema: specTaskPlanSchema,
      name: 'SpecTaskPlan',
      description: 'Return the task plan of this specification: the tasks in execution order.',
      validate: (plan) => {
        const errors = checkVerifyCommands(plan, profile);
        return errors.length > 0 ? formatVerifyCommandErrors(errors) : undefined;
      },
      labels: { spec: request.specId, operation: 'planner' },
      ...signalOf(ctx),
    });
    writeResponse(dir, value);
    const tasks = resolvePreservedRefs(value, request.previousTasks);
    const kept = value.tasks.filter((t) => t.kind === 'preserved').length;
    ctx.emit({
      type: 'log',
      level: 'info',
      message: `${request.specId}: ${tasks.length} task(s) planned${kept > 0 ? ` (${kept} preserved)` : ''}${retries > 0 ? ` after ${retries} correction(s)` : ''}`,
    });
    return tasks;
  });
}
