import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { screenshot } from './screenshot';
import { activateExtension, openSpec, positionOf } from './workspace';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

export function hoverTests(): void {
  suite('hover', () => {
    test('on a depends id it shows the dependency: its id and title', async () => {
      await activateExtension();
      const document = await openSpec('specs/cli.smd');
      const position = positionOf(document, 'STORAGE', { after: 'depends:', offset: 2 });
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        document.uri,
        position,
      );
      const text = hoverText(hovers);
      assert.match(text, /STORAGE/, `hover: ${text}`);
      assert.match(text, /Storage/, `the hover names the title "Storage": ${text}`);
    });

    test('the hover shows in the editor (screenshot)', async () => {
      const document = await openSpec('specs/cli.smd');
      const position = positionOf(document, 'STORAGE', { after: 'depends:', offset: 2 });
      await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position) });
      await vscode.commands.executeCommand('editor.action.showHover');
      await screenshot('inhost-hover');
    });
  });
}
