// What a task review offers: Keep (close the diff: the task's files stay as they are), Rerun (`retry --only ID`
// through the Rerun Task command, then review again), Mark manual (the task's `status` becomes `manual` in
// plan.toml through the server's TaskStatusEditRequest, so builds leave it and its files to you). The open review
// tabs are tracked so the diff's title actions (context key `ossature.taskReviewActive`) know their task.
import {
  commands,
  type Disposable,
  type LogOutputChannel,
  type Tab,
  Uri,
  WorkspaceEdit,
  window,
  workspace,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { type PlanTaskInfo, TaskStatusEditRequest } from '../../../shared/src/protocol';
import { pickProject, pickTask } from '../commands/pick';
import { sameFile } from '../plan/plan-tasks';
import type { RunResult } from '../runs/run-request';

export const REVIEW_CONTEXT_KEY = 'ossature.taskReviewActive';

interface OpenReview {
  configFile: string;
  taskId: string;
  /** Its tab has been seen (the changes editor opens its tab a moment after the command returns). */
  seen?: boolean;
}

/** Open reviews by their tab title. */
const reviews = new Map<string, OpenReview>();

export function reviewTitle(task: Pick<PlanTaskInfo, 'id' | 'title'>): string {
  return `Task ${task.id} — ${task.title}`;
}

export function trackReview(title: string, configFile: string, task: Pick<PlanTaskInfo, 'id'>): void {
  const review: OpenReview = { configFile, taskId: task.id };
  reviews.set(title, review);
  review.seen = allTabs().some((tab) => reviewIn(tab)?.[0] === title);
  updateContext();
}

function allTabs(): Tab[] {
  return window.tabGroups.all.flatMap((group) => group.tabs);
}

/** The review a tab shows: the changes editor labels it with its title and a count, "Task 003 — X (2 files)". */
function reviewIn(tab: Tab | undefined): [string, OpenReview] | undefined {
  if (!tab) return undefined;
  for (const entry of reviews) {
    if (tab.label === entry[0] || tab.label.startsWith(`${entry[0]} (`)) return entry;
  }
  return undefined;
}

/** The review in the active tab, if it is one. */
function activeReview(): OpenReview | undefined {
  return reviewIn(window.tabGroups.activeTabGroup.activeTab)?.[1];
}

function updateContext(): void {
  void commands.executeCommand('setContext', REVIEW_CONTEXT_KEY, activeReview() !== undefined);
}

/** Keeps the context key in step with the active tab; forgets reviews whose tab is gone. */
export function registerReviewTracking(): Disposable {
  return window.tabGroups.onDidChangeTabs(() => {
    const open = new Set(allTabs().flatMap((tab) => reviewIn(tab)?.[0] ?? []));
    for (const [title, review] of [...reviews]) {
      if (open.has(title)) review.seen = true;
      else if (review.seen) reviews.delete(title);
    }
    updateContext();
  });
}

/** The task an action is about: its arguments, else the review in the active tab. */
function targetOf(configFile: unknown, taskId: unknown): OpenReview | undefined {
  if (typeof configFile === 'string' && typeof taskId === 'string') return { configFile, taskId };
  return activeReview();
}

/** Closes the review tabs of a task; resolves with how many closed. */
async function closeReviews(target: OpenReview): Promise<number> {
  const tabs = allTabs().filter((tab) => {
    const review = reviewIn(tab)?.[1];
    return review?.taskId === target.taskId && sameFile(review.configFile, target.configFile);
  });
  if (tabs.length > 0) await window.tabGroups.close(tabs);
  return tabs.length;
}

/** Keep: the task's changes stay; the review closes. Resolves with whether a review was open. */
export async function keepTask(configFile?: unknown, taskId?: unknown): Promise<boolean> {
  const target = targetOf(configFile, taskId);
  if (!target) {
    void window.showInformationMessage(
      'Ossature: no task review is open. Open one with the Diff lens of a task in plan.toml.',
    );
    return false;
  }
  return (await closeReviews(target)) > 0;
}

/** Mark manual: sets the task's status to `manual` in plan.toml (only that value changes) and saves. */
export async function markManual(
  client: LanguageClient,
  configFile?: unknown,
  taskId?: unknown,
): Promise<boolean> {
  let target = targetOf(configFile, taskId);
  if (!target) {
    const project = await pickProject(client, configFile);
    if (!project) return false;
    const task = await pickTask(client, project.configFile, taskId, 'Mark which task manual?');
    if (!task) return false;
    target = { configFile: project.configFile, taskId: task.id };
  }
  const { uri, edits } = await client.sendRequest(TaskStatusEditRequest, {
    configFile: target.configFile,
    taskId: target.taskId,
    status: 'manual',
  });
  const planUri = Uri.parse(uri);
  if (edits.length > 0) {
    const edit = new WorkspaceEdit();
    edit.set(planUri, await client.protocol2CodeConverter.asTextEdits(edits));
    if (!(await workspace.applyEdit(edit))) {
      throw new Error(
        `Ossature: could not edit ${planUri.fsPath}; is it read-only? Set the task's status by hand.`,
      );
    }
    await (await workspace.openTextDocument(planUri)).save();
  }
  await closeReviews(target);
  void window.showInformationMessage(
    `Ossature: task ${target.taskId} is manual now: builds leave it and its files to you (set its status back to pending to build it again).`,
  );
  return true;
}

/** Rerun: closes the review, reruns the task and its dependents, and reviews it again when the run ran. */
export async function rerunReviewed(
  _client: LanguageClient,
  log: LogOutputChannel,
  configFile: string,
  task: Pick<PlanTaskInfo, 'id'>,
): Promise<void> {
  await closeReviews({ configFile, taskId: task.id });
  const result = (await commands.executeCommand('ossature.rerunTask', configFile, task.id)) as
    | RunResult
    | undefined;
  if (!result || result.cancelled || result.exitCode === undefined) return;
  log.info(`Task ${task.id} ran again (exit ${result.exitCode}): reviewing its changes`);
  await commands.executeCommand('ossature.reviewTask', configFile, task.id);
}
