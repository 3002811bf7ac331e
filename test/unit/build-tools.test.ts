import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { EMPTY_HASH } from '../../shared/src/build/hashing';
import { buildTools, GREP_MAX_LINES, grepLines, numberedLines } from '../../shared/src/build/tools';
import { assertRetry, makeWorld, type World } from '../support/build-tools';

let world: World | undefined;
afterEach(() => world?.dispose());
const setup = (...args: Parameters<typeof makeWorld>) => {
  world = makeWorld(...args);
  return world;
};

test('the nine tools of §5.5 are there under their original names', () => {
  const w = setup();
  assert.deepEqual(
    buildTools(w.sandbox)
      .map((tool) => tool.name)
      .sort(),
    [
      'copy_context_file',
      'edit_file',
      'grep_file',
      'list_files',
      'read_context_file',
      'read_file',
      'read_lines',
      'run_command',
      'write_file',
    ],
  );
});

test('write_file creates parents, counts lines and lists each created file once', async () => {
  const w = setup();
  assert.equal(
    await w.call('write_file', { path: './src/app/main.ts', content: 'a\nb\n' }),
    'Wrote src/app/main.ts (2 lines).',
  );
  assert.equal(
    await w.call('write_file', { path: 'src/app/main.ts', content: 'a\nb\nc' }),
    'Wrote src/app/main.ts (3 lines).',
  );
  assert.equal(readFileSync(join(w.out, 'src/app/main.ts'), 'utf8'), 'a\nb\nc');
  assert.deepEqual(w.sandbox.createdFiles, ['src/app/main.ts']);
  assert.deepEqual(w.sandbox.editedFiles, []);
  mkdirSync(join(w.out, 'dir'));
  await assertRetry(w.call('write_file', { path: 'dir', content: 'x' }), /is a directory/);
});

test('edit_file needs an existing file and applies the shared exact-once edits, all or nothing', async () => {
  const w = setup();
  await assertRetry(
    w.call('edit_file', { path: 'new.ts', edits: [{ old: 'a', new: 'b' }] }),
    /use write_file/,
  );
  writeFileSync(join(w.out, 'old.ts'), 'one two two three\n');
  await assertRetry(
    w.call('edit_file', { path: 'old.ts', edits: [{ old: 'two', new: '2' }] }),
    /more than once/,
  );
  await assertRetry(
    w.call('edit_file', { path: 'old.ts', edits: [{ old: 'four', new: '4' }] }),
    /does not occur/,
  );
  await assertRetry(w.call('edit_file', { path: 'old.ts', edits: [] }), /edits list is empty/);
  await assertRetry(
    w.call('edit_file', {
      path: 'old.ts',
      edits: [
        { old: 'one', new: '1' },
        { old: 'missing', new: 'x' },
      ],
    }),
    /Edit 2 of 2.*No edit was applied/s,
  );
  assert.equal(readFileSync(join(w.out, 'old.ts'), 'utf8'), 'one two two three\n');
  assert.deepEqual(w.sandbox.editedFiles, []);
  const done = await w.call('edit_file', {
    path: 'old.ts',
    edits: [
      { old: 'one', new: '1' },
      { old: 'two three', new: '2 3' },
    ],
  });
  assert.equal(done, 'Applied 2 edit(s) to old.ts (1 lines).');
  assert.equal(readFileSync(join(w.out, 'old.ts'), 'utf8'), '1 two 2 3\n');
  await w.call('edit_file', { path: 'old.ts', edits: [{ old: '1', new: 'uno' }] });
  assert.deepEqual(w.sandbox.editedFiles, ['old.ts']);
});

test('created vs edited: an edited file the task created stays only in created_files', async () => {
  const w = setup({ createdFiles: ['earlier.ts'], editedFiles: [] });
  writeFileSync(join(w.out, 'earlier.ts'), 'x = 1\n');
  await w.call('edit_file', { path: 'earlier.ts', edits: [{ old: '1', new: '2' }] });
  await w.call('write_file', { path: 'fresh.ts', content: 'y\n' });
  await w.call('edit_file', { path: 'fresh.ts', edits: [{ old: 'y', new: 'z' }] });
  assert.deepEqual(w.sandbox.createdFiles, ['earlier.ts', 'fresh.ts']);
  assert.deepEqual(w.sandbox.editedFiles, []);
});

test('touchedContentHash follows the net content change, not the set of touched paths', async () => {
  const w = setup();
  writeFileSync(join(w.out, 'lib.ts'), 'export const a = 1;\n');
  const start = w.sandbox.touchedContentHash();
  assert.equal(start, EMPTY_HASH);
  // Rewriting a file with its own content touches it but changes nothing.
  await w.call('write_file', { path: 'lib.ts', content: 'export const a = 1;\n' });
  assert.deepEqual(w.sandbox.createdFiles, ['lib.ts']);
  assert.equal(w.sandbox.touchedContentHash(), start);
  await w.call('edit_file', { path: 'lib.ts', edits: [{ old: '1', new: '2' }] });
  const changed = w.sandbox.touchedContentHash();
  assert.notEqual(changed, start);
  // A second attempt on an already touched file: same content → same hash, new content → new hash.
  await w.call('write_file', { path: 'lib.ts', content: 'export const a = 2;\n' });
  assert.equal(w.sandbox.touchedContentHash(), changed);
  await w.call('edit_file', { path: 'lib.ts', edits: [{ old: '2', new: '3' }] });
  assert.notEqual(w.sandbox.touchedContentHash(), changed);
  // Reverting to the original content is a net no-op again.
  await w.call('edit_file', { path: 'lib.ts', edits: [{ old: '3', new: '1' }] });
  assert.equal(w.sandbox.touchedContentHash(), start);
});

test('read_file returns the text, or an error string for a missing, folder or binary path', async () => {
  const w = setup();
  writeFileSync(join(w.out, 'a.txt'), 'héllo\n');
  writeFileSync(join(w.out, 'b.bin'), Buffer.from([0x89, 0x50, 0, 1]));
  mkdirSync(join(w.out, 'd'));
  assert.equal(await w.call('read_file', { path: 'a.txt' }), 'héllo\n');
  assert.equal(await w.call('read_file', { path: 'nope.txt' }), 'Error: file not found: "nope.txt".');
  assert.match(await w.call('read_file', { path: 'd' }), /is not a file/);
  assert.match(await w.call('read_file', { path: 'b.bin' }), /binary file \(4 bytes\)/);
});

test('read_lines numbers lines 1-based, inclusive, clamped, right-aligned', async () => {
  const text = `${Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\n')}\n`;
  assert.equal(numberedLines(text, 2, 3), 'Lines 2-3 of 12:\n2: line 2\n3: line 3');
  assert.equal(numberedLines(text, 9, 10), 'Lines 9-10 of 12:\n 9: line 9\n10: line 10');
  assert.equal(numberedLines(text, -5, 1), 'Lines 1-1 of 12:\n1: line 1');
  assert.equal(numberedLines(text, 12, 99), 'Lines 12-12 of 12:\n12: line 12');
  assert.equal(numberedLines(text, 50, 60), 'Lines 12-12 of 12:\n12: line 12');
  assert.equal(numberedLines('', 1, 5), 'Lines 0-0 of 0: (the file is empty)');
  const w = setup();
  writeFileSync(join(w.out, 'f.txt'), text);
  assert.equal(
    await w.call('read_lines', { path: 'f.txt', start_line: 11, end_line: 12 }),
    'Lines 11-12 of 12:\n11: line 11\n12: line 12',
  );
  assert.match(await w.call('read_lines', { path: 'g.txt', start_line: 1, end_line: 2 }), /file not found/);
});

test('grep_file marks hits with ">", shows one line of context, separates groups with "---"', async () => {
  const text = ['alpha', 'beta', 'Gamma', 'delta', 'epsilon', 'zeta', 'eta', 'GAMMA two'].join('\n');
  assert.equal(
    grepLines(text, 'gamma', 'f'),
    [' 2: beta', '>3: Gamma', ' 4: delta', '---', ' 7: eta', '>8: GAMMA two'].join('\n'),
  );
  assert.equal(grepLines(text, 'nothing', 'f'), 'No matches for /nothing/i in f.');
  assert.throws(() => grepLines(text, '(', 'f'), /not a valid regular expression/);
  const many = Array.from({ length: 500 }, (_, i) => `hit ${i}`).join('\n');
  const lines = grepLines(many, 'hit', 'f').split('\n');
  assert.equal(lines.length, GREP_MAX_LINES + 1);
  assert.match(lines.at(-1) as string, /stopped at 200 lines/);
  const w = setup();
  writeFileSync(join(w.out, 'f.txt'), text);
  assert.match(await w.call('grep_file', { path: 'f.txt', pattern: 'DELTA' }), />4: delta/);
  await assertRetry(w.call('grep_file', { path: 'f.txt', pattern: '[' }), /not a valid regular expression/);
});

test('list_files shows sorted immediate children, folders with "/", files with sizes, at most 200', async () => {
  const w = setup();
  mkdirSync(join(w.out, 'src', 'deep'), { recursive: true });
  writeFileSync(join(w.out, 'src', 'b.ts'), '12345');
  writeFileSync(join(w.out, 'src', 'a.ts'), '');
  writeFileSync(join(w.out, 'src', 'deep', 'hidden.ts'), 'x');
  writeFileSync(join(w.out, 'README.md'), 'hi\n');
  assert.equal(await w.call('list_files', { directory: 'src' }), 'a.ts (0 bytes)\nb.ts (5 bytes)\ndeep/');
  assert.equal(await w.call('list_files', { directory: '.' }), 'README.md (3 bytes)\nsrc/');
  assert.equal(await w.call('list_files', { directory: '' }), 'README.md (3 bytes)\nsrc/');
  assert.match(await w.call('list_files', { directory: 'nope' }), /directory not found/);
  assert.match(await w.call('list_files', { directory: 'README.md' }), /is not a directory/);
  mkdirSync(join(w.out, 'many'));
  for (let i = 0; i < 205; i++) writeFileSync(join(w.out, 'many', `f${String(i).padStart(3, '0')}`), '');
  const listed = (await w.call('list_files', { directory: 'many' })).split('\n');
  assert.equal(listed.length, 201);
  assert.equal(listed[0], 'f000 (0 bytes)');
  assert.equal(listed.at(-1), '... and 5 more (205 entries in all)');
});

test('copy_context_file copies bytes and records the destination; read_context_file reads text', async () => {
  const w = setup();
  mkdirSync(join(w.ctx, 'assets'));
  writeFileSync(join(w.ctx, 'assets', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0xff]));
  writeFileSync(join(w.ctx, 'notes.md'), '# Notes\n');
  assert.equal(
    await w.call('copy_context_file', { context_path: 'assets/logo.png', dest_path: 'public/logo.png' }),
    'Copied assets/logo.png to public/logo.png.',
  );
  assert.deepEqual(
    readFileSync(join(w.out, 'public', 'logo.png')),
    readFileSync(join(w.ctx, 'assets', 'logo.png')),
  );
  assert.deepEqual(w.sandbox.createdFiles, ['public/logo.png']);
  assert.equal(await w.call('read_context_file', { context_path: 'notes.md' }), '# Notes\n');
  assert.match(
    await w.call('read_context_file', { context_path: 'assets/logo.png' }),
    /binary.*Use copy_context_file/,
  );
  assert.match(await w.call('read_context_file', { context_path: 'none.md' }), /file not found/);
  await assertRetry(
    w.call('copy_context_file', { context_path: 'none.md', dest_path: 'x' }),
    /no file "none.md"/,
  );
});

test('without a context dir the context tools refuse with a retryable error', async () => {
  const w = setup({ contextDir: undefined });
  await assertRetry(w.call('read_context_file', { context_path: 'a.md' }), /no context directory/);
});

test('run_command reports the exit code, stdout and stderr, run in the output dir', async () => {
  const w = setup();
  writeFileSync(join(w.out, 'data.txt'), 'payload\n');
  assert.equal(
    await w.call('run_command', { command: 'cat data.txt; echo oops >&2; exit 3' }),
    'Exit code: 3\nstdout:\npayload\n\nstderr:\noops\n',
  );
  assert.equal(await w.call('run_command', { command: 'true' }), 'Exit code: 0');
  assert.equal(await w.call('run_command', { command: 'pwd' }), `Exit code: 0\nstdout:\n${w.out}\n`);
});

test('run_command caps long output, keeping its start and end', async () => {
  const w = setup({}, { outputCap: 1000 });
  const result = await w.call('run_command', {
    command: "node -e \"process.stdout.write('a'.repeat(5000) + 'END')\"",
  });
  assert.ok(result.length < 1200, `too long: ${result.length}`);
  assert.match(result, /^Exit code: 0\nstdout:\na{500}\n… \(4003 bytes cut from the middle\) …\na+END$/);
});
