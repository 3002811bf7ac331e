// What every run needs from the activated extension: set once by registerRuns() in activate(), read by
// runCli() and the commands (runCli's signature is the contract, so it cannot take these as parameters).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ExtensionContext, type LogOutputChannel, workspace } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { parseSettings, type SettingKey, type Settings, settingsSection } from '../settings';

export interface RunsRuntime {
  readonly extension: ExtensionContext;
  readonly client: LanguageClient;
  readonly log: LogOutputChannel;
  /** Absolute path of the bundled CLI (dist/cli.js). */
  readonly cliPath: string;
  /** A private temp folder for the runs' events files; removed when the extension deactivates. */
  readonly eventsDir: string;
}

let current: RunsRuntime | undefined;

export function setRuntime(
  extension: ExtensionContext,
  client: LanguageClient,
  log: LogOutputChannel,
): {
  dispose(): void;
} {
  const eventsDir = mkdtempSync(join(tmpdir(), 'ossature-runs-'));
  current = { extension, client, log, cliPath: extension.asAbsolutePath(join('dist', 'cli.js')), eventsDir };
  return {
    dispose: () => {
      current = undefined;
      rmSync(eventsDir, { recursive: true, force: true });
    },
  };
}

export function runtime(): RunsRuntime {
  if (!current)
    throw new Error('The Ossature extension is not active: runs start only once it has activated.');
  return current;
}

/** The settings as they are now (runs read them at start, so a change applies to the next run). */
export function currentSettings(): Settings {
  const configuration = workspace.getConfiguration(settingsSection);
  return parseSettings(
    (key: SettingKey) => configuration.get(key),
    (key, value) =>
      current?.log.warn(
        `Setting ${settingsSection}.${key} has an invalid value ${JSON.stringify(value)}; using its default`,
      ),
  );
}
