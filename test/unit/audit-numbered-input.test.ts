import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  AMD_HEADER,
  buildSpecAuditInput,
  numberLines,
  textLines,
  VMD_HEADER,
} from '../../shared/src/audit/numbered-input';
import { corpusPath } from '../support/corpus';

const spec = (project: string, file: string) => {
  const path = corpusPath(project, 'specs', file);
  return { file: path, text: readFileSync(path, 'utf8') };
};
const storedPrompt = (project: string, id: string) =>
  readFileSync(corpusPath(project, '.ossature', 'audits', id, 'prompt.md'), 'utf8');

test('spenny: SMD + AMD audit input equals the original audits/EXPENSE_TRACKER/prompt.md byte for byte', () => {
  const input = buildSpecAuditInput(spec('spenny', 'expense_tracker.smd'), [
    spec('spenny', 'expense_tracker.amd'),
  ]);
  assert.equal(input.text, storedPrompt('spenny', 'EXPENSE_TRACKER'));
  assert.deepEqual(
    input.files.map((f) => f.kind),
    ['smd', 'amd'],
  );
});

for (const [file, id] of [
  ['storage.smd', 'STORAGE'],
  ['cli.smd', 'CLI'],
  ['webui.smd', 'WEBUI'],
] as const) {
  test(`markman: SMD-only audit input for ${id} equals the original prompt.md byte for byte`, () => {
    assert.equal(buildSpecAuditInput(spec('markman', file)).text, storedPrompt('markman', id));
  });
}

test('VMDs follow the AMDs under their own header, numbered from L1 again', () => {
  const input = buildSpecAuditInput(
    spec('yep', 'YEP.smd'),
    [spec('yep', 'YEP.amd')],
    [spec('yep', 'YEP.vmd')],
  );
  const amdAt = input.text.indexOf(AMD_HEADER);
  const vmdAt = input.text.indexOf(VMD_HEADER);
  assert.ok(amdAt > 0 && vmdAt > amdAt);
  assert.ok(input.text.slice(vmdAt).startsWith(`${VMD_HEADER}\n---\nL1: @spec YEP\n`));
  assert.deepEqual(
    input.files.map((f) => f.kind),
    ['smd', 'amd', 'vmd'],
  );
  // No VMD, no VMD header.
  assert.ok(!buildSpecAuditInput(spec('yep', 'YEP.smd')).text.includes(VMD_HEADER));
});

test('lines are counted as an editor counts them', () => {
  assert.deepEqual(textLines(''), []);
  assert.deepEqual(textLines('a'), ['a']);
  assert.deepEqual(textLines('a\n'), ['a']);
  assert.deepEqual(textLines('a\r\nb\rc\n\n'), ['a', 'b', 'c', '']);
  assert.deepEqual(textLines('a\fb'), ['a\fb']);
  assert.equal(numberLines('# Title\n\nid: X\n'), 'L1: # Title\nL2: \nL3: id: X');
});
