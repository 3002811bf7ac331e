// Wires the runs into the activated extension: their runtime (client, log, key storage, temp folder), the task
// event routing, the `ossature` task provider and the run status bar item. Called once from activate().
import type { Disposable, ExtensionContext, LogOutputChannel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { answerRun, cancelRun, onRunEvent, runCli, trackTaskEvents } from './run-cli';
import { createRunStatusBar, runStatusText } from './run-status-bar';
import { setRuntime } from './runtime';
import { registerTaskProvider } from './task-provider';

/** What activate() exposes of the runs (tests drive what the notification buttons do through it). */
export interface RunsApi {
  readonly runCli: typeof runCli;
  readonly onRunEvent: typeof onRunEvent;
  /** What the progress notification's Cancel does. */
  readonly cancelRun: typeof cancelRun;
  /** What the step/failure notification buttons do. */
  readonly answerRun: typeof answerRun;
  /** The run status bar item's text now. */
  readonly statusText: typeof runStatusText;
}

export const runsApi: RunsApi = { runCli, onRunEvent, cancelRun, answerRun, statusText: runStatusText };

export function registerRuns(
  extension: ExtensionContext,
  client: LanguageClient,
  log: LogOutputChannel,
): Disposable[] {
  return [
    setRuntime(extension, client, log),
    ...trackTaskEvents(),
    registerTaskProvider(),
    createRunStatusBar(),
  ];
}
