import type { PlanTask } from '../../model/plan';
import { missingOutputs } from '../missing-outputs';
import { looksLikeInvalidVerifyCommand } from '../verify-classify';
import { runVerify, type VerifyResult } from '../verify-run';
import type { BuildContext } from './context';

/**
 * Runs a task's `verify` commands in the output directory and sorts a failure into what happens next
 * (reference §5.4 steps 4–7): `pass`, `fix` (the fix loop may repair it), or `fail` (no fix loop helps:
 * the command itself is wrong, or declared outputs are missing).
 */

export type VerifyVerdict =
  | { kind: 'pass'; output: string }
  | { kind: 'fix'; output: string }
  | { kind: 'fail'; output: string; error: string }
  | { kind: 'aborted'; output: string };

export async function verifyTask(
  ctx: BuildContext,
  task: PlanTask,
  attempt?: number,
): Promise<VerifyVerdict> {
  ctx.emitter.emit({ type: 'task-phase', id: task.id, phase: 'verify', ...(attempt ? { attempt } : {}) });
  const outputDir = ctx.project.paths.outputDir;
  const started = performance.now();
  const result: VerifyResult = await runVerify(task.verify, {
    cwd: outputDir,
    timeoutMs: ctx.verifyTimeoutMs,
    signal: ctx.signal,
  });
  ctx.timings.addVerify(task.id, performance.now() - started);
  if (result.aborted) return { kind: 'aborted', output: result.output };
  ctx.emitter.emit({
    type: 'verify-output',
    id: task.id,
    passed: result.passed,
    output: clip(result.output),
  });
  if (result.passed) return { kind: 'pass', output: result.output };
  if (!result.timedOut && looksLikeInvalidVerifyCommand(result.output, outputDir)) {
    return {
      kind: 'fail',
      output: result.output,
      error: `Invalid verify command: the output looks like the command itself is wrong, not the code. Fix \`verify\` of task ${task.id} in .ossature/plan.toml, then run \`ossature retry --only ${task.id}\`.`,
    };
  }
  const missing = missingOutputs(task.outputs, outputDir);
  if (missing.length > 0) {
    return {
      kind: 'fail',
      output: result.output,
      error: `Missing outputs: ${missing.join(', ')} were not written. Check the task's outputs in .ossature/plan.toml, then run \`ossature retry --only ${task.id}\`.`,
    };
  }
  return { kind: 'fix', output: result.output };
}

/** Long output keeps its first and last lines (what an event or a panel shows). */
export function clip(output: string, keep = 10): string {
  const lines = output.split('\n');
  if (lines.length <= keep * 3) return output;
  return [
    ...lines.slice(0, keep),
    `… (${lines.length - 2 * keep} lines omitted) …`,
    ...lines.slice(-keep),
  ].join('\n');
}
