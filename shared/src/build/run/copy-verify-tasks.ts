import type { PlanTask } from '../../model/plan';
import { runCopyTask } from '../copy-task';
import { TaskSandbox } from '../tools';
import { verifyFixPrompt, writeVerifyMaterials } from '../verify-task';
import type { BuildContext, TaskOutcome } from './context';
import { firstLine } from './errors';
import { fixLoop } from './fix-loop';
import type { TaskFiles } from './task-files';
import type { TaskInput } from './task-input';
import { verifyTask } from './verify-step';

/**
 * The two kinds of task that need no model to produce their files: verbatim copies from the context
 * directory (reference §5.8) and the author's VMD verification cases (§5.9: fixture + harness written by
 * Ossature; only a failing run calls the `fixer` model, on the implementation files).
 */

export function runCopyStep(
  ctx: BuildContext,
  task: PlanTask,
  prompt: string,
  files: TaskFiles,
): TaskOutcome {
  ctx.emitter.emit({ type: 'task-phase', id: task.id, phase: 'copy' });
  files.write('prompt.md', prompt);
  try {
    const result = runCopyTask(task, ctx.project.paths.contextDir, ctx.project.paths.outputDir, (dest) =>
      files.before.note(dest),
    );
    files.write('response.md', result.response);
    const outcome = { success: true, created: result.created, edited: [], verifyOutput: result.verifyOutput };
    files.writeOutput(outcome);
    return outcome;
  } catch (error) {
    const message = `[copy task error] ${firstLine(error)}`;
    files.write('response.md', `${message}\n`);
    const outcome = {
      success: false,
      created: [],
      edited: [],
      verifyOutput: message,
      error: firstLine(error),
    };
    files.writeOutput(outcome);
    return outcome;
  }
}

export async function runVerifyStep(
  ctx: BuildContext,
  task: PlanTask,
  input: Extract<TaskInput, { kind: 'verify' }>,
  files: TaskFiles,
): Promise<TaskOutcome> {
  ctx.emitter.emit({ type: 'task-phase', id: task.id, phase: 'prepare' });
  files.write('prompt.md', input.prompt);
  const fail = (error: string, created: string[] = [], output = ''): TaskOutcome => {
    const outcome = {
      success: false,
      created,
      edited: [],
      verifyOutput: [error, output].filter(Boolean).join('\n\n'),
      error,
    };
    files.writeOutput(outcome);
    return outcome;
  };
  if (!input.materials) return fail(input.problem ?? 'The verification task could not be prepared.');
  const materials = input.materials;
  const outputDir = ctx.project.paths.outputDir;
  files.before.note(materials.fixturePath);
  files.before.note(materials.harnessPath);
  const created = writeVerifyMaterials(materials, outputDir);
  const verdict = await verifyTask(ctx, task);
  if (verdict.kind === 'aborted')
    return { success: false, created, edited: [], verifyOutput: verdict.output, interrupted: true };
  if (verdict.kind === 'pass') {
    const outcome = { success: true, created, edited: [], verifyOutput: verdict.output };
    files.writeOutput(outcome);
    return outcome;
  }
  if (verdict.kind === 'fail') return fail(verdict.error, created, verdict.output);
  if (materials.implementationFiles.length === 0) {
    return fail(
      `The author's cases fail and spec ${task.spec} has no implementation files to fix. Build the spec's tasks first, then run \`ossature retry --only ${task.id}\`.`,
      created,
      verdict.output,
    );
  }
  const sandbox = new TaskSandbox({
    outputDir,
    contextDir: ctx.project.paths.contextDir,
    protectedPaths: [materials.fixturePath, materials.harnessPath],
    beforeFirstWrite: (rel) => files.before.note(rel),
  });
  const result = await fixLoop(ctx, {
    task,
    files,
    sandbox,
    output: verdict.output,
    role: 'fixer',
    promptFor: (output) =>
      verifyFixPrompt({
        materials,
        task,
        errorOutput: output,
        outputDir,
        maxInlineLines: ctx.project.config.build.max_inline_lines,
      }),
  });
  if (result.kind === 'aborted')
    return { success: false, created, edited: [], verifyOutput: result.output, interrupted: true };
  const edited = [...sandbox.createdFiles, ...sandbox.editedFiles].filter((f) => !created.includes(f));
  if (result.kind === 'fail') {
    const outcome = {
      success: false,
      created,
      edited,
      verifyOutput: `${result.error}\n\n${result.output}`,
      error: result.error,
    };
    files.writeOutput(outcome);
    return outcome;
  }
  const outcome = { success: true, created, edited, verifyOutput: result.output };
  files.writeOutput(outcome);
  return outcome;
}
