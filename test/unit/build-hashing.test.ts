import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  compareCodePoints,
  EMPTY_HASH,
  inputHash,
  inputHashOf,
  outputHash,
  outputHashOf,
  sortedPaths,
} from '../../shared/src/build/hashing';
import { readStateFile } from '../../shared/src/store/state-file';
import { corpusPath } from '../support/corpus';

const sha = (...parts: (string | Buffer)[]): string => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return `sha256:${hash.digest('hex')}`;
};

const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'ossature-hash-'));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const storedTasks = (project: string) =>
  readStateFile(corpusPath(project, '.ossature', 'state.toml')).state.tasks;

// --- golden: the corpus (test/fixtures/corpus/README.md, */MANIFEST.md) ---------------------------------

test('spenny: all 7 stored output hashes are recomputed from output/', () => {
  const tasks = storedTasks('spenny');
  assert.equal(Object.keys(tasks).length, 7);
  for (const [id, stored] of Object.entries(tasks)) {
    assert.equal(outputHash(corpusPath('spenny', 'output'), stored.created_files), stored.output_hash, id);
  }
});

/**
 * markman (MANIFEST.md): 008/010/013 created a file a later task edited (Cargo.toml, src/storage/mod.rs,
 * src/main.rs), and 002/004/011/017 list files that were not copied into the corpus (src/storage.rs,
 * src/web/mod.rs; 017's src/web.rs was re-created by 018), so only the other 11 can match.
 */
const MARKMAN_MATCH = ['001', '003', '005', '006', '007', '009', '012', '014', '015', '016', '018'];
const MARKMAN_DIFFER = ['002', '004', '008', '010', '011', '013', '017'];

test('markman: the 11 verifiable output hashes match; the 7 documented ones differ', () => {
  const tasks = storedTasks('markman');
  assert.deepEqual(Object.keys(tasks).sort(), [...MARKMAN_MATCH, ...MARKMAN_DIFFER].sort());
  for (const [id, stored] of Object.entries(tasks)) {
    const actual = outputHash(corpusPath('markman', 'output'), stored.created_files);
    if (MARKMAN_MATCH.includes(id)) assert.equal(actual, stored.output_hash, id);
    else assert.notEqual(actual, stored.output_hash, id);
  }
  // Tasks that created nothing store the hash of nothing (001, 003, 005, 006, 007, 016).
  const empty = Object.entries(tasks).filter(([, stored]) => stored.created_files.length === 0);
  assert.equal(empty.length, 6);
  for (const [id, stored] of empty) assert.equal(stored.output_hash, EMPTY_HASH, id);
});

test('corpus: the input hash of every kept task prompt.md equals the stored input_hash', () => {
  let checked = 0;
  for (const project of ['spenny', 'markman']) {
    const tasks = storedTasks(project);
    const tasksDir = corpusPath(project, '.ossature', 'tasks');
    for (const dir of readdirSync(tasksDir)) {
      let prompt: string;
      try {
        prompt = readFileSync(join(tasksDir, dir, 'prompt.md'), 'utf8');
      } catch {
        continue;
      }
      const id = dir.slice(0, 3);
      // None of these tasks has context_files, so the hash is over the prompt text alone.
      assert.equal(
        inputHash(prompt, [], corpusPath(project, 'context')),
        tasks[id]?.input_hash,
        `${project} ${id}`,
      );
      checked++;
    }
  }
  assert.equal(checked, 6);
});

// --- rules -------------------------------------------------------------------------------------------------

test('the empty hash is sha256 of nothing, for no files and for only missing files', () => {
  assert.equal(EMPTY_HASH, sha(''));
  assert.equal(outputHashOf([]), EMPTY_HASH);
  assert.equal(outputHash(tempDir({}), ['gone.rs', 'also/gone.rs']), EMPTY_HASH);
});

test('output hash: sorted created files, each as path bytes then file bytes; missing files skipped', () => {
  const dir = tempDir({ 'b.py': 'B', 'a/x.py': 'X', 'c.py': 'C' });
  const expected = sha('a/x.py', 'X', 'b.py', 'B', 'c.py', 'C');
  assert.equal(outputHash(dir, ['c.py', 'b.py', 'a/x.py']), expected);
  assert.equal(outputHash(dir, ['b.py', 'missing.py', 'a/x.py', 'c.py']), expected);
  // A directory is not a file and contributes nothing.
  assert.equal(outputHash(dir, ['a', 'a/x.py', 'b.py', 'c.py']), expected);
  // Content and path both count.
  assert.notEqual(
    outputHash(tempDir({ 'b.py': 'b', 'a/x.py': 'X', 'c.py': 'C' }), ['a/x.py', 'b.py', 'c.py']),
    expected,
  );
  assert.notEqual(
    outputHash(tempDir({ 'B.py': 'B', 'a/x.py': 'X', 'c.py': 'C' }), ['a/x.py', 'B.py', 'c.py']),
    expected,
  );
});

test('output hash: only created files count; edited files are the caller’s to leave out', () => {
  const dir = tempDir({ 'src/lib.rs': 'lib', 'Cargo.toml': '[package]' });
  const before = outputHash(dir, ['src/lib.rs']);
  writeFileSync(join(dir, 'Cargo.toml'), '[package]\nname = "x"');
  assert.equal(outputHash(dir, ['src/lib.rs']), before);
  writeFileSync(join(dir, 'src/lib.rs'), 'lib2');
  assert.notEqual(outputHash(dir, ['src/lib.rs']), before);
});

test('input hash: prompt, then context:<path> + bytes for each existing context file in sorted order', () => {
  const dir = tempDir({ 'z.txt': 'Z', 'data/a.json': '{}', 'logo.png': '\u0000\u0001' });
  const expected = sha(
    'PROMPT',
    'context:data/a.json',
    '{}',
    'context:logo.png',
    '\u0000\u0001',
    'context:z.txt',
    'Z',
  );
  assert.equal(inputHash('PROMPT', ['z.txt', 'logo.png', 'data/a.json'], dir), expected);
  assert.equal(inputHash('PROMPT', ['z.txt', 'nope.md', 'logo.png', 'data/a.json'], dir), expected);
  assert.equal(inputHash('PROMPT', [], dir), sha('PROMPT'));
  assert.equal(inputHash('PROMPT', ['z.txt'], join(dir, 'no-such-dir')), sha('PROMPT'));
  assert.notEqual(inputHash('PROMPT!', ['z.txt', 'logo.png', 'data/a.json'], dir), expected);
});

test('input hash: the prompt is UTF-8 and binary context bytes are hashed as they are', () => {
  const dir = tempDir();
  const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x80]);
  writeFileSync(join(dir, 'blob.bin'), bytes);
  assert.equal(
    inputHash('café ✓', ['blob.bin'], dir),
    sha(Buffer.from('café ✓', 'utf8'), 'context:blob.bin', bytes),
  );
  assert.equal(inputHashOf('p', [{ path: 'blob.bin', bytes }]), sha('p', 'context:blob.bin', bytes));
});

test('paths sort by code point like Python, not by UTF-16 unit; duplicates stay', () => {
  // U+FF5E (one UTF-16 unit, 0xFF5E) sorts before U+1F600 (surrogates 0xD83D…) by code point only.
  const wide = '\u{1F600}.txt';
  const full = '\uFF5E.txt';
  assert.deepEqual(sortedPaths([wide, full, 'B', 'a', 'a']), ['B', 'a', 'a', full, wide]);
  assert.ok(compareCodePoints(full, wide) < 0);
  assert.ok(compareCodePoints('ab', 'a') > 0);
  assert.equal(compareCodePoints('x', 'x'), 0);
  assert.equal(
    outputHashOf([
      { path: wide, bytes: Buffer.from('1') },
      { path: full, bytes: Buffer.from('2') },
    ]),
    sha(full, '2', wide, '1'),
  );
});
