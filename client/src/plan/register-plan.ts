// Wires the plan's editor features into the activated extension: the plan's tasks from the server (shared by
// all of them), the live run state, the decorations on plan.toml, the Testing items and the task review's
// empty documents and tab tracking. Called once from activate().
import type { Disposable, LogOutputChannel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerBeforeDocuments } from '../review/before-document';
import { registerReviewTracking } from '../review/review-actions';
import { cancelRun, onRunEvent, runCli } from '../runs/run-cli';
import { type OssatureTesting, PlanTesting } from '../testing/plan-testing';
import { PlanDecorations } from './decorations';
import { LiveTasks } from './live-tasks';
import { PlanTasksStore } from './plan-tasks';

export interface PlanFeatures {
  readonly disposables: Disposable[];
  readonly testing: OssatureTesting;
}

export function registerPlanFeatures(client: LanguageClient, log: LogOutputChannel): PlanFeatures {
  const store = new PlanTasksStore(client, log);
  const live = new LiveTasks(onRunEvent);
  const decorations = new PlanDecorations(store, live);
  const testing = new PlanTesting(store, live, { runCli, onRunEvent, cancelRun }, log);
  return {
    disposables: [store, live, decorations, testing, registerBeforeDocuments(), registerReviewTracking()],
    testing,
  };
}
