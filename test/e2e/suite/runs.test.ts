// Runs of the CLI from VS Code (client/src/runs/): a build from the palette to its end, step mode, cancel, the
// workspace-trust guard, and the API key kept out of every file. Each run is a real `dist/cli.js` process in a
// task terminal, talking to the scripted model started in this extension host.
import * as assert from 'node:assert/strict';
import { type Dirent, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { OssatureApi } from '../../../client/src/extension';
import type { RunResult } from '../../../client/src/runs/run-request';
import { trustRefusal } from '../../../client/src/runs/trust';
import { classify } from '../../support/scripted-build-model';
import { reply } from '../../support/scripted-messages-server';
import { screenshot } from './screenshot';
import { resetTrio, runEvent, TEST_API_KEY, TrioModel, trioConfig, trioStatuses } from './trio';
import { waitForEvent } from './wait';
import { activateExtension, extensionId } from './workspace';

const ALL_PENDING = { '001': 'pending', '002': 'pending', '003': 'pending', '004': 'pending' };

export function runsTests(): void {
  suite('runs', () => {
    const trio = new TrioModel();
    let api: OssatureApi;

    suiteSetup(async () => {
      api = await activateExtension();
      await trio.start();
    });
    suiteTeardown(() => trio.stop());
    setup(() => {
      resetTrio();
      trio.hold = undefined;
      trio.model.reset();
    });

    test('Build from the palette runs in a terminal; progress and status bar reach 4/4; every task is done', async () => {
      assert.deepEqual(trioStatuses(), ALL_PENDING);
      const published: number[] = [];
      const listening = api.runs.onRunEvent(({ configFile, event }) => {
        if (configFile === trioConfig()) published.push(event.seq);
      });
      const result = await vscode.commands.executeCommand<RunResult>('ossature.build', trioConfig());
      listening.dispose();
      assert.equal(result.exitCode, 0, `the build failed: ${JSON.stringify(result.events.at(-1))}`);
      assert.equal(result.cancelled, false);
      const finished = result.events.at(-1);
      assert.equal(finished?.type === 'run-finished' && finished.outcome, 'completed');
      assert.deepEqual(
        published,
        result.events.map((e) => e.seq),
        'onRunEvent carried every event in order',
      );
      assert.match(api.runs.statusText() ?? '', /^\$\(check\) Build 4\/4 · ✓4 · (\$\d+\.\d\d|<\$0\.01)$/);
      assert.deepEqual(trioStatuses(), { '001': 'done', '002': 'done', '003': 'done', '004': 'done' });
      assert.ok(trio.model.count('implement') === 4, 'the model implemented the four tasks');
      assert.ok(
        trio.server.requests.every((r) => r.credential === 'expected'),
        'every model request carried the stored key',
      );
      assert.ok(
        vscode.window.terminals.some((t) => t.name.includes('Build trio')),
        `a terminal shows the run (terminals: ${vscode.window.terminals.map((t) => t.name).join(', ')})`,
      );
      // What a click on the status bar item does: the run's terminal comes to the front (from behind another).
      const other = vscode.window.createTerminal('another terminal');
      other.show();
      await waitForEvent(
        vscode.window.onDidChangeActiveTerminal,
        () => vscode.window.activeTerminal,
        (active) => active === other,
        'another terminal to be active',
      );
      const shown = waitForEvent(
        vscode.window.onDidChangeActiveTerminal,
        () => vscode.window.activeTerminal?.name ?? '',
        (name) => name.includes('Build trio'),
        'the build terminal to be active',
      );
      await vscode.commands.executeCommand('ossature.showRunTerminal');
      await shown;
      other.dispose();
    });

    test('step mode waits after each task: Continue builds the next, Stop ends with the rest pending', async () => {
      const firstQuestion = runEvent(api, (e) => e.type === 'waiting' && e.kind === 'step', 'the first step');
      const running = vscode.commands.executeCommand<RunResult>('ossature.buildStep', trioConfig());
      const first = await firstQuestion;
      assert.equal(first.type === 'waiting' && first.id, '001');
      // Mid-build: the status bar counts the first task done while the step buttons wait.
      assert.match(api.runs.statusText() ?? '', /^\$\(sync~spin\) Build 1\/4 · ✓1/);
      await screenshot('inhost-status-bar-mid-build');
      const secondQuestion = runEvent(
        api,
        (e) => e.type === 'waiting' && e.kind === 'step' && e.id !== '001',
        'the second step',
      );
      assert.equal(await api.runs.answerRun(trioConfig(), 'continue'), true, 'Continue was typed');
      const second = await secondQuestion;
      assert.equal(second.type === 'waiting' && second.id, '002');
      assert.equal(await api.runs.answerRun(trioConfig(), 'stop'), true, 'Stop was typed');
      const result = await running;
      const finished = result.events.at(-1);
      assert.equal(finished?.type === 'run-finished' && finished.outcome, 'stopped');
      assert.equal(result.cancelled, false);
      assert.deepEqual(trioStatuses(), { '001': 'done', '002': 'done', '003': 'pending', '004': 'pending' });
      assert.match(api.runs.statusText() ?? '', /^\$\(circle-slash\) Build stopped 2\/4 · ✓2/);
    });

    test('a failed task asks Retry / Skip / Stop; Retry runs it again and the build goes on to the end', async () => {
      // Task 002's code does not parse (node --check fails) until the model is "fixed" below.
      let broken = true;
      const content = (path: string) =>
        broken && path === 'src/core-helpers.mjs' ? 'export const broken = ;\n' : 'export const x = 1;\n';
      trio.model.options = { contentFor: content, fixFor: content };
      try {
        const failed = runEvent(
          api,
          (e) => e.type === 'waiting' && e.kind === 'failure',
          'the failure question',
        );
        const running = vscode.commands.executeCommand<RunResult>('ossature.build', trioConfig());
        const question = await failed;
        assert.equal(question.type === 'waiting' && question.id, '002');
        assert.match(api.runs.statusText() ?? '', /^\$\(sync~spin\) Build 2\/4 · ✓1 ✗1/);
        broken = false;
        const retried = runEvent(api, (e) => e.type === 'task-started' && e.id === '002', 'task 002 again');
        assert.equal(await api.runs.answerRun(trioConfig(), 'retry'), true, 'Retry was typed');
        await retried;
        const result = await running;
        assert.equal(result.exitCode, 0);
        assert.deepEqual(trioStatuses(), { '001': 'done', '002': 'done', '003': 'done', '004': 'done' });
        assert.match(api.runs.statusText() ?? '', /^\$\(check\) Build 4\/4 · ✓4/);
      } finally {
        trio.model.options = {};
      }
    });

    test('Cancel stops the build cleanly: cancelled, exit 130, the finished task kept, the running one pending', async () => {
      // Task 002's model call never answers, so the build is surely mid-task when it is cancelled.
      trio.hold = (request) => {
        const call = classify(request);
        return call.kind === 'implement' && call.title === 'Core helpers'
          ? reply.slow(300_000, reply.text('too late'))
          : undefined;
      };
      const implementing = runEvent(
        api,
        (e) => e.type === 'task-phase' && e.id === '002' && e.phase === 'implement',
        'task 002 implementing',
      );
      const running = vscode.commands.executeCommand<RunResult>('ossature.build', trioConfig());
      await implementing;
      assert.equal(api.runs.cancelRun(trioConfig()), true, 'a run was there to cancel');
      const result = await running;
      assert.equal(result.cancelled, true);
      assert.equal(result.exitCode, 130);
      const finished = result.events.at(-1);
      assert.equal(finished?.type === 'run-finished' && finished.outcome, 'interrupted');
      assert.deepEqual(trioStatuses(), {
        '001': 'done',
        '002': 'pending',
        '003': 'pending',
        '004': 'pending',
      });
      assert.match(api.runs.statusText() ?? '', /^\$\(circle-slash\) Build cancelled 2\/4 · ✓1/);
    });

    test('in Restricted Mode audit, build and retry are refused with why and how to trust; validate runs', async () => {
      // code-server runs these tests with workspace trust switched off (--disable-workspace-trust), so
      // workspace.isTrusted is true here: the guard runCli applies is checked with both of its answers.
      assert.equal(vscode.workspace.isTrusted, true);
      for (const command of ['audit', 'build', 'retry'] as const) {
        const refusal = trustRefusal({ command, callsModel: true, title: `${command} trio` }, false);
        assert.match(refusal ?? '', /Restricted Mode.*Trust the workspace/s, command);
        assert.equal(
          trustRefusal({ command, callsModel: true, title: command }, vscode.workspace.isTrusted),
          undefined,
        );
      }
      for (const command of ['validate', 'status'] as const) {
        assert.equal(trustRefusal({ command, callsModel: false, title: command }, false), undefined, command);
      }
      const manifest = vscode.extensions.getExtension(extensionId)?.packageJSON;
      assert.equal(manifest?.capabilities?.untrustedWorkspaces?.supported, 'limited');
      const validate = await vscode.commands.executeCommand<RunResult>('ossature.validate', trioConfig());
      assert.equal(validate.exitCode, 0);
      assert.equal(validate.refused, undefined);
    });

    test('a run is refused while another runs for the same project, and says which', async () => {
      trio.hold = (request) =>
        classify(request).kind === 'implement' ? reply.slow(300_000, reply.text('too late')) : undefined;
      const implementing = runEvent(
        api,
        (e) => e.type === 'task-phase' && e.phase === 'implement',
        'implementing',
      );
      const running = vscode.commands.executeCommand<RunResult>('ossature.build', trioConfig());
      await implementing;
      const second = await vscode.commands.executeCommand<RunResult>('ossature.validate', trioConfig());
      assert.match(second.refused ?? '', /"Build trio" is still running/);
      api.runs.cancelRun(trioConfig());
      assert.equal((await running).cancelled, true);
    });

    // Last: after the runs above, the key must be nowhere on disk.
    test('the API key is in no file of the workspace, the user data or the temp folder the runs used', () => {
      assert.ok(
        trio.server.requests.some((r) => r.credential === 'expected'),
        'the runs did use the key (so there was something to leak)',
      );
      const userData = process.env.E2E_USER_DATA_DIR;
      assert.ok(userData, 'the runner sets E2E_USER_DATA_DIR to the user-data folder');
      const workspaceFolder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      assert.ok(workspaceFolder);
      const folders = [workspaceFolder, userData, process.env.TMPDIR ?? tmpdir()];
      const needle = Buffer.from(TEST_API_KEY);
      const holding: string[] = [];
      let scanned = 0;
      for (const folder of folders) {
        for (const file of filesUnder(folder)) {
          scanned += 1;
          if (readIfThere(file)?.includes(needle)) holding.push(file);
        }
      }
      assert.ok(scanned > 20, `scanned ${scanned} files`);
      assert.deepEqual(holding, [], 'files holding the API key');
    });
  });
}

/** Every regular file under `folder` (files that vanish while walking, e.g. temp files, are left out). */
function filesUnder(folder: string): string[] {
  const files: string[] = [];
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
      else if (entry.isFile() && existsSync(path) && statSync(path).size < 64 * 1024 * 1024) files.push(path);
    }
  };
  walk(folder);
  return files;
}

function readIfThere(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
