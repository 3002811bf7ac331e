// Commands on one plan task (from its CodeLens, or the palette with a quick pick): Skip/Unskip, which edits only
// that task's `status` in plan.toml through the server's TaskStatusEditRequest and saves; and opening the files
// of its last run (`.ossature/tasks/<id>-<slug>/prompt.md`, `response.md`, `output.toml`).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Uri, WorkspaceEdit, window, workspace } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TaskStatusEditRequest } from '../../../shared/src/protocol';
import { pickProject, pickTask } from './pick';

/** Skips a task, or sets a skipped task back to pending; returns the new status. */
export async function toggleSkip(
  client: LanguageClient,
  configFile?: unknown,
  taskId?: unknown,
): Promise<string | undefined> {
  const project = await pickProject(client, configFile);
  if (!project) return undefined;
  const task = await pickTask(client, project.configFile, taskId, 'Skip or unskip which task?');
  if (!task) return undefined;
  const status = task.status === 'skipped' ? 'pending' : 'skipped';
  const { uri, edits } = await client.sendRequest(TaskStatusEditRequest, {
    configFile: project.configFile,
    taskId: task.id,
    status,
  });
  const target = Uri.parse(uri);
  const edit = new WorkspaceEdit();
  edit.set(target, await client.protocol2CodeConverter.asTextEdits(edits));
  if (!(await workspace.applyEdit(edit))) {
    throw new Error(`Ossature: could not edit ${target.fsPath}; is it read-only?`);
  }
  const document = await workspace.openTextDocument(target);
  await document.save();
  return status;
}

export type TaskFileKind = 'prompt' | 'response' | 'output';

const FILES: Record<TaskFileKind, string> = {
  prompt: 'prompt.md',
  response: 'response.md',
  output: 'output.toml',
};

/** Opens one file of the task's last run; says so when the task has not produced it yet. */
export async function openTaskFile(
  client: LanguageClient,
  configFile?: unknown,
  taskId?: unknown,
  which?: unknown,
): Promise<Uri | undefined> {
  const project = await pickProject(client, configFile);
  if (!project) return undefined;
  const task = await pickTask(client, project.configFile, taskId, 'Open a file of which task?');
  if (!task) return undefined;
  let kind = typeof which === 'string' && which in FILES ? (which as TaskFileKind) : undefined;
  if (!kind) {
    const picked = await window.showQuickPick(
      [
        { label: 'Prompt', description: FILES.prompt, file: 'prompt' as const },
        { label: 'Response', description: FILES.response, file: 'response' as const },
        { label: 'Verify output', description: FILES.output, file: 'output' as const },
      ],
      { title: `Task ${task.id}`, placeHolder: 'Which file?' },
    );
    kind = picked?.file;
  }
  if (!kind) return undefined;
  const file = join(task.taskDir, FILES[kind]);
  if (!existsSync(file)) {
    void window.showInformationMessage(
      `Ossature: task ${task.id} has no ${FILES[kind]} yet: it is written when the task runs. Build it first.`,
    );
    return undefined;
  }
  const uri = Uri.file(file);
  await window.showTextDocument(uri, { preview: true });
  return uri;
}
