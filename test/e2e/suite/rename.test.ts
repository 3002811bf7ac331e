import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { activateExtension, openSpec, positionOf, workspaceUri } from './workspace';

/** Every file of the corpus copy that names STORAGE, and how many times (counted before the rename). */
const files = [
  'specs/storage.smd',
  'specs/cli.smd',
  'specs/webui.smd',
  'specs/export.smd',
  '.ossature/plan.toml',
];

function count(text: string, id: string): number {
  return text.match(new RegExp(`\\b${id}\\b`, 'g'))?.length ?? 0;
}

export function renameTests(): void {
  suite('rename', () => {
    test('renaming a spec id changes it in every file that names it', async () => {
      await activateExtension();
      const before = new Map<string, number>();
      for (const file of files) {
        const n = count((await openSpec(file)).getText(), 'STORAGE');
        assert.ok(n > 0, `${file} names STORAGE`);
        before.set(file, n);
      }
      const storage = await openSpec('specs/storage.smd');
      const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
        'vscode.executeDocumentRenameProvider',
        storage.uri,
        positionOf(storage, 'STORAGE', { after: 'id:', offset: 1 }),
        'BOOKMARK_STORE',
      );
      assert.ok(edit, 'the rename provider returned an edit');
      const edited = new Set(edit.entries().map(([uri]) => uri.toString()));
      for (const file of files) {
        assert.ok(edited.has(workspaceUri(file).toString()), `the rename edits ${file}`);
      }
      assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applies');
      for (const file of files) {
        const text = (await openSpec(file)).getText();
        assert.equal(count(text, 'STORAGE'), 0, `${file} still names STORAGE`);
        assert.equal(count(text, 'BOOKMARK_STORE'), before.get(file), `${file}: every STORAGE renamed`);
      }
    });
  });
}
