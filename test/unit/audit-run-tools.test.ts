import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { applyEdits, countOccurrences } from '../../shared/src/audit/run/apply-edits';
import { fixerTools, GREP_MAX_LINES, grepText, sandboxedPath } from '../../shared/src/audit/run/fixer-tools';
import { ToolRetry } from '../../shared/src/llm';

test('applyEdits applies edits in order, each against the text the previous ones left', () => {
  const result = applyEdits('a b c', [
    { old: 'a', new: 'x y' },
    { old: 'x y b', new: 'z' },
  ]);
  assert.deepEqual(result, { ok: true, text: 'z c', applied: 2 });
});

test('applyEdits refuses an empty list, old == new, an empty old, no match and several matches', () => {
  const cases: [Parameters<typeof applyEdits>[1], RegExp][] = [
    [[], /edits list is empty/],
    [[{ old: 'same', new: 'same' }], /"old" equal to "new"/],
    [[{ old: '', new: 'x' }], /empty "old"/],
    [[{ old: 'missing', new: 'x' }], /"missing" does not occur in the file\. Copy the exact text/],
    [
      [
        { old: 'same', new: 'x' },
        { old: 'twice', new: 'y' },
      ],
      /Edit 2 of 2: "old" "twice" occurs more than once/,
    ],
  ];
  for (const [edits, problem] of cases) {
    const result = applyEdits('same twice twice', edits);
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.problem, problem);
  }
});

test('applyEdits is all or nothing: a failing second edit leaves the text untouched and names itself', () => {
  const result = applyEdits('one two', [
    { old: 'one', new: '1' },
    { old: 'three', new: '3' },
  ]);
  assert.equal(result.ok, false);
  if (!result.ok) {
    assert.equal(result.index, 1);
    assert.match(result.problem, /^Edit 2 of 2: .*after the edits before it.*No edit was applied/);
  }
});

test('countOccurrences counts non-overlapping matches and stops at the limit', () => {
  assert.equal(countOccurrences('aaaa', 'aa'), 2);
  assert.equal(countOccurrences('abcabcabc', 'abc', 2), 2);
  assert.equal(countOccurrences('abc', ''), 0);
});

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function specFolder(): string {
  dir = mkdtempSync(join(tmpdir(), 'ossature-fixer-'));
  mkdirSync(join(dir, 'specs', 'sub'), { recursive: true });
  writeFileSync(join(dir, 'specs', 'a.smd'), 'line one\nToken expiry\nline three\n');
  writeFileSync(join(dir, 'specs', 'sub', 'b.amd'), 'b\n');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  return join(dir, 'specs');
}

test('tool paths stay inside the spec folder: absolute paths, .. and symlinks leading out are refused', () => {
  const specs = specFolder();
  assert.equal(sandboxedPath(specs, 'a.smd'), join(specs, 'a.smd'));
  assert.equal(sandboxedPath(specs, './sub/b.amd'), join(specs, 'sub', 'b.amd'));
  symlinkSync(join(specs, '..', 'secret.txt'), join(specs, 'link.smd'));
  for (const bad of ['/etc/passwd', '../secret.txt', 'sub/../../secret.txt', '', 'link.smd']) {
    assert.throws(() => sandboxedPath(specs, bad), ToolRetry, bad);
  }
});

test('grep_file: case-insensitive, one line of context, numbered, groups separated, capped', () => {
  const text = ['a', 'TOKEN x', 'b', 'c', 'd', 'token y', 'e'].join('\n');
  assert.equal(grepText(text, 'token'), 'L1: a\nL2: TOKEN x\nL3: b\n--\nL5: d\nL6: token y\nL7: e');
  assert.equal(grepText(text, 'nothing'), 'No line matches /nothing/i.');
  assert.throws(() => grepText(text, '('), /not a valid regular expression/);
  const many = Array.from({ length: 500 }, (_, i) => `hit ${i}`).join('\n');
  const lines = grepText(many, 'hit').split('\n');
  assert.equal(lines.length, GREP_MAX_LINES + 1);
  assert.match(lines.at(-1)!, /stopped at 200 lines/);
});

test("edit_file edits only the finding's files and records what it changed; read_file reads any spec file", async () => {
  const specs = specFolder();
  const edited: string[] = [];
  const [read, grep, edit] = fixerTools({
    specDir: specs,
    editable: new Set([join(specs, 'a.smd')]),
    edited,
  });
  assert.equal(await read!.run({ path: 'sub/b.amd' }), 'b\n');
  assert.match(String(await grep!.run({ path: 'a.smd', pattern: 'expiry' })), /L2: Token expiry/);
  await assert.rejects(
    async () => edit!.run({ path: 'sub/b.amd', edits: [{ old: 'b', new: 'c' }] }),
    /only edit the files of this finding: a\.smd/,
  );
  await assert.rejects(
    async () => edit!.run({ path: 'a.smd', edits: [{ old: 'nope', new: 'c' }] }),
    ToolRetry,
  );
  assert.deepEqual(edited, []);
  assert.equal(
    await edit!.run({
      path: 'a.smd',
      edits: [{ old: 'Token expiry', new: 'Tokens expire after 15 minutes' }],
    }),
    'Applied 1 edit(s) to a.smd.',
  );
  assert.deepEqual(edited, [join(specs, 'a.smd')]);
  assert.match(readFileSync(join(specs, 'a.smd'), 'utf8'), /Tokens expire after 15 minutes/);
  await assert.rejects(async () => read!.run({ path: 'none.smd' }), /no file "none\.smd"/);
});
