// Entry of the VS Code extension: starts the Ossature language server and registers the commands.
import { type ExtensionContext, window, workspace } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands/register';
import { registerPlanSummary } from './commands/review-plan';
import { registerOfflineModelStatus } from './demo/offline-model-label';
import { createLanguageClient } from './language-client';
import { type ActivationMarks, logActivation, measureRunEventLoop } from './measure/measurements';
import { registerPlanFeatures } from './plan/register-plan';
import { type RunsApi, registerRuns, runsApi } from './runs/register-runs';
import { parseSettings, type SettingKey, type Settings, settingsSection } from './settings';
import type { OssatureTesting } from './testing/plan-testing';

/**
 * What `activate()` returns. Activation does not wait for the language server (it would hold up the
 * workbench); `ready` settles once the server has started (or failed to), so tests await it, never sleep.
 */
export interface OssatureApi {
  readonly client: LanguageClient;
  readonly ready: Promise<void>;
  /** Runs of the CLI (client/src/runs/): runCli, onRunEvent, and what the run notifications' buttons do. */
  readonly runs: RunsApi;
  /** The Testing items of the plan (client/src/testing/) and the outcomes reported on them. */
  readonly testing: OssatureTesting;
}

let activeClient: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<OssatureApi> {
  const marks: ActivationMarks = { startedAt: performance.now() };
  const log = window.createOutputChannel('Ossature', { log: true });
  context.subscriptions.push(log);

  let settings = readSettings(log);
  const { client } = createLanguageClient({
    serverModule: context.asAbsolutePath('dist/server.js'),
    log,
    validationEnabled: () => settings['validate.enable'],
  });
  activeClient = client;
  context.subscriptions.push(client, ...registerCommands({ client, log }));
  context.subscriptions.push(...registerRuns(context, client, log), ...registerPlanSummary(client));
  context.subscriptions.push(...registerOfflineModelStatus(), ...measureRunEventLoop(log));
  const plan = registerPlanFeatures(client, log);
  context.subscriptions.push(...plan.disposables);

  context.subscriptions.push(
    workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration(settingsSection)) return;
      const before = settings;
      settings = readSettings(log);
      // Diagnostics already dropped or shown are only republished by a fresh server pass.
      if (before['validate.enable'] !== settings['validate.enable'] && client.isRunning()) {
        log.info(`ossature.validate.enable is now ${settings['validate.enable']}: restarting the server`);
        await client.restart();
      }
    }),
  );

  marks.serverStartAt = performance.now();
  const ready = client.start().then(
    () => {
      marks.serverReadyAt = performance.now();
      log.info('Ossature language server started');
      logActivation(log, marks);
    },
    (error: unknown) => {
      log.error('The Ossature language server did not start', error);
      logActivation(log, marks);
      void window
        .showErrorMessage(
          'The Ossature language server did not start. See the "Ossature" output.',
          'Show Output',
        )
        .then((choice) => choice && log.show());
    },
  );
  marks.activatedAt = performance.now();
  return { client, ready, runs: runsApi, testing: plan.testing };
}

export async function deactivate(): Promise<void> {
  const client = activeClient;
  activeClient = undefined;
  if (client?.isRunning()) await client.stop();
}

function readSettings(log: { warn(message: string): void }): Settings {
  const configuration = workspace.getConfiguration(settingsSection);
  return parseSettings(
    (key: SettingKey) => configuration.get(key),
    (key, value) =>
      log.warn(
        `Setting ${settingsSection}.${key} has an invalid value ${JSON.stringify(value)}; using its default`,
      ),
  );
}
