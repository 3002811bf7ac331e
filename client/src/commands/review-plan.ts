// "Ossature: Review Plan": plan.toml in the editor (an ordinary TOML document with the server's diagnostics,
// hovers and completion) and beside it a read-only summary (`ossature-summary:` documents, markdown) that is
// rendered from the server's PlanTasksRequest and BuildForecastRequest and refreshed after runs and saves.
import { existsSync } from 'node:fs';
import {
  type Disposable,
  EventEmitter,
  languages,
  type TextDocumentContentProvider,
  Uri,
  ViewColumn,
  window,
  workspace,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { BuildForecastRequest } from '../../../shared/src/protocol';
import { onRunEvent } from '../runs/run-cli';
import { pickProject, planOf } from './pick';
import { renderPlanSummary } from './plan-summary';

export const SUMMARY_SCHEME = 'ossature-summary';

/** The summary document of a project: `ossature-summary:/<name> plan.md?<config file>`. */
export function summaryUri(configFile: string, name: string): Uri {
  return Uri.from({ scheme: SUMMARY_SCHEME, path: `/${name} plan.md`, query: configFile });
}

export function registerPlanSummary(client: LanguageClient): Disposable[] {
  const changed = new EventEmitter<Uri>();
  const open = new Set<string>();
  const provider: TextDocumentContentProvider = {
    onDidChange: changed.event,
    provideTextDocumentContent: async (uri) => {
      open.add(uri.toString());
      const configFile = uri.query;
      const plan = await planOf(client, configFile);
      if (!plan) return `# Plan\n\nThe language server knows no project at ${configFile}.\n`;
      const forecast = await client
        .sendRequest(BuildForecastRequest, { configFile })
        .catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
      return renderPlanSummary(plan, forecast);
    },
  };
  const refresh = () => {
    for (const uri of open) changed.fire(Uri.parse(uri));
  };
  return [
    changed,
    workspace.registerTextDocumentContentProvider(SUMMARY_SCHEME, provider),
    onRunEvent(({ event }) => {
      if (event.type === 'run-finished') refresh();
    }),
    workspace.onDidSaveTextDocument((document) => {
      if (document.uri.path.endsWith('/.ossature/plan.toml')) refresh();
    }),
    workspace.onDidCloseTextDocument((document) => {
      if (document.uri.scheme === SUMMARY_SCHEME) open.delete(document.uri.toString());
    }),
  ];
}

/** Opens the project's plan.toml and its summary beside it; returns both documents' URIs. */
export async function reviewPlan(
  client: LanguageClient,
  configFile?: unknown,
): Promise<{ plan: Uri; summary: Uri } | undefined> {
  const project = await pickProject(client, configFile);
  if (!project) return undefined;
  const plan = await planOf(client, project.configFile);
  if (!plan || !existsSync(plan.planFile)) {
    void window.showWarningMessage(
      `Ossature: ${project.name} has no plan yet (.ossature/plan.toml). Run Ossature: Audit to plan the build.`,
    );
    return undefined;
  }
  const planUri = Uri.file(plan.planFile);
  await window.showTextDocument(planUri, { viewColumn: ViewColumn.One, preview: false });
  const summary = summaryUri(project.configFile, plan.name);
  const document = await workspace.openTextDocument(summary);
  await languages.setTextDocumentLanguage(document, 'markdown');
  await window.showTextDocument(document, {
    viewColumn: ViewColumn.Beside,
    preview: true,
    preserveFocus: true,
  });
  return { plan: planUri, summary };
}
