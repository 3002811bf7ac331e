import { LlmConfigError, LlmRequestError } from '../../llm';
import type { PlanTask } from '../../model/plan';
import { NO_OP_REMINDER } from '../prompt';
import type { TaskSandbox } from '../tools';
import { runAgentStep } from './agent-step';
import type { BuildContext } from './context';
import { firstLine, isAbort } from './errors';
import type { TaskFiles } from './task-files';
import { verifyTask } from './verify-step';

/**
 * The fix loop (reference §5.4 step 8): up to `max_fix_attempts` fresh fixer runs, each shown the latest
 * verify output, each followed by a re-verify. An attempt that changes nothing (compared by content, not
 * by which paths were touched) is asked again, twice, with a reminder that does not use up an attempt.
 */

export interface FixLoopInput {
  task: PlanTask;
  files: TaskFiles;
  sandbox: TaskSandbox;
  /** The failing verify output that starts the loop. */
  output: string;
  /** The fixer's prompt for a verify output. */
  promptFor(output: string): string;
  role: 'build' | 'fixer';
}

export type LoopResult =
  | { kind: 'pass'; output: string }
  | { kind: 'fail'; output: string; error: string }
  | { kind: 'aborted'; output: string };

const NO_OP_RETRIES = 2;

export async function fixLoop(ctx: BuildContext, input: FixLoopInput): Promise<LoopResult> {
  const { task, files, sandbox } = input;
  const max = ctx.project.config.build.max_fix_attempts;
  let output = input.output;
  let noOps = 0;
  for (let attempt = 1; attempt <= max; ) {
    const prompt = input.promptFor(output) + (noOps > 0 ? `\n\n${NO_OP_REMINDER}` : '');
    files.write(`fix-${attempt}-prompt.md`, prompt);
    ctx.emitter.emit({ type: 'task-phase', id: task.id, phase: 'fix', attempt });
    const before = sandbox.touchedContentHash();
    try {
      const result = await runAgentStep(ctx, {
        kind: 'fixer',
        role: input.role,
        user: prompt,
        taskId: task.id,
        spec: task.spec,
        operation: 'fix',
        sandbox,
      });
      files.write(`fix-${attempt}-response.md`, result.text);
    } catch (error) {
      if (isAbort(error, ctx.signal)) return { kind: 'aborted', output };
      if (isFatalModelError(error)) throw error;
      files.write(`fix-${attempt}-response.md`, `[agent error] ${firstLine(error)}\n`);
      attempt += 1;
      continue;
    }
    if (sandbox.touchedContentHash() === before) {
      if (noOps < NO_OP_RETRIES) {
        noOps += 1;
        continue;
      }
      attempt += 1;
      continue;
    }
    noOps = 0;
    const verdict = await verifyTask(ctx, task, attempt);
    if (verdict.kind === 'pass' || verdict.kind === 'aborted') return verdict;
    if (verdict.kind === 'fail') return verdict;
    output = verdict.output;
    attempt += 1;
  }
  return {
    kind: 'fail',
    output,
    error: `Verify still fails after ${max} fix attempt${max === 1 ? '' : 's'}. See .ossature/tasks/${files.dir.split(/[\\/]/).pop()}/ and run \`ossature retry --only ${task.id}\` after changing the plan or the code.`,
  };
}

/**
 * Model errors no retry of this task can fix: a configuration or key problem, or the provider refusing the
 * request (bad key, unknown model, no credit). They stop the build instead of failing task after task.
 */
export function isFatalModelError(error: unknown): boolean {
  if (error instanceof LlmConfigError) return true;
  return (
    error instanceof LlmRequestError &&
    error.status !== undefined &&
    [401, 402, 403, 404].includes(error.status)
  );
}
