import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { screenshot } from './screenshot';
import { waitForDiagnostics } from './wait';
import { activateExtension, lineOf, openSpec, workspaceUri } from './workspace';

function codeOf(diagnostic: vscode.Diagnostic): string {
  const { code } = diagnostic;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

const isUnknownDependency = (d: vscode.Diagnostic): boolean =>
  codeOf(d) === 'OSS400' && d.severity === vscode.DiagnosticSeverity.Error;

export function diagnosticsTests(): void {
  suite('diagnostics', () => {
    test('a spec that is not open gets its problems: the unknown dependency, on its line', async () => {
      await activateExtension();
      const uri = workspaceUri('specs/export.smd');
      const diagnostics = await waitForDiagnostics(
        uri,
        (all) => all.some(isUnknownDependency),
        'OSS400 (unknown dependency)',
      );
      const document = await openSpec('specs/export.smd');
      const problem = diagnostics.find(isUnknownDependency)!;
      assert.equal(problem.range.start.line, lineOf(document, 'depends: [STORAGE, STORAG]'));
      assert.equal(document.getText(problem.range), 'STORAG');
      assert.match(problem.message, /STORAG\b.*doesn't exist/);
    });

    test('a clean spec has no errors', async () => {
      const uri = workspaceUri('specs/cli.smd');
      await waitForDiagnostics(
        workspaceUri('specs/export.smd'),
        (all) => all.length > 0,
        'the first diagnostics pass',
      );
      const errors = vscode.languages
        .getDiagnostics(uri)
        .filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      assert.deepEqual(errors, []);
    });

    test('fixing the typo in the editor clears the problem at once, typing it again brings it back', async () => {
      const document = await openSpec('specs/export.smd');
      const editor = await vscode.window.showTextDocument(document);
      const typo = document.getText().indexOf('STORAG]');
      const range = new vscode.Range(document.positionAt(typo), document.positionAt(typo + 'STORAG'.length));
      assert.ok(await editor.edit((edit) => edit.replace(range, 'STORAGE')));
      await waitForDiagnostics(document.uri, (all) => !all.some(isUnknownDependency), 'OSS400 to go away');
      const fixed = new vscode.Range(range.start, range.start.translate(0, 'STORAGE'.length));
      assert.ok(await editor.edit((edit) => edit.replace(fixed, 'STORAG')));
      await waitForDiagnostics(document.uri, (all) => all.some(isUnknownDependency), 'OSS400 to come back');
    });

    test('the editor shows the squiggle and the Problems view lists it (screenshot)', async () => {
      const document = await openSpec('specs/export.smd');
      await vscode.window.showTextDocument(document, { selection: new vscode.Range(4, 0, 4, 0) });
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      await screenshot('inhost-problems');
    });

    test('ossature.validate.enable false hides the problems, true brings them back', async () => {
      const uri = workspaceUri('specs/export.smd');
      const settings = () => vscode.workspace.getConfiguration('ossature');
      await settings().update('validate.enable', false, vscode.ConfigurationTarget.Global);
      try {
        await waitForDiagnostics(uri, (all) => all.length === 0, 'no diagnostics while validation is off');
      } finally {
        await settings().update('validate.enable', undefined, vscode.ConfigurationTarget.Global);
      }
      await waitForDiagnostics(uri, (all) => all.some(isUnknownDependency), 'OSS400 once validation is on');
      assert.ok((await activateExtension()).client.isRunning());
    });

    test('the quick fix changes the typo to the existing id and the problem goes away', async () => {
      const document = await openSpec('specs/export.smd');
      const [problem] = (
        await waitForDiagnostics(document.uri, (all) => all.some(isUnknownDependency), 'OSS400')
      ).filter(isUnknownDependency);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        problem!.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fix = actions.find((action) =>
        action.edit?.get(document.uri).some((edit) => edit.newText === 'STORAGE'),
      );
      assert.ok(fix?.edit, `no quick fix to STORAGE among: ${actions.map((a) => a.title).join(' | ')}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.match(document.getText(), /depends: \[STORAGE, STORAGE\]/);
      await waitForDiagnostics(document.uri, (all) => !all.some(isUnknownDependency), 'OSS400 to go away');
    });
  });
}
