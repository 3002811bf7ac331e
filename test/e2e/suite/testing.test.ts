// The plan in VS Code's Testing view (client/src/testing/): every task of the trio project's plan is an item on
// its `[[task]]` line of plan.toml, under its spec and project, with the requirements it covers under it; a run
// from the gutter (Test: Run Test at Cursor on a task line) builds exactly that task through a real
// `dist/cli.js` run in a terminal, talking to the scripted model in this extension host.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setup, suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { OssatureApi } from '../../../client/src/extension';
import type { RunEvent } from '../../../shared/src/model/events';
import { screenshot } from './screenshot';
import { resetTrio, runEvent, TrioModel, trioConfig, trioRoot, trioStatuses } from './trio';
import { quietTrio } from './trio-quiet';
import { waitForEvent } from './wait';
import { activateExtension, lineOf } from './workspace';

const planFile = () => join(trioRoot(), '.ossature', 'plan.toml');
const taskItemId = (id: string) => `${trioConfig()}#task:${id}`;

/** The 0-based line of the `[[task]]` header of task `id` in the plan's text. */
export function taskHeaderLine(text: string, id: string): number {
  const at = text.indexOf(`id = "${id}"`);
  assert.ok(at >= 0, `task ${id} is not in the plan`);
  const header = text.lastIndexOf('[[task]]', at);
  return text.slice(0, header).split('\n').length - 1;
}

/** Adds `covers = ["<requirement>"]` to task `id` of the trio plan (after its `spec = …` line). */
function coverRequirement(id: string, requirement: string): void {
  const text = readFileSync(planFile(), 'utf8');
  const at = text.indexOf(`id = "${id}"`);
  const specLine = text.indexOf('\n', text.indexOf('spec = ', at));
  writeFileSync(planFile(), `${text.slice(0, specLine)}\ncovers = ["${requirement}"]${text.slice(specLine)}`);
}

function childrenOf(item: vscode.TestItem | undefined): vscode.TestItem[] {
  const children: vscode.TestItem[] = [];
  item?.children.forEach((child) => {
    children.push(child);
  });
  return children;
}

/** The trio project's item once its tree holds `tasks` task items (and `covers` for task 001). */
function trioItem(api: OssatureApi, what: string, accept: (project: vscode.TestItem) => boolean) {
  return waitForEvent(
    api.testing.onDidSync,
    () => api.testing.controller.items.get(trioConfig()),
    (project) => project !== undefined && accept(project),
    what,
  ) as Promise<vscode.TestItem>;
}

const taskItems = (project: vscode.TestItem) => childrenOf(project).flatMap(childrenOf);

export function testingTests(): void {
  suite('testing', () => {
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

    test('every plan task is a Testing item on its [[task]] line, under its spec; covered requirements sit on their headings', async () => {
      coverRequirement('001', 'Add');
      const project = await trioItem(api, 'the trio items with the requirement task 001 covers', (item) => {
        const core = taskItems(item).find((task) => task.id === taskItemId('001'));
        return taskItems(item).length === 4 && childrenOf(core).length === 1;
      });
      assert.equal(project.label, 'trio');
      assert.deepEqual(
        childrenOf(project).map((spec) => spec.label),
        ['CORE', 'GREET', 'REPORT'],
      );
      const planText = readFileSync(planFile(), 'utf8');
      const plan = vscode.Uri.file(planFile());
      for (const task of taskItems(project)) {
        const id = task.id.slice(task.id.lastIndexOf(':') + 1);
        assert.equal(task.uri?.toString(), plan.toString(), `task ${id} is in plan.toml`);
        assert.equal(
          task.range?.start.line,
          taskHeaderLine(planText, id),
          `task ${id} sits on its [[task]] line`,
        );
      }
      assert.deepEqual(
        taskItems(project).map((task) => task.label),
        ['001 Core add module', '002 Core helpers', '003 Greeting module', '004 Report module'],
      );
      // The spec's item is on its `# Title` line, the requirement's on its heading.
      const core = childrenOf(project)[0];
      const coreSpec = await vscode.workspace.openTextDocument(join(trioRoot(), 'specs', 'core.smd'));
      assert.equal(core?.uri?.fsPath, coreSpec.uri.fsPath);
      assert.equal(core?.range?.start.line, lineOf(coreSpec, '# Core'));
      const [requirement] = childrenOf(taskItems(project)[0]);
      assert.equal(requirement?.label, 'Add');
      assert.equal(requirement?.uri?.fsPath, coreSpec.uri.fsPath);
      assert.equal(requirement?.range?.start.line, lineOf(coreSpec, '### Add'));
      // The corpus project's plan is there too, with every task it has.
      const markman = [...itemsOf(api.testing.controller.items)].find((item) => item.label === 'markman');
      assert.ok(markman && taskItems(markman).length > 10, 'the markman plan has its items');

      await vscode.window.showTextDocument(plan);
      await vscode.commands.executeCommand('workbench.view.testing.focus');
      await screenshot('inhost-testing');
    });

    test('a gutter run of one task (build --only) passes its item and leaves it done in the plan, the others pending', async () => {
      coverRequirement('001', 'Add');
      await trioItem(api, 'task 001 with its requirement', (item) =>
        taskItems(item).some((task) => task.id === taskItemId('001') && childrenOf(task).length === 1),
      );
      const document = await vscode.workspace.openTextDocument(planFile());
      const editor = await vscode.window.showTextDocument(document);
      const line = taskHeaderLine(document.getText(), '001');
      editor.selection = new vscode.Selection(line, 2, line, 2);

      const started = runEvent(api, (e) => e.type === 'run-started', 'the run started');
      const passed = waitForEvent(
        api.testing.onDidReport,
        () => api.testing.outcomeOf(taskItemId('001')),
        (outcome) => outcome === 'passed',
        'task 001 passed',
        120_000,
      );
      const finished = runEvent(api, (e) => e.type === 'run-finished', 'the run finished', 120_000);
      await vscode.commands.executeCommand('testing.runAtCursor');
      const run = (await started) as Extract<RunEvent, { type: 'run-started' }>;
      assert.deepEqual(run.planned, ['001'], 'only task 001 was to run (build --only 001)');
      assert.equal(run.command, 'build');
      await passed;
      const end = await finished;
      assert.equal(end.type === 'run-finished' && end.outcome, 'completed');
      assert.deepEqual(trioStatuses(), {
        '001': 'done',
        '002': 'pending',
        '003': 'pending',
        '004': 'pending',
      });
      assert.equal(trio.model.count('implement'), 1, 'the model implemented one task');
      // The requirement it covers passed with it.
      const core = api.testing.controller.items.get(trioConfig())?.children.get(`${trioConfig()}#spec:CORE`);
      const requirement = childrenOf(core?.children.get(taskItemId('001')))[0];
      assert.ok(requirement);
      assert.equal(api.testing.outcomeOf(requirement.id), 'passed');
      await screenshot('inhost-testing-run');
    });
  });
}

function* itemsOf(collection: vscode.TestItemCollection): Generator<vscode.TestItem> {
  const items: vscode.TestItem[] = [];
  collection.forEach((item) => {
    items.push(item);
  });
  yield* items;
}
