import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from '../../shared/src/diagnostics/diagnostic';
import { Workspace } from '../../shared/src/project/workspace';
import { validateWorkspace } from '../../shared/src/validate/validate-workspace';
import { rangeIn, rangeOf } from '../support/find';
import { makeProject, validSmd } from '../support/project';

function validate(files: Record<string, string>) {
  const root = makeProject(files);
  const result = validateWorkspace(Workspace.load(join(root, 'ossature.toml')));
  return { root, result, text: (rel: string) => readFileSync(join(root, rel), 'utf8') };
}

function withCode(diagnostics: Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

test('OSS400: unknown dependency, at the depends item, with did-you-mean and create-spec fixes', () => {
  const { root, result, text } = validate({
    'specs/store.smd': validSmd('STORE'),
    'specs/cli.smd': validSmd('CLI', ['STOR']),
  });
  const [d] = withCode(result.diagnostics, 'OSS400');
  assert.ok(d, 'OSS400 reported');
  assert.equal(d.file, join(root, 'specs/cli.smd'));
  assert.deepEqual(d.range, rangeIn(text('specs/cli.smd'), 'depends: [STOR]', 'STOR'));
  assert.equal(d.fixes[0]?.title, "Change to 'STORE'");
  assert.equal(d.fixes[0]?.edits[0]?.newText, 'STORE');
  assert.ok(d.fixes.some((f) => f.createFiles?.[0]?.file === join(root, 'specs/stor.smd')));
});

test('OSS401: a cycle is reported on every edge of it, all at once', () => {
  const { result, text } = validate({
    'specs/a.smd': validSmd('A', ['B']),
    'specs/b.smd': validSmd('B', ['A']),
  });
  const found = withCode(result.diagnostics, 'OSS401');
  assert.equal(found.length, 2);
  assert.match(found[0]!.message, /A -> B -> A/);
  assert.deepEqual(found[0]!.range, rangeIn(text('specs/a.smd'), 'depends: [B]', 'B'));
  assert.deepEqual(found[1]!.range, rangeIn(text('specs/b.smd'), 'depends: [A]', 'A'));
  assert.equal(found[0]!.related.length, 1);
});

test('OSS402: AMD for a spec that does not exist, at the spec: value', () => {
  const amd =
    '---\nspec: NOPE\nstatus: draft\n---\n\n# Architecture: X\n\n## Overview\n\nx\n\n## Components\n\n### Main\n\n@path: src/main.py\n\nMain.\n\n**Interface:**\n\n```python\ndef main(): ...\n```\n\n**Contracts:** None\n';
  const { result, text } = validate({ 'specs/a.smd': validSmd('A'), 'specs/a.amd': amd });
  const [d] = withCode(result.diagnostics, 'OSS402');
  assert.ok(d);
  assert.deepEqual(d.range, rangeOf(text('specs/a.amd'), 'NOPE'));
});

function amdWith(specId: string, components: { name: string; dependsOn?: string; iface?: string }[]): string {
  const body = components
    .map(
      (c) =>
        `### ${c.name}\n\n@path: src/${c.name.toLowerCase()}.py\n\n${c.name} does its job.\n\n**Interface:**\n\n\`\`\`python\n${c.iface ?? `def ${c.name.toLowerCase()}(): ...`}\n\`\`\`\n\n**Contracts:** None\n${c.dependsOn ? `\n**Depends on:** ${c.dependsOn}\n` : ''}`,
    )
    .join('\n');
  return `---\nspec: ${specId}\nstatus: draft\n---\n\n# Architecture: ${specId}\n\n## Overview\n\nParts of ${specId}.\n\n## Components\n\n${body}`;
}

test('OSS403: duplicate component names across the AMDs of one spec, case-insensitive', () => {
  const { result, text } = validate({
    'specs/a.smd': validSmd('A'),
    'specs/a.amd': amdWith('A', [{ name: 'Store' }]),
    'specs/a2.amd': amdWith('A', [{ name: 'store' }]),
  });
  const [d] = withCode(result.diagnostics, 'OSS403');
  assert.ok(d);
  assert.equal(d.range.start.line, rangeOf(text('specs/a2.amd'), '### store').start.line);
  assert.equal(d.related[0]?.file.endsWith('a.amd'), true);
});

test('OSS409: Depends on naming no component of the spec, with a did-you-mean fix', () => {
  const { result, text } = validate({
    'specs/a.smd': validSmd('A'),
    'specs/a.amd': amdWith('A', [{ name: 'Handler', dependsOn: 'Servce' }, { name: 'Service' }]),
  });
  const [d] = withCode(result.diagnostics, 'OSS409');
  assert.ok(d);
  assert.deepEqual(d.range, rangeOf(text('specs/a.amd'), 'Servce'));
  assert.equal(d.fixes[0]?.edits[0]?.newText, 'Service');
});

test('OSS404/OSS405: VMD @spec and @arch naming no spec', () => {
  const vmd = '@spec GHOST\n@arch PHANTOM\n\nscenario runs:\nwhen $ app\nthen exit 0\n';
  const { result, text } = validate({ 'specs/a.smd': validSmd('A'), 'specs/a.vmd': vmd });
  assert.deepEqual(withCode(result.diagnostics, 'OSS404')[0]?.range, rangeOf(text('specs/a.vmd'), 'GHOST'));
  assert.deepEqual(withCode(result.diagnostics, 'OSS405')[0]?.range, rangeOf(text('specs/a.vmd'), 'PHANTOM'));
});

test('OSS406/OSS407: duplicate group (name, arity) and scenario slug across VMD files of one spec', () => {
  const one = '@spec A\n\nmain_operation(x)\nc1 | 1 | 2\n\nscenario Runs Fine:\nwhen $ app\nthen exit 0\n';
  const two = '@spec A\n\nMain_Operation(y)\nc2 | 3 | 4\n\nscenario runs fine:\nwhen $ app\nthen exit 0\n';
  const { result, text } = validate({ 'specs/a.smd': validSmd('A'), 'specs/a.vmd': one, 'specs/b.vmd': two });
  assert.deepEqual(
    withCode(result.diagnostics, 'OSS406')[0]?.range,
    rangeOf(text('specs/b.vmd'), 'Main_Operation'),
  );
  const scenario = withCode(result.diagnostics, 'OSS407')[0];
  assert.ok(scenario);
  assert.equal(scenario.file.endsWith('b.vmd'), true);
  assert.equal(scenario.range.start.line, rangeOf(text('specs/b.vmd'), 'scenario runs fine').start.line);
});

test('OSS408: the same spec id in two files reports both files', () => {
  const { result, root } = validate({ 'specs/a.smd': validSmd('SAME'), 'specs/b.smd': validSmd('SAME') });
  const found = withCode(result.diagnostics, 'OSS408');
  assert.deepEqual(
    found.map((d) => d.file),
    [join(root, 'specs/a.smd'), join(root, 'specs/b.smd')],
  );
  assert.equal(found[0]!.related[0]?.file, join(root, 'specs/b.smd'));
});

test('OSS410: a repeated dependency is a warning with a fix that removes it', () => {
  const { result, text } = validate({
    'specs/a.smd': validSmd('A'),
    'specs/b.smd': validSmd('B', ['A', 'A']),
  });
  const [d] = withCode(result.diagnostics, 'OSS410');
  assert.ok(d);
  assert.equal(d.severity, 'warning');
  const source = text('specs/b.smd');
  assert.deepEqual(d.range, rangeIn(source, ', A]', 'A'));
  assert.deepEqual(d.fixes[0]?.edits[0]?.range, rangeIn(source, '[A, A]', ', A'));
});

test('OSS450: requirement complexity over 3000 characters is a warning on the title', () => {
  const long = 'x'.repeat(3100);
  const smd = validSmd('BIG').replace('Describe the behaviour this requirement asks for.', long);
  const { result, text } = validate({ 'specs/big.smd': smd });
  const [d] = withCode(result.diagnostics, 'OSS450');
  assert.ok(d);
  assert.deepEqual(d.range, rangeIn(text('specs/big.smd'), '# Big', 'Big'));
  assert.equal(result.summary.errors, 0);
});

test('OSS451: a group name that no AMD interface declares', () => {
  const vmd = '@spec A\n\n@covers "Main Operation"\nprocess(x)\nc1 | 1 | 2\n';
  const { result, text } = validate({
    'specs/a.smd': validSmd('A'),
    'specs/a.amd': amdWith('A', [{ name: 'Core', iface: 'def compute(x): ...' }]),
    'specs/a.vmd': vmd,
  });
  assert.deepEqual(withCode(result.diagnostics, 'OSS451')[0]?.range, rangeOf(text('specs/a.vmd'), 'process'));
});

test('OSS452: without an AMD, a group name must match a requirement heading', () => {
  const vmd =
    '@spec A\n\n@covers "Main Operation"\nprocess(x)\nc1 | 1 | 2\n\nmain_operation(x)\nc2 | 1 | 2\n';
  const { result, text } = validate({ 'specs/a.smd': validSmd('A'), 'specs/a.vmd': vmd });
  const found = withCode(result.diagnostics, 'OSS452');
  assert.equal(found.length, 1);
  assert.deepEqual(found[0]!.range, rangeOf(text('specs/a.vmd'), 'process'));
});

test('VMD targets match whole words of the interfaces only, dotted names included', () => {
  const vmd =
    '@spec A\n\n@covers "Main Operation"\ncompute(x)\nc1 | 1 | 2\n\n@covers "Main Operation"\ncomp(x)\nc2 | 1 | 2\n\n@covers "Main Operation"\nCore.run(x)\nc3 | 1 | 2\n';
  const { result, text } = validate({
    'specs/a.smd': validSmd('A'),
    'specs/a.amd': amdWith('A', [{ name: 'Core', iface: 'def compute(x): ...\nCore.run(x)' }]),
    'specs/a.vmd': vmd,
  });
  const found = withCode(result.diagnostics, 'OSS451');
  assert.deepEqual(
    found.map((d) => d.range),
    [rangeIn(text('specs/a.vmd'), '\ncomp(x)', 'comp')],
  );
});
