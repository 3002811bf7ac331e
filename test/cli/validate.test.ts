import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { validateReportSchema } from '../../shared/src/model/validate-report';
import { CLI, runCli } from '../support/cli';
import { corpusPath } from '../support/corpus';
import { lineOf } from '../support/find';
import { makeProject, validSmd } from '../support/project';

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'todo');

test('validate on the bundled example passes with a summary and tables', () => {
  const run = runCli(['validate'], EXAMPLE);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /Validated 2 SMD\(s\) · 1 AMD\(s\) · 2 VMD\(s\)/);
  assert.match(run.stdout, /TODO_STORE/);
  assert.match(run.stdout, /Requirement Coverage/);
  assert.match(run.stdout, /✓ All checks passed/);
  assert.ok(!run.stdout.includes('\u001b['), 'no colour when stdout is not a TTY');
});

test('validate --json reports six independent errors in six files, each on its line', () => {
  const specs: Record<string, string> = {};
  const expected: { file: string; line: number; code: string }[] = [];
  const add = (name: string, text: string, needle: string) => {
    specs[`specs/${name}.smd`] = text;
    expected.push({ file: `specs/${name}.smd`, line: lineOf(text, needle) + 1, code: '' });
  };
  add('s1', validSmd('S1').replace('status: draft', 'status: finished'), 'status: finished');
  add(
    's2',
    validSmd('S2').replace('**Accepts:** The inputs, with their types and limits.\n', ''),
    '### Main Operation',
  );
  add('s3', validSmd('S3', ['NOPE']), 'depends: [NOPE]');
  add('s4', validSmd('S4').replace('priority: medium', 'priority: urgent'), 'priority: urgent');
  add(
    's5',
    validSmd('S5').replace('- Invalid input -> ValueError', '- Invalid input ValueError'),
    '- Invalid input ValueError',
  );
  add(
    's6',
    validSmd('S6').replace('**Output:**\n\n```\nexample output\n```\n', '**Output:**\n\nno code block\n'),
    '**Output:**',
  );
  const root = makeProject(specs);
  const run = runCli(['validate', '--json'], root);
  assert.equal(run.status, 1, run.stderr);
  const report = validateReportSchema.parse(JSON.parse(run.stdout));
  const errors = report.diagnostics.filter((d) => d.severity === 'error');
  assert.equal(errors.length, 6, JSON.stringify(errors, null, 1));
  for (const want of expected) {
    const got = errors.filter((d) => d.file === want.file);
    assert.equal(got.length, 1, `one error in ${want.file}`);
    assert.equal(got[0]!.line, want.line, `${want.file}: ${got[0]!.message}`);
  }
  assert.equal(report.summary.errors, 6);
  assert.equal(report.summary.smd, 6);
});

test('human output is compiler-style path:line:col: error OSS…: message', () => {
  const text = validSmd('S3', ['NOPE']);
  const root = makeProject({ 'specs/s3.smd': text });
  const run = runCli(['validate'], root);
  assert.equal(run.status, 1);
  const line = lineOf(text, 'depends: [NOPE]') + 1;
  assert.match(run.stdout, new RegExp(`^specs/s3\\.smd:${line}:\\d+: error OSS400: `, 'm'));
});

test('the corpus projects validate without errors', () => {
  for (const project of ['spenny', 'markman', 'yep']) {
    const run = runCli(['validate', '--json'], corpusPath(project));
    const report = validateReportSchema.parse(JSON.parse(run.stdout));
    assert.deepEqual(
      report.diagnostics.filter((d) => d.severity === 'error'),
      [],
      project,
    );
    assert.equal(run.status, 0, project);
  }
});

test('--config points at a project from anywhere; a folder is accepted', () => {
  const run = runCli(['-c', join(EXAMPLE, 'ossature.toml'), 'validate', '--json'], '/');
  assert.equal(run.status, 0);
  assert.equal(JSON.parse(run.stdout).summary.smd, 2);
  assert.equal(runCli(['--config', EXAMPLE, 'validate', '--json'], '/').status, 0);
});

test('exit 2 with a clear message when no project is found or --config names nothing', () => {
  const none = runCli(['validate'], '/');
  assert.equal(none.status, 2);
  assert.match(none.stderr, /No ossature\.toml found .* Run `ossature init`/);
  const missing = runCli(['-c', '/nowhere/ossature.toml', 'validate'], '/');
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /--config \/nowhere\/ossature\.toml: no such file/);
});

test('exit 2 for a configuration error, while spec problems are still listed', () => {
  const root = makeProject({
    'ossature.toml': '[project]\nname = "x"\n',
    'specs/a.smd': validSmd('A', ['GONE']),
  });
  const run = runCli(['validate'], root);
  assert.equal(run.status, 2);
  assert.match(run.stdout, /ossature\.toml:1:1: error OSS002/);
  assert.match(run.stdout, /OSS400/);
});

test('usage errors exit 2; --help and --version exit 0', () => {
  assert.equal(runCli(['frobnicate'], '/').status, 2);
  assert.equal(runCli(['validate', '--bogus'], '/').status, 2);
  const help = runCli(['--help'], '/');
  assert.equal(help.status, 0);
  for (const command of ['init', 'new', 'validate', 'status', 'clean'])
    assert.match(help.stdout, new RegExp(command));
  const version = runCli(['--version'], '/');
  assert.equal(version.status, 0);
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
  assert.equal(version.stdout.trim(), `ossature ${pkg.version}`);
});

test('validate --fix migrates legacy @key metadata and drops a repeated dependency, then reports what is left', () => {
  const legacy = validSmd('OLD')
    .replace(
      /^---\n[\s\S]*?\n---\n\n# Old\n/,
      '# Old\n@id: OLD\n@status: draft\n@priority: high\n@depends: NEW, NEW\n',
    )
    .replace('## Overview', '\n## Overview');
  const root = makeProject({ 'specs/old.smd': legacy, 'specs/new.smd': validSmd('NEW') });
  const before = runCli(['validate', '--json'], root);
  assert.equal(before.status, 1);
  assert.deepEqual(
    JSON.parse(before.stdout).diagnostics.map((d: { code: string }) => d.code),
    ['OSS104', 'OSS410'],
  );
  const fixed = runCli(['validate', '--fix'], root);
  assert.equal(fixed.status, 0, fixed.stdout);
  assert.match(fixed.stdout, /Applied 1 fix in specs\/old\.smd/);
  const text = readFileSync(join(root, 'specs/old.smd'), 'utf8');
  assert.match(text, /^---\nid: OLD\nstatus: draft\npriority: high\ndepends: \[NEW, NEW\]\n---\n/);
  // The repeated-dependency edit overlaps the migrated block, so a second run applies it.
  const second = runCli(['validate', '--fix'], root);
  assert.match(second.stdout, /Applied 1 fix/);
  assert.match(readFileSync(join(root, 'specs/old.smd'), 'utf8'), /depends: \[NEW\]\n/);
  assert.equal(runCli(['validate', '--json'], root).status, 0);
});

test('colour on a terminal, none with NO_COLOR (run under a pseudo-terminal with script)', () => {
  const onTty = (env: Record<string, string>) =>
    spawnSync('script', ['-qec', `"${process.execPath}" "${CLI}" validate`, '/dev/null'], {
      cwd: EXAMPLE,
      encoding: 'utf8',
      env: { ...process.env, TERM: 'xterm', ...env },
    }).stdout;
  assert.ok(onTty({ NO_COLOR: '' }).includes('\u001b[33mwarning\u001b[39m'));
  assert.ok(!onTty({ NO_COLOR: '1' }).includes('\u001b['));
});
