import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { activateExtension, extensionId, openSpec } from './workspace';

export function activationTests(): void {
  suite('activation', () => {
    test('the workspace (it has an ossature.toml) activates the extension and its client is running', async () => {
      const { client } = await activateExtension();
      assert.ok(client.isRunning(), 'the client is running');
      assert.ok(client.initializeResult, 'the server answered initialize');
      assert.equal(vscode.extensions.getExtension(extensionId)?.isActive, true);
    });

    test('.smd files open in the Ossature spec language', async () => {
      const document = await openSpec('specs/cli.smd');
      assert.equal(document.languageId, 'ossature-smd');
    });

    test('the Restart Server command is registered and brings the client back', async () => {
      const { client } = await activateExtension();
      assert.ok((await vscode.commands.getCommands(true)).includes('ossature.restartServer'));
      await vscode.commands.executeCommand('ossature.restartServer');
      assert.ok(client.isRunning(), 'the client is running');
    });
  });
}
