// Entry of the VS Code extension: starts the Ossature language server and registers the commands.
import { type ExtensionContext, window, workspace } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands/register';
import { createLanguageClient } from './language-client';
import { parseSettings, type SettingKey, type Settings, settingsSection } from './settings';

/** What `activate()` returns: tests await activation and get a started client. */
export interface OssatureApi {
  readonly client: LanguageClient;
}

let activeClient: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<OssatureApi> {
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

  try {
    await client.start();
    log.info('Ossature language server started');
  } catch (error) {
    log.error('The Ossature language server did not start', error);
    void window
      .showErrorMessage(
        'The Ossature language server did not start. See the "Ossature" output.',
        'Show Output',
      )
      .then((choice) => choice && log.show());
  }
  return { client };
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
