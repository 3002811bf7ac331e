// The buildable project of the runs tests: `trio/` in the e2e workspace (test/e2e/fixtures/markman-overlay/trio,
// the trio project of test/support/build-fixture.ts: three JavaScript specs, four tasks verified with
// `node --check`), and the scripted model its runs talk to, started inside the extension host.
import { type Dirent, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { OssatureApi } from '../../../client/src/extension';
import type { RunEvent } from '../../../shared/src/model/events';
import { statuses } from '../../support/build-fixture';
import { type BuildModel, createBuildModel } from '../../support/scripted-build-model';
import {
  type RecordedRequest,
  type ScriptedServer,
  type StaticReply,
  startScriptedServer,
} from '../../support/scripted-messages-server';
import { workspaceUri } from './workspace';

/** The key the runs get; the tests check it reaches the model and no file. */
export const TEST_API_KEY = `sk-ant-e2e-${Date.now().toString(36)}-never-on-disk-0123456789`;

export const trioRoot = (): string => workspaceUri('trio').fsPath;
export const trioConfig = (): string => join(trioRoot(), 'ossature.toml');
export const trioStatuses = (): Record<string, string> => statuses(trioRoot());

let pristinePlan: string | undefined;

/** Puts the trio project back as the fixture has it: the plan all pending, no output, no build state. */
export function resetTrio(): void {
  const root = trioRoot();
  const plan = join(root, '.ossature', 'plan.toml');
  pristinePlan ??= readFileSync(plan, 'utf8');
  rmSync(join(root, 'output'), { recursive: true, force: true });
  for (const name of readdirSync(join(root, '.ossature'))) {
    if (name !== 'plan.toml') rmSync(join(root, '.ossature', name), { recursive: true, force: true });
  }
  writeFileSync(plan, pristinePlan);
}

/**
 * The scripted model, with the extension's runs pointed at it (`ossature.model.baseUrl`, workspace settings),
 * the test key stored with the Set API Key command, and the cost confirmation (a modal the tests cannot click)
 * turned off. `stop()` puts the settings back.
 */
export class TrioModel {
  /** While set, answers the requests it matches instead of the model (e.g. a reply that never comes). */
  hold: ((request: RecordedRequest) => StaticReply | undefined) | undefined;
  readonly model: BuildModel = createBuildModel();
  #server: ScriptedServer | undefined;

  get server(): ScriptedServer {
    if (!this.#server) throw new Error('the scripted model is not started');
    return this.#server;
  }

  async start(): Promise<void> {
    this.#server = await startScriptedServer({
      expectedKey: TEST_API_KEY,
      respond: (request) => this.hold?.(request) ?? this.model.respond(request),
    });
    const settings = vscode.workspace.getConfiguration('ossature');
    await settings.update('model.baseUrl', this.#server.url, vscode.ConfigurationTarget.Workspace);
    await settings.update('runs.confirmCost', false, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('ossature.setApiKey', TEST_API_KEY);
  }

  async stop(): Promise<void> {
    const settings = vscode.workspace.getConfiguration('ossature');
    await settings.update('model.baseUrl', undefined, vscode.ConfigurationTarget.Workspace);
    await settings.update('runs.confirmCost', undefined, vscode.ConfigurationTarget.Workspace);
    await this.#server?.close();
  }
}

/** The next run event `accept` takes (subscribe before starting the run); rejects after `ms`. */
export function runEvent(
  api: OssatureApi,
  accept: (event: RunEvent) => boolean,
  what: string,
  ms = 60_000,
): Promise<RunEvent> {
  return new Promise<RunEvent>((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`Timed out after ${ms} ms waiting for the run event: ${what}`));
    }, ms);
    const subscription = api.runs.onRunEvent(({ event }) => {
      if (!accept(event)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(event);
    });
  });
}

/** The end of the extension's "Ossature" log (under the user data's logs), for failure messages. */
export function ossatureLogTail(chars = 4000): string {
  const userData = process.env.E2E_USER_DATA_DIR;
  if (!userData) return '(no E2E_USER_DATA_DIR)';
  const found: string[] = [];
  const walk = (dir: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (path.includes('ossature.ossature-vscode') && entry.name.endsWith('.log')) found.push(path);
    }
  };
  walk(join(userData, 'logs'));
  return (
    found.map((file) => `${file}:\n${readFileSync(file, 'utf8').slice(-chars)}`).join('\n') ||
    '(no log found)'
  );
}
