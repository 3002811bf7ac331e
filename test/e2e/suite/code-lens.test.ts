// CodeLens in VS Code (server/src/features/code-lens.ts through the language client): the project buttons on
// ossature.toml and the top of plan.toml, each task's status and actions on its `[[task]]` line (the task-file
// lenses only where the task folder has the files), the spec buttons on a spec's title; and every lens names a
// command the extension registers. On the markman corpus project, whose 18 tasks are done. (The ui stage
// checks that the editor draws them and takes the screenshot: runner/ui-example.mjs.)
import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { activateExtension, workspaceUri } from './workspace';

/** The lenses of the file at `uri` (VS Code asks providers only for documents it has loaded). */
async function lensesOf(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  await vscode.workspace.openTextDocument(uri);
  return (
    (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? []
  );
}

/** The titles of the lenses on `line`, in order. */
const titlesOn = (lenses: readonly vscode.CodeLens[], line: number) =>
  lenses.filter((l) => l.range.start.line === line).map((l) => l.command?.title ?? '(unresolved)');

/** The 0-based line of the `[[task]]` header of task `id`. */
function headerLine(document: vscode.TextDocument, id: string): number {
  const text = document.getText();
  const at = text.indexOf(`id = "${id}"`);
  assert.ok(at >= 0, `task ${id} is not in the plan`);
  return document.positionAt(text.lastIndexOf('[[task]]', at)).line;
}

const PROJECT = ['Validate', 'Audit', 'Build', 'Status'];

export function codeLensTests(): void {
  suite('code lens', () => {
    test('ossature.toml: Validate · Audit · Build · Status on its first line, for this project', async () => {
      await activateExtension();
      const config = workspaceUri('ossature.toml');
      const lenses = await lensesOf(config);
      assert.deepEqual(titlesOn(lenses, 0), PROJECT);
      assert.deepEqual(
        lenses.map((l) => [l.command?.command, l.command?.arguments]),
        ['validate', 'audit', 'build', 'status'].map((c) => [`ossature.${c}`, [config.fsPath]]),
      );
    });

    test('plan.toml: the project buttons on top; each task its status, actions and task files', async () => {
      await activateExtension();
      const plan = workspaceUri('.ossature/plan.toml');
      const document = await vscode.workspace.openTextDocument(plan);
      const lenses = await lensesOf(plan);
      assert.deepEqual(titlesOn(lenses, 0), PROJECT);
      const actions = ['Run', 'Rerun from here', 'Skip'];
      // Task 001 ran here: its folder has the prompt, the response and output.toml.
      assert.deepEqual(titlesOn(lenses, headerLine(document, '001')), [
        '✓ done',
        ...actions,
        'Open prompt',
        'Open response',
        'Verify output',
        'Diff',
      ]);
      // Task 002 has no task folder: no file lenses.
      assert.deepEqual(titlesOn(lenses, headerLine(document, '002')), ['✓ done', ...actions]);
      const status = lenses.find((l) => l.command?.title === '✓ done');
      assert.equal(status?.command?.command, '', 'the status is a label, not a button');
      const prompt = lenses.find((l) => l.command?.title === 'Open prompt');
      assert.deepEqual(prompt?.command?.arguments, [workspaceUri('ossature.toml').fsPath, '001', 'prompt']);
    });

    test("a spec's title: Audit this spec · Build this spec", async () => {
      await activateExtension();
      const spec = workspaceUri('specs/cli.smd');
      const document = await vscode.workspace.openTextDocument(spec);
      const title = document.positionAt(document.getText().indexOf('\n# ') + 1).line;
      const lenses = await lensesOf(spec);
      assert.deepEqual(titlesOn(lenses, title), ['Audit this spec', 'Build this spec']);
      assert.deepEqual(lenses[1]?.command?.arguments, [workspaceUri('ossature.toml').fsPath, 'CLI']);
    });

    test('every lens runs a command the extension registers', async () => {
      await activateExtension();
      const registered = new Set(await vscode.commands.getCommands(true));
      const lenses = [
        ...(await lensesOf(workspaceUri('ossature.toml'))),
        ...(await lensesOf(workspaceUri('.ossature/plan.toml'))),
        ...(await lensesOf(workspaceUri('specs/cli.smd'))),
      ];
      const missing = [
        ...new Set(lenses.map((l) => l.command?.command ?? '').filter((c) => c !== '' && !registered.has(c))),
      ];
      assert.deepEqual(missing, []);
    });
  });
}
