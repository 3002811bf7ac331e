import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { after, test } from 'node:test';
import { commandTools, formatMissingTools, missingTools } from '../../shared/src/build/preflight';
import { makeProject } from '../support/project';

const root = makeProject({});
after(() => rmSync(root, { recursive: true, force: true }));

/** Two PATH folders: `cargo` and `python3` are installed (executable), `pytest` is a file without +x. */
const bin = join(root, 'bin');
const bin2 = join(root, 'bin2');
mkdirSync(bin);
mkdirSync(bin2);
for (const [dir, name, mode] of [
  [bin, 'cargo', 0o755],
  [bin2, 'python3', 0o755],
  [bin, 'pytest', 0o644],
] as const) {
  writeFileSync(join(dir, name), '#!/bin/sh\nexit 0\n');
  chmodSync(join(dir, name), mode);
}
mkdirSync(join(bin, 'node'));
const env = { PATH: [bin, '', bin2].join(delimiter) };

test('the programs a command starts: sub-commands split at && || ; |, env assignments and builtins skipped', () => {
  assert.deepEqual(
    commandTools('RUST_BACKTRACE=1 cargo test && cd web && npm test || echo failed; jq . | sort -u'),
    ['cargo', 'npm', 'jq', 'sort'],
  );
  assert.deepEqual(commandTools('cargo build&&cargo test'), ['cargo']);
  assert.deepEqual(commandTools('test -f out.txt && [ -d src ] && export X=1 && true && : && exit 0'), []);
});

test('paths are artifacts, not tools; redirection targets and shell keywords are not programs', () => {
  assert.deepEqual(commandTools('./target/release/yep --version && zig-out/bin/app'), []);
  assert.deepEqual(commandTools('cargo test 2>&1 | tee log.txt > /dev/null'), ['cargo', 'tee']);
  assert.deepEqual(commandTools('if cargo check; then pytest -q; else make; fi'), [
    'cargo',
    'pytest',
    'make',
  ]);
  assert.deepEqual(commandTools('for f in a b; do python3 "$f"; done'), ['python3']);
  assert.deepEqual(commandTools('(cd sub && go test ./...) & wait'), ['go']);
  assert.deepEqual(commandTools('$CC -o app main.c'), []);
});

test('quoted operators do not split a command; quoting the shell cannot parse falls back to splitting at spaces', () => {
  assert.deepEqual(commandTools(`cargo run -- "unclosed && zig build`), ['cargo', 'zig']);
  assert.deepEqual(commandTools(`python3 -c 'print("a && b")' && deno test`), ['python3', 'deno']);
});

test('tools not on PATH (or not executable, or a folder) are reported once, with every command and place', () => {
  const missing = missingTools(
    [
      { label: '[build] setup', commands: ['cargo fetch', 'npm ci'] },
      { label: '[build] verify', commands: ['cargo clippy'] },
      { label: 'task 001 verify', commands: ['cargo test', 'python3 -m pytest && pytest -q'] },
      { label: 'task 002 verify', commands: ['npm test', 'node dist/cli.js', 'pytest -q'] },
    ],
    env,
  );
  assert.deepEqual(missing, [
    { tool: 'node', commands: ['node dist/cli.js'], usedIn: ['task 002 verify'] },
    { tool: 'npm', commands: ['npm ci', 'npm test'], usedIn: ['[build] setup', 'task 002 verify'] },
    {
      tool: 'pytest',
      commands: ['python3 -m pytest && pytest -q', 'pytest -q'],
      usedIn: ['task 001 verify', 'task 002 verify'],
    },
  ]);
  assert.deepEqual(missingTools([{ label: 'x', commands: ['cargo test'] }], { PATH: '' }), [
    { tool: 'cargo', commands: ['cargo test'], usedIn: ['x'] },
  ]);
  assert.deepEqual(missingTools([{ label: 'x', commands: ['cargo test && python3 x.py'] }], env), []);
});

test('the message names the missing tools, the commands using them, and what to do', () => {
  const text = formatMissingTools(
    missingTools([{ label: 'task 003 verify', commands: ['pytest -q', 'ruff check .'] }], env),
  );
  const lines = text.split('\n');
  assert.equal(lines[0], 'Missing required tools: pytest, ruff');
  assert.ok(lines.includes('  x pytest not found on PATH (in task 003 verify)'));
  assert.ok(lines.includes('    used by: ruff check .'));
  assert.match(text, /Install the missing tools .*PATH/);
  assert.match(text, /\.ossature\/plan\.toml/);
});
