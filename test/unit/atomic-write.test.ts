import assert from 'node:assert/strict';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeFileAtomic, writeFileAtomicSync } from '../../shared/src/store/atomic-write';

const freshDir = () => mkdtempSync(join(tmpdir(), 'ossature-atomic-'));

test('writes a new file, creating missing folders, and leaves no temporary file behind', () => {
  const dir = freshDir();
  const file = join(dir, '.ossature', 'tasks', '001-x', 'output.toml');
  writeFileAtomicSync(file, 'success = true\n');
  assert.equal(readFileSync(file, 'utf8'), 'success = true\n');
  assert.deepEqual(readdirSync(join(dir, '.ossature', 'tasks', '001-x')), ['output.toml']);
});

test('replaces an existing file whole, keeping its permission bits', {
  skip: process.platform === 'win32',
}, () => {
  const dir = freshDir();
  const file = join(dir, 'plan.toml');
  writeFileSync(file, 'old contents that are longer than the new ones\n');
  chmodSync(file, 0o640);
  writeFileAtomicSync(file, Buffer.from('new\n'));
  assert.equal(readFileSync(file, 'utf8'), 'new\n');
  assert.equal(statSync(file).mode & 0o777, 0o640);
  assert.deepEqual(readdirSync(dir), ['plan.toml']);
});

test('a failed write leaves the target untouched and removes the temporary file', () => {
  const dir = freshDir();
  // A folder where the file should go: the final rename fails after the data was written and synced.
  const target = join(dir, 'state.toml');
  mkdirSync(target);
  writeFileSync(join(target, 'keep'), 'x');
  assert.throws(() => writeFileAtomicSync(target, 'data'));
  assert.deepEqual(readdirSync(dir), ['state.toml']);
  assert.equal(readFileSync(join(target, 'keep'), 'utf8'), 'x');
});

test('the async form writes the same way and cleans up on failure', async () => {
  const dir = freshDir();
  const file = join(dir, 'graph.toml');
  await writeFileAtomic(file, 'a = 1\n');
  await writeFileAtomic(file, 'a = 2\n');
  assert.equal(readFileSync(file, 'utf8'), 'a = 2\n');
  const blocked = join(dir, 'blocked');
  mkdirSync(blocked);
  writeFileSync(join(blocked, 'keep'), 'x');
  await assert.rejects(writeFileAtomic(blocked, 'data'));
  assert.deepEqual(readdirSync(dir).sort(), ['blocked', 'graph.toml']);
});

test('concurrent writers never interleave: the file always holds one whole version', async () => {
  const dir = freshDir();
  const file = join(dir, 'state.toml');
  const versions = Array.from({ length: 20 }, (_, i) => `${String(i).repeat(2000)}\n`);
  await Promise.all(versions.map((v) => writeFileAtomic(file, v)));
  assert.ok(versions.includes(readFileSync(file, 'utf8')));
  assert.deepEqual(readdirSync(dir), ['state.toml']);
});
