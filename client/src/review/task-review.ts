// `ossature.reviewTask` ([configFile, taskId]): a multi-file diff (VS Code's changes editor) of what the task's
// last run created or edited, each file against the "before" snapshot the engine kept when the task started
// (`.ossature/tasks/<id>-<slug>/before/` + `before.json`); a file the task created is compared with an empty
// document. Then Keep / Rerun / Mark manual, as a notification's buttons and as the diff's title actions.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commands, type LogOutputChannel, Uri, window } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  BEFORE_DIR,
  BEFORE_MANIFEST,
  type BeforeFile,
  parseBeforeManifest,
} from '../../../shared/src/model/before-snapshot';
import type { PlanTaskInfo } from '../../../shared/src/protocol';
import { pickProject, pickTask } from '../commands/pick';
import { beforeDocumentUri } from './before-document';
import { keepTask, markManual, rerunReviewed, reviewTitle, trackReview } from './review-actions';

export interface ReviewFile {
  /** Relative to the output directory. */
  path: string;
  /** The file now (what the changes editor labels the entry with); an empty document when it is gone. */
  after: Uri;
  /** Its snapshot, or an empty document when the task created it (before-document.ts). */
  before: Uri;
  /** False when the task created the file. */
  existed: boolean;
  /** The snapshot file under `.ossature/tasks/<id>-<slug>/before/`, when the file existed. */
  snapshot?: string;
}

/** Binary content (a NUL byte early on) is compared as files: the text provider would garble it. */
function isBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 8192).includes(0);
}

export interface TaskReview {
  configFile: string;
  taskId: string;
  /** The changes editor's title, e.g. "Task 003 — Greeting module". */
  title: string;
  files: ReviewFile[];
}

function readBytes(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** The task's changed files, or why there is nothing to show. */
export function reviewFiles(
  root: string,
  task: Pick<PlanTaskInfo, 'id' | 'taskDir'>,
): { files: ReviewFile[] } | { problem: string } {
  const manifestText = readBytes(join(task.taskDir, BEFORE_MANIFEST))?.toString('utf8');
  const manifest = manifestText === undefined ? undefined : parseBeforeManifest(manifestText);
  if (!manifest) {
    return {
      problem: `Task ${task.id} has no snapshot of its files from before its last run (it has not run since Ossature began keeping one, or .ossature/tasks was cleaned). Rerun it to review what it changes.`,
    };
  }
  const outputDir = join(root, manifest.outputDir);
  const files = manifest.files.flatMap((file: BeforeFile): ReviewFile[] => {
    const now = join(outputDir, ...file.path.split('/'));
    const snapshot = join(task.taskDir, BEFORE_DIR, ...file.path.split('/'));
    const nowBytes = readBytes(now);
    const beforeBytes = file.existed ? readBytes(snapshot) : undefined;
    if (nowBytes === undefined && beforeBytes === undefined) return [];
    if (nowBytes && beforeBytes && nowBytes.equals(beforeBytes)) return [];
    const before =
      beforeBytes !== undefined && isBinary(beforeBytes)
        ? Uri.file(snapshot)
        : beforeDocumentUri(now, beforeBytes === undefined ? undefined : snapshot);
    return [
      {
        path: file.path,
        after: nowBytes === undefined ? beforeDocumentUri(now, undefined) : Uri.file(now),
        before,
        existed: file.existed,
        ...(beforeBytes === undefined ? {} : { snapshot }),
      },
    ];
  });
  return { files };
}

/** Opens the review of a task's last run; resolves with what it shows (undefined when nothing opened). */
export async function reviewTask(
  client: LanguageClient,
  log: LogOutputChannel,
  configFile?: unknown,
  taskId?: unknown,
): Promise<TaskReview | undefined> {
  const project = await pickProject(client, configFile);
  if (!project) return undefined;
  const task = await pickTask(client, project.configFile, taskId, 'Review the changes of which task?');
  if (!task) return undefined;
  const found = reviewFiles(project.root, task);
  const title = reviewTitle(task);
  if ('problem' in found) {
    void window.showInformationMessage(`Ossature: ${found.problem}`, 'Rerun').then((choice) => {
      if (choice) void rerunReviewed(client, log, project.configFile, task);
    });
    return undefined;
  }
  if (found.files.length === 0) {
    void window.showInformationMessage(
      `Ossature: task ${task.id} changed no files in its last run: every file it touched is as it was before.`,
    );
    return { configFile: project.configFile, taskId: task.id, title, files: [] };
  }
  await commands.executeCommand(
    'vscode.changes',
    title,
    found.files.map((file) => [file.after, file.before, file.after]),
  );
  trackReview(title, project.configFile, task);
  const created = found.files.filter((file) => !file.existed).length;
  const summary = `${found.files.length} file${found.files.length === 1 ? '' : 's'} changed${created > 0 ? ` (${created} new)` : ''}`;
  void window
    .showInformationMessage(`Ossature: reviewing ${title}: ${summary}.`, 'Keep', 'Rerun', 'Mark Manual')
    .then((choice) => {
      if (choice === 'Keep') void keepTask(project.configFile, task.id);
      if (choice === 'Rerun') void rerunReviewed(client, log, project.configFile, task);
      if (choice === 'Mark Manual') void markManual(client, project.configFile, task.id);
    });
  log.info(`Reviewing ${title}: ${found.files.map((file) => file.path).join(', ')}`);
  return { configFile: project.configFile, taskId: task.id, title, files: found.files };
}
