import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { COMPLETION_LIMIT, provideCompletionList } from '../../server/src/features/completion-list';
import { Workspace } from '../../shared/src/project/workspace';
import { cursor } from '../support/cursor';
import { makeProject, validSmd } from '../support/project';

/** A workspace with more specs than one completion list may carry, and `app.smd` edited to `marked`. */
function bigWorkspace(marked: string) {
  const files: Record<string, string> = {};
  for (let i = 0; i < COMPLETION_LIMIT + 50; i++)
    files[`specs/s${i}.smd`] = validSmd(`MOD_${String(i).padStart(3, '0')}`);
  files['specs/app.smd'] = validSmd('APP');
  const ws = Workspace.load(join(makeProject(files), 'ossature.toml'));
  const file = join(ws.root, 'specs', 'app.smd');
  const { text, position } = cursor(ws.file(file)!.text.replace('depends: []', marked));
  ws.setFile(file, text);
  return { ws, file, position };
}

test('on a large workspace an empty prefix gets a capped list marked incomplete', () => {
  const { ws, file, position } = bigWorkspace('depends: [|]');
  const list = provideCompletionList(ws, file, position);
  assert.equal(list.isIncomplete, true);
  assert.equal(list.items.length, COMPLETION_LIMIT);
});

test('what is typed narrows the list, and the wanted id is in it even past the cap', () => {
  const { ws, file, position } = bigWorkspace('depends: [MOD_24|]');
  const list = provideCompletionList(ws, file, position);
  assert.equal(list.isIncomplete, false);
  assert.ok(list.items.some((i) => i.label === 'MOD_249'));
  assert.ok(list.items.every((i) => /m.*o.*d.*_.*2.*4/i.test(i.label)));
});
