// Before a test that resets the trio project on disk: no `ossature` run may still be writing it (a run an earlier
// test left going would rewrite plan.toml after the reset), and no editor may hold its files (an open plan.toml is
// the language server's text until VS Code reloads it from disk). Bounded waits on VS Code events, no sleeps.
import * as vscode from 'vscode';
import { trioRoot } from './trio';
import { waitForEvent } from './wait';

const runningOssatureTasks = () =>
  vscode.tasks.taskExecutions.filter((execution) => execution.task.definition.type === 'ossature').length;

function uriOf(tab: vscode.Tab): vscode.Uri | undefined {
  const input = tab.input;
  if (input instanceof vscode.TabInputText) return input.uri;
  if (input instanceof vscode.TabInputTextDiff) return input.modified;
  return undefined;
}

/** Waits for running `ossature` tasks to end, then closes the saved editors of trio files. */
export async function quietTrio(): Promise<void> {
  await waitForEvent(
    vscode.tasks.onDidEndTask,
    runningOssatureTasks,
    (n) => n === 0,
    'no ossature run going on',
    60_000,
  );
  const root = trioRoot();
  const tabs = vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => !tab.isDirty && uriOf(tab)?.fsPath.startsWith(`${root}/`));
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
}
