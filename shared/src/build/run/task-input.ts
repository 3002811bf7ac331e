import type { PlanTask } from '../../model/plan';
import { matchedContextFiles } from '../copy-task';
import { inputHash, outputHash } from '../hashing';
import { copyTaskPrompt, taskPrompt } from '../prompt';
import { prepareVerifyTask, type VerifyTaskMaterials } from '../verify-task';
import type { BuildContext } from './context';

/**
 * What a task is given, assembled once per visit and used for the staleness check, the build and the
 * retry alike (reference §5.2 step 6): the prompt (a synthetic one for copy and verify tasks, §5.6) and
 * its input hash.
 */

export type TaskInput =
  | { kind: 'llm'; prompt: string; inputHash: string }
  | { kind: 'copy'; prompt: string; inputHash: string }
  | { kind: 'verify'; prompt: string; inputHash: string; materials?: VerifyTaskMaterials; problem?: string };

export function taskKind(task: PlanTask): TaskInput['kind'] {
  if (task.kind === 'verify') return 'verify';
  return task.source.length > 0 ? 'copy' : 'llm';
}

export function taskInput(ctx: Pick<BuildContext, 'project' | 'prompts'>, task: PlanTask): TaskInput {
  const contextDir = ctx.project.paths.contextDir;
  const hash = (prompt: string) => inputHash(prompt, task.context_files, contextDir);
  switch (taskKind(task)) {
    case 'copy': {
      const prompt = copyTaskPrompt(ctx.prompts, task, matchedContextFiles(task, contextDir));
      return { kind: 'copy', prompt, inputHash: hash(prompt) };
    }
    case 'verify': {
      const prepared = prepareVerifyTask({
        task,
        plan: ctx.project.plan,
        workspace: ctx.project.workspace,
        config: ctx.project.config,
        outputDir: ctx.project.paths.outputDir,
      });
      if ('problem' in prepared) {
        const prompt = prepared.syntheticPrompt;
        return { kind: 'verify', prompt, inputHash: hash(prompt), problem: prepared.problem };
      }
      return {
        kind: 'verify',
        prompt: prepared.syntheticPrompt,
        inputHash: hash(prepared.syntheticPrompt),
        materials: prepared,
      };
    }
    default: {
      const prompt = taskPrompt(ctx.prompts, task);
      return { kind: 'llm', prompt, inputHash: hash(prompt) };
    }
  }
}

/** The current output hash of a task's stored created files. */
export function currentOutputHash(
  ctx: Pick<BuildContext, 'project'>,
  createdFiles: readonly string[],
): string {
  return outputHash(ctx.project.paths.outputDir, createdFiles);
}
