import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { screenshot } from './screenshot';
import { waitForEvent } from './wait';
import { activateExtension, lineOf, openSpec, positionOf, workspaceUri } from './workspace';

type Target = vscode.Location | vscode.LocationLink;

function targetOf(target: Target): { uri: vscode.Uri; range: vscode.Range } {
  return 'targetUri' in target
    ? { uri: target.targetUri, range: target.targetSelectionRange ?? target.targetRange }
    : { uri: target.uri, range: target.range };
}

export function definitionTests(): void {
  suite('go to definition', () => {
    test("a depends id leads to the id in that spec's frontmatter", async () => {
      await activateExtension();
      const document = await openSpec('specs/cli.smd');
      const position = positionOf(document, 'STORAGE', { after: 'depends:', offset: 3 });
      const targets = await vscode.commands.executeCommand<Target[]>(
        'vscode.executeDefinitionProvider',
        document.uri,
        position,
      );
      assert.equal(targets.length, 1, `definitions: ${JSON.stringify(targets)}`);
      const { uri, range } = targetOf(targets[0]!);
      const storage = await openSpec('specs/storage.smd');
      assert.equal(uri.toString(), workspaceUri('specs/storage.smd').toString());
      assert.equal(range.start.line, lineOf(storage, 'id: STORAGE'));
    });

    test('Go to Definition in the editor opens storage.smd at its id (screenshot)', async () => {
      const document = await openSpec('specs/cli.smd');
      const position = positionOf(document, 'STORAGE', { after: 'depends:', offset: 3 });
      await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position) });
      const target = workspaceUri('specs/storage.smd').toString();
      const arrived = waitForEvent(
        vscode.window.onDidChangeActiveTextEditor,
        () => vscode.window.activeTextEditor,
        (editor) => editor?.document.uri.toString() === target,
        'storage.smd to become the active editor',
      );
      await vscode.commands.executeCommand('editor.action.revealDefinition');
      const editor = (await arrived)!;
      assert.equal(editor.selection.start.line, lineOf(editor.document, 'id: STORAGE'));
      await screenshot('inhost-definition');
    });
  });
}
