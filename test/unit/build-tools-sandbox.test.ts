import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { normalizeToolPath } from '../../shared/src/build/tools';
import { assertRetry, makeWorld, type World } from '../support/build-tools';

let world: World | undefined;
afterEach(() => world?.dispose());
const setup = (...args: Parameters<typeof makeWorld>) => {
  world = makeWorld(...args);
  return world;
};

test('hostile paths are refused by every path-taking tool with a retryable "Access denied"', async () => {
  const w = setup();
  const hostile = [
    '../x',
    'a/../../x',
    '../secret',
    '/etc/passwd',
    join(w.root, 'secret'),
    '~/.ssh/id_rsa',
    '..\\secret',
    'a\\..\\..\\secret',
    'C:\\Windows\\win.ini',
    '\\\\server\\share',
    'src/\0../../secret',
    './../outside/s',
  ];
  for (const path of hostile) {
    await assertRetry(w.call('write_file', { path, content: 'pwned' }), /Access denied: .*without "\.\."/);
    await assertRetry(w.call('edit_file', { path, edits: [{ old: 'top', new: 'pwned' }] }), /Access denied/);
    await assertRetry(w.call('read_file', { path }), /Access denied/);
    await assertRetry(w.call('read_lines', { path, start_line: 1, end_line: 2 }), /Access denied/);
    await assertRetry(w.call('grep_file', { path, pattern: 'secret' }), /Access denied/);
    await assertRetry(w.call('list_files', { directory: path }), /Access denied/);
    await assertRetry(
      w.call('copy_context_file', { context_path: 'a.txt', dest_path: path }),
      /Access denied/,
    );
    await assertRetry(w.call('copy_context_file', { context_path: path, dest_path: 'x' }), /Access denied/);
    await assertRetry(w.call('read_context_file', { context_path: path }), /Access denied/);
  }
  w.assertOutsideUntouched();
  assert.deepEqual(w.sandbox.createdFiles, []);
});

test('NUL bytes, home paths and backslash tricks are named in the refusal', () => {
  assert.throws(() => normalizeToolPath('a\0b', 'output directory'), /contains a NUL byte/);
  assert.throws(() => normalizeToolPath('~/.ssh', 'output directory'), /home directory/);
  assert.throws(() => normalizeToolPath('..\\..\\x', 'output directory'), /leaves its folder/);
  assert.throws(() => normalizeToolPath('/abs', 'output directory'), /absolute path/);
  assert.equal(normalizeToolPath('./src//a.ts', 'output directory'), 'src/a.ts');
  assert.equal(normalizeToolPath('.', 'output directory'), '');
});

test('symlinks out of the output dir (file, dir, dangling, loop) cannot be read or written through', async () => {
  const w = setup();
  symlinkSync(w.secret, join(w.out, 'file-link'));
  symlinkSync(w.outside, join(w.out, 'dir-link'));
  symlinkSync(join(w.outside, 'created-by-attacker'), join(w.out, 'dangling'));
  symlinkSync(join(w.out, 'loop-b'), join(w.out, 'loop-a'));
  symlinkSync(join(w.out, 'loop-a'), join(w.out, 'loop-b'));
  mkdirSync(join(w.out, 'nested'));
  symlinkSync('../../outside', join(w.out, 'nested', 'relative-link'));
  const cases: [string, RegExp][] = [
    ['file-link', /leads outside the output directory through a symbolic link/],
    ['dir-link/s', /symbolic link/],
    ['dir-link/new-file', /symbolic link/],
    ['dangling', /symbolic link/],
    ['loop-a', /broken or looping symbolic link/],
    ['loop-a/x', /broken or looping symbolic link/],
    ['nested/relative-link/s', /symbolic link/],
  ];
  for (const [path, message] of cases) {
    await assertRetry(w.call('write_file', { path, content: 'pwned' }), message);
    await assertRetry(w.call('edit_file', { path, edits: [{ old: 'o', new: 'pwned' }] }), message);
    await assertRetry(w.call('read_file', { path }), message);
  }
  await assertRetry(w.call('list_files', { directory: 'dir-link' }), /symbolic link/);
  w.assertOutsideUntouched();
});

test('a symlinked context dir entry leading out of the context dir is refused', async () => {
  const w = setup();
  symlinkSync(w.secret, join(w.ctx, 'leak'));
  await assertRetry(w.call('read_context_file', { context_path: 'leak' }), /outside the context directory/);
  await assertRetry(w.call('copy_context_file', { context_path: 'leak', dest_path: 'leak' }), /symbolic/);
  assert.equal(existsSync(join(w.out, 'leak')), false);
});

test('checks/ and protected paths are read-only, also through a symlink or another spelling', async () => {
  const w = setup({ protectedPaths: ['tests/test_fixture.py', 'locked'] });
  mkdirSync(join(w.out, 'checks'));
  writeFileSync(join(w.out, 'checks', 'cases.json'), '{"a": 1}');
  mkdirSync(join(w.out, 'tests'));
  writeFileSync(join(w.out, 'tests', 'test_fixture.py'), 'assert True\n');
  symlinkSync('checks', join(w.out, 'alias'));
  for (const path of ['checks/cases.json', './checks/new.json', 'checks', 'checks\\x', 'alias/cases.json']) {
    await assertRetry(w.call('write_file', { path, content: 'x' }), /under checks\/.*read-only/);
  }
  await assertRetry(
    w.call('edit_file', { path: 'checks/cases.json', edits: [{ old: '1', new: '2' }] }),
    /read-only/,
  );
  await assertRetry(w.call('copy_context_file', { context_path: 'a', dest_path: 'checks/a' }), /.+/);
  for (const path of ['tests/test_fixture.py', 'tests//./test_fixture.py', 'locked/inner.txt']) {
    await assertRetry(w.call('write_file', { path, content: 'x' }), /protected in this task/);
  }
  assert.equal(readFileSync(join(w.out, 'checks', 'cases.json'), 'utf8'), '{"a": 1}');
  assert.equal(readFileSync(join(w.out, 'tests', 'test_fixture.py'), 'utf8'), 'assert True\n');
  assert.match(await w.call('read_file', { path: 'checks/cases.json' }), /"a": 1/);
  assert.deepEqual(w.sandbox.createdFiles, []);
});

test('hostile commands are rejected before they run, with a retryable error, and nothing outside changes', async () => {
  const w = setup();
  mkdirSync(join(w.out, 'sub'));
  symlinkSync(w.outside, join(w.out, 'sub', 'out-link'));
  const cases: [string, RegExp][] = [
    ['$(rm -rf ..)', /"\$\(" \(command substitution\)/],
    ['echo `rm -rf ../outside`', /backticks/],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text is the hostile input
    ['rm -rf ${HOME}/x', /"\$\{"/],
    ['echo pwned > $HOME/x', /"\$H"/],
    ["awk '{print $1}' ../secret", /"\$1"/],
    ["echo $'\\x2e\\x2e'", /"\$'"/],
    ['cat ../../secret', /"\.\.\/\.\.\/secret" leaves the output directory/],
    ['cat ../secret', /leaves the output directory/],
    ['cd .. && rm -rf outside', /"\.\." leaves the output directory/],
    ['cd sub/../.. && ls', /leaves the output directory/],
    [`rm -f ${w.secret}`, /absolute path outside the output directory/],
    ['echo pwned > /tmp/ossature-escape', /absolute path outside/],
    ['touch --reference=/etc/passwd x', /"\/etc\/passwd" is an absolute path/],
    ["cat '..'/secret", /leaves the output directory/],
    ['cat ".."/secret', /leaves the output directory/],
    ['cat .\\./secret', /leaves the output directory/],
    ["sh -c 'rm ../secret'", /leaves the output directory/],
    ['echo "unbalanced', /quoting cannot be parsed \(a double quote is never closed\)/],
    ["echo 'unbalanced", /single quote is never closed/],
    ['echo trailing \\', /lone backslash/],
    ['ln -s / root-link', /"\/" is an absolute path outside/],
    ['ln -s .. up', /leaves the output directory/],
    ['cat ~/.ssh/id_rsa', /home directory/],
    ['cd && cat .ssh/id_rsa', /"cd" without a directory/],
    ['cd - && ls', /"cd" without a directory/],
    ['cat .*/secret', /matches "\.\."/],
    ['rm -rf .?/outside', /matches "\.\."/],
    ['cat {.,.}./secret', /brace expansion/],
    ['cat sub/out-link/s', /symbolic link/],
    ['echo x\0y', /NUL byte/],
    ['   ', /empty/],
  ];
  for (const [command, message] of cases) {
    await assertRetry(w.call('run_command', { command }), message);
  }
  w.assertOutsideUntouched();
  assert.equal(existsSync('/tmp/ossature-escape'), false);
});

test('".." after a symlink is resolved as the kernel does: a link to "." cannot climb out', async () => {
  const w = setup();
  assert.match(await w.call('run_command', { command: 'ln -s . dot && mkdir -p sub' }), /^Exit code: 0/);
  symlinkSync('..', join(w.out, 'sub', 'up-link'));
  for (const command of ['cat dot/../secret', 'rm -f dot/dot/../secret', 'cd dot/.. && rm -f secret']) {
    await assertRetry(w.call('run_command', { command }), /through a symbolic link/);
  }
  await assertRetry(w.call('run_command', { command: 'cat sub/up-link/../secret' }), /symbolic link/);
  // A link made and climbed in the same command: ".." after a path that does not exist yet is refused.
  await assertRetry(
    w.call('run_command', { command: 'ln -s . dot2 && ln -s dot2/.. up && cat up/secret' }),
    /"dot2\/\.\." goes up with "\.\." from "dot2", which does not exist yet/,
  );
  w.assertOutsideUntouched();
});

test('writing through a path named like a link the model tried to make stays inside', async () => {
  const w = setup();
  await assertRetry(w.call('run_command', { command: 'ln -s / x' }));
  assert.match(await w.call('write_file', { path: 'x/tmp/pwned', content: 'p' }), /Wrote x\/tmp\/pwned/);
  assert.equal(readFileSync(join(w.out, 'x', 'tmp', 'pwned'), 'utf8'), 'p');
  assert.equal(existsSync('/tmp/pwned-by-ossature'), false);
  w.assertOutsideUntouched();
});

test('harmless commands with paths inside the output dir pass the checks', async () => {
  const w = setup();
  mkdirSync(join(w.out, 'src'));
  writeFileSync(join(w.out, 'src', 'a.txt'), 'hello\n');
  for (const command of [
    'cat src/a.txt',
    'cat src/../src/a.txt',
    `cat ${join(w.out, 'src', 'a.txt')}`,
    'cat src/a.txt > /dev/null 2>&1 && echo ok',
    'ls *.txt src/*.txt || true',
    'git log HEAD~3..HEAD 2>/dev/null || true',
    'echo "5 $ each" # a trailing comment',
  ]) {
    const result = await w.call('run_command', { command });
    assert.match(result, /^Exit code: /, command);
  }
});
