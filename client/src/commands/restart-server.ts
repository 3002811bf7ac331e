import type { LogOutputChannel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** Stops the language server (if running) and starts a fresh one, which re-validates the whole workspace. */
export async function restartServer(client: LanguageClient, log: LogOutputChannel): Promise<void> {
  log.info('Restarting the Ossature language server');
  if (client.isRunning()) {
    await client.restart();
  } else {
    await client.start();
  }
}
