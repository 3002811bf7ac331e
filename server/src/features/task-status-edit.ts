import { dirname, join, resolve } from 'node:path';
import { TASK_STATUSES, type TaskStatus } from '../../../shared/src/model/plan';
import type { TaskStatusEditParams, TaskStatusEditResult } from '../../../shared/src/protocol';
import { taskStatusEdits } from '../../../shared/src/store/plan-status-write';
import { SourceText } from '../../../shared/src/text/source-text';
import { pathToUri } from '../paths';

/**
 * `ossature/taskStatusEdit`: the text edit that sets one task's `status` in `.ossature/plan.toml`, computed
 * on the text the editor has (the open document's, else the disk's) by the same code the build uses to
 * record statuses (shared/src/store/plan-status-write.ts), so only that value changes and comments and
 * hand edits survive. The client applies it as a WorkspaceEdit and saves.
 */

/** A request the user's input or files make impossible; the server answers with this message. */
export class TaskStatusEditError extends Error {
  override name = 'TaskStatusEditError';
}

const STATUSES: ReadonlySet<string> = new Set(TASK_STATUSES);

export function provideTaskStatusEdit(
  params: TaskStatusEditParams,
  read: (file: string) => string | undefined,
): TaskStatusEditResult {
  if (!STATUSES.has(params.status)) {
    throw new TaskStatusEditError(
      `'${params.status}' is not a task status; use one of ${TASK_STATUSES.join(', ')}.`,
    );
  }
  const planFile = join(dirname(resolve(params.configFile)), '.ossature', 'plan.toml');
  const text = read(planFile);
  if (text === undefined) {
    throw new TaskStatusEditError(
      `There is no plan at ${planFile}, so task ${params.taskId} has no status to change. Run \`ossature audit\` to plan the build first.`,
    );
  }
  const source = new SourceText(text);
  const edits = taskStatusEdits(text, params.taskId, params.status as TaskStatus, planFile).map((edit) => ({
    range: source.rangeOfOffsets(edit.start, edit.end),
    newText: edit.text,
  }));
  return { uri: pathToUri(planFile), edits };
}
