import type { PlanTask } from '../../model/plan';
import { fixPrompt, isReviewable, WRITE_FILE_REMINDER } from '../prompt';
import { TaskSandbox } from '../tools';
import { runAgentStep } from './agent-step';
import type { BuildContext, TaskOutcome } from './context';
import { firstLine, isAbort } from './errors';
import { fixLoop, isFatalModelError, type LoopResult } from './fix-loop';
import { reviewStep } from './review-step';
import type { TaskFiles } from './task-files';
import { verifyTask } from './verify-step';

/**
 * A task the model implements (reference §5.4): implement → verify → fix loop → review, every prompt and
 * response kept in the task's folder. Model errors a retry cannot fix (key, model, credit) are thrown;
 * everything else ends as a failed outcome that says why.
 */

const IMPLEMENT_RETRIES = 2;

export async function runLlmTask(
  ctx: BuildContext,
  task: PlanTask,
  prompt: string,
  files: TaskFiles,
): Promise<TaskOutcome> {
  const paths = ctx.project.paths;
  const sandbox = new TaskSandbox({
    outputDir: paths.outputDir,
    contextDir: paths.contextDir,
    beforeFirstWrite: (rel) => files.before.note(rel),
  });
  const outcome = (result: LoopResult | { kind: 'pass'; output: string }, error?: string): TaskOutcome => ({
    success: result.kind === 'pass',
    created: [...sandbox.createdFiles],
    edited: [...sandbox.editedFiles],
    verifyOutput: result.output,
    ...(result.kind === 'fail' ? { error: result.error } : error ? { error } : {}),
    ...(result.kind === 'aborted' ? { interrupted: true } : {}),
  });

  files.write('prompt.md', prompt);
  ctx.emitter.emit({ type: 'task-phase', id: task.id, phase: 'implement' });
  let response = '';
  try {
    for (let round = 0; ; round++) {
      const result = await runAgentStep(ctx, {
        kind: 'implementer',
        user: round === 0 ? prompt : `${prompt}\n\n${WRITE_FILE_REMINDER}`,
        taskId: task.id,
        spec: task.spec,
        operation: 'implement',
        sandbox,
      });
      response = result.text;
      const touched = sandbox.createdFiles.length + sandbox.editedFiles.length > 0;
      if (touched || task.outputs.length === 0 || round >= IMPLEMENT_RETRIES) break;
    }
  } catch (error) {
    if (isAbort(error, ctx.signal)) return outcome({ kind: 'aborted', output: '' });
    if (isFatalModelError(error)) throw error;
    files.write('response.md', `[agent error] ${firstLine(error)}\n`);
    return finish(
      files,
      outcome({ kind: 'fail', output: '', error: `The implementer failed: ${firstLine(error)}` }),
    );
  }
  files.write('response.md', response);
  if (task.outputs.length > 0 && sandbox.createdFiles.length + sandbox.editedFiles.length === 0) {
    return finish(
      files,
      outcome({
        kind: 'fail',
        output: '',
        error: `The implementer wrote none of the task's files after ${IMPLEMENT_RETRIES + 1} tries.`,
      }),
    );
  }

  let result: LoopResult = { kind: 'pass', output: '' };
  if (task.verify.length > 0) {
    const verdict = await verifyTask(ctx, task);
    if (verdict.kind === 'fix') {
      result = await fixLoop(ctx, {
        task,
        files,
        sandbox,
        output: verdict.output,
        role: 'build',
        promptFor: (output) =>
          fixPrompt({
            errorOutput: output,
            verifyCommands: task.verify,
            task,
            outputDir: paths.outputDir,
            maxInlineLines: ctx.project.config.build.max_inline_lines,
          }),
      });
    } else result = verdict;
  }
  if (result.kind === 'pass' && ctx.project.config.build.review && isReviewable(ctx.prompts, task)) {
    result = await reviewStep(ctx, task, files, sandbox, result.output);
  }
  return finish(files, outcome(result));
}

/** Saves output.toml (unless interrupted: the task stays pending and its last record stays). */
function finish(files: TaskFiles, outcome: TaskOutcome): TaskOutcome {
  if (!outcome.interrupted) {
    files.writeOutput({
      created: outcome.created,
      edited: outcome.edited,
      success: outcome.success,
      verifyOutput: outcome.success
        ? outcome.verifyOutput
        : [outcome.error, outcome.verifyOutput].filter(Boolean).join('\n\n'),
    });
  }
  return outcome;
}
