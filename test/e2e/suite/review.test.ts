// The per-task review (client/src/review/): after a real build of a trio task, `ossature.reviewTask` opens VS
// Code's changes editor titled "Task 001 — Core add module" with the files the task's last run wrote, each
// against the engine's snapshot from before that run (an empty document for a file it created); Keep closes
// it, Mark manual sets only that task's status in plan.toml.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setup, suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { OssatureApi } from '../../../client/src/extension';
import type { TaskReview } from '../../../client/src/review/task-review';
import { defaultContent } from '../../support/scripted-build-model';
import { screenshot } from './screenshot';
import { resetTrio, TrioModel, trioConfig, trioRoot, trioStatuses } from './trio';
import { quietTrio } from './trio-quiet';
import { waitForEvent } from './wait';
import { activateExtension } from './workspace';

const TITLE = 'Task 001 — Core add module';
const coreFile = () => join(trioRoot(), 'output', 'src', 'core.mjs');

const tabLabels = (): string[] =>
  vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tab.label));

function waitForTab(title: string, open: boolean): Promise<unknown> {
  return waitForEvent(
    vscode.window.tabGroups.onDidChangeTabs,
    tabLabels,
    // The changes editor adds the count to the title: "Task 001 — Core add module (1 file)".
    (labels) => labels.some((label) => label === title || label.startsWith(`${title} (`)) === open,
    `the tab "${title}" to be ${open ? 'open' : 'closed'}`,
  );
}

export function reviewTests(): void {
  suite('review', () => {
    const trio = new TrioModel();
    let api: OssatureApi;

    suiteSetup(async () => {
      api = await activateExtension();
      await trio.start();
    });
    suiteTeardown(() => trio.stop());
    setup(async () => {
      await quietTrio();
      resetTrio();
      trio.model.reset();
    });

    async function buildTask(id: string): Promise<void> {
      const result = await api.runs.runCli({
        configFile: trioConfig(),
        command: 'build',
        args: ['--only', id, '--auto'],
        title: `Build task ${id}`,
        callsModel: true,
      });
      assert.equal(
        result.exitCode,
        0,
        `the build of task ${id} failed: ${JSON.stringify(result.events.at(-1))}`,
      );
    }

    test('the review opens a changes editor of the task’s files: a new file against an empty document, a file it rewrote against its snapshot', async () => {
      await buildTask('001');
      const review = await vscode.commands.executeCommand<TaskReview>(
        'ossature.reviewTask',
        trioConfig(),
        '001',
      );
      assert.equal(review?.title, TITLE);
      assert.deepEqual(
        review.files.map((file) => ({ path: file.path, existed: file.existed, after: file.after.fsPath })),
        [{ path: 'src/core.mjs', existed: false, after: coreFile() }],
      );
      const [created] = review.files;
      // The left side is named like the file (so the changes editor shows it changed, not renamed), and empty.
      assert.equal(created?.before.scheme, 'ossature-before');
      assert.equal(created.before.path, created.after.path);
      assert.equal(created.snapshot, undefined);
      assert.equal((await vscode.workspace.openTextDocument(created.before)).getText(), '');
      await waitForTab(TITLE, true);
      await screenshot('inhost-review');
      assert.equal(await vscode.commands.executeCommand('ossature.keepTask', trioConfig(), '001'), true);
      await waitForTab(TITLE, false);

      // Edited by hand, then built again: the review compares the new code with the hand-edited file.
      const byHand = 'export const add = (a, b) => a + b; // by hand\n';
      writeFileSync(coreFile(), byHand);
      await buildTask('001');
      const again = await vscode.commands.executeCommand<TaskReview>(
        'ossature.reviewTask',
        trioConfig(),
        '001',
      );
      assert.equal(again.files.length, 1);
      const [rewritten] = again.files;
      assert.equal(rewritten?.existed, true);
      const snapshot = join(
        trioRoot(),
        '.ossature',
        'tasks',
        '001-core-add-module',
        'before',
        'src',
        'core.mjs',
      );
      assert.equal(rewritten.snapshot, snapshot);
      assert.equal(readFileSync(snapshot, 'utf8'), byHand);
      assert.equal((await vscode.workspace.openTextDocument(rewritten.before)).getText(), byHand);
      assert.equal(readFileSync(rewritten.after.fsPath, 'utf8'), defaultContent('src/core.mjs'));
      await waitForTab(TITLE, true);
      await vscode.commands.executeCommand('ossature.keepTask', trioConfig(), '001');
      await waitForTab(TITLE, false);
    });

    test('Mark manual sets only that task’s status in plan.toml to manual and closes its review', async () => {
      await buildTask('001');
      const plan = join(trioRoot(), '.ossature', 'plan.toml');
      const before = readFileSync(plan, 'utf8');
      await vscode.commands.executeCommand('ossature.reviewTask', trioConfig(), '001');
      await waitForTab(TITLE, true);
      assert.equal(await vscode.commands.executeCommand('ossature.markManual', trioConfig(), '001'), true);
      await waitForTab(TITLE, false);
      assert.deepEqual(trioStatuses(), {
        '001': 'manual',
        '002': 'pending',
        '003': 'pending',
        '004': 'pending',
      });
      const after = readFileSync(plan, 'utf8');
      const statusAt = before.indexOf('status = "done"');
      assert.ok(statusAt >= 0 && before.indexOf('status = "done"', statusAt + 1) === -1, 'only 001 was done');
      assert.equal(after, before.replace('status = "done"', 'status = "manual"'), 'only that value changed');
      // The Testing item follows the plan: a manual task is left to you (skipped).
      await waitForEvent(
        api.testing.onDidReport,
        () => api.testing.outcomeOf(`${trioConfig()}#task:001`),
        (outcome) => outcome === 'skipped',
        'task 001 shown as skipped',
      );
    });
  });
}
