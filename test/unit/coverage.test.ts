import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Workspace } from '../../shared/src/project/workspace';
import { validateWorkspace } from '../../shared/src/validate/validate-workspace';
import { rangeIn, rangeOf } from '../support/find';
import { makeProject, validSmd } from '../support/project';

const TWO_REQS = validSmd('A').replace(
  '## Constraints',
  `### Second Thing {#second}

Does a second thing.

**Accepts:** x

**Returns:** y

**Errors:**

- Bad x -> ParseError

### Exempt Thing {.no-verify}

Not testable.

**Accepts:** x

**Returns:** y

## Constraints`,
);

function run(files: Record<string, string>, config?: string) {
  const root = makeProject(config ? { ...files, 'ossature.toml': config } : files);
  const workspace = Workspace.load(join(root, 'ossature.toml'));
  return {
    result: validateWorkspace(workspace),
    text: (rel: string) => readFileSync(join(root, rel), 'utf8'),
  };
}

test('no VMD, no ledger: coverage is only checked in projects that have VMD files', () => {
  const { result } = run({ 'specs/a.smd': TWO_REQS });
  assert.equal(result.coverage, undefined);
  assert.equal(result.diagnostics.filter((d) => d.code.startsWith('OSS5')).length, 0);
});

test('ledger: @covers by anchor, inferred group name, exempt requirement, and error types', () => {
  const vmd =
    '@spec A\n\n@covers second\nparse_it(x)\nbad | "?" | !ParseError\n\nmain_operation(x)\nok | 1 | 2\n';
  const { result } = run({ 'specs/a.smd': TWO_REQS, 'specs/a.vmd': vmd });
  const byTitle = new Map(result.coverage?.map((e) => [e.requirement.title, e]));
  assert.deepEqual(byTitle.get('Main Operation')?.groups, ['main_operation']);
  assert.deepEqual(byTitle.get('Second Thing')?.groups, ['parse_it']);
  assert.deepEqual(byTitle.get('Second Thing')?.coveredErrorTypes, ['ParseError']);
  assert.equal(byTitle.get('Exempt Thing')?.exempt, true);
  // Main Operation declares ValueError (template) but its only case expects a value.
  const d = result.diagnostics.find((x) => x.code === 'OSS502');
  assert.ok(d);
  assert.match(d.message, /ValueError/);
});

test('OSS500: an uncovered requirement is a warning, an error with require_coverage', () => {
  const vmd = '@spec A\n\n@covers second\nparse_it(x)\nbad | "?" | !ParseError\n';
  const files = { 'specs/a.smd': TWO_REQS, 'specs/a.vmd': vmd };
  const plain = run(files);
  const [warning] = plain.result.diagnostics.filter((d) => d.code === 'OSS500');
  assert.ok(warning);
  assert.equal(warning.severity, 'warning');
  assert.deepEqual(warning.range, rangeIn(plain.text('specs/a.smd'), '### Main Operation', 'Main Operation'));
  const strict = run(
    files,
    '[test]\nrequire_coverage = true\n\n[llm]\nmodel = "anthropic:claude-sonnet-4-6"\n',
  );
  assert.equal(strict.result.diagnostics.find((d) => d.code === 'OSS500')?.severity, 'error');
});

test('OSS501: a dangling @covers target, at the target', () => {
  const vmd = '@spec A\n\n@covers "No Such Requirement"\nmain_operation(x)\nok | 1 | 2\n';
  const { result, text } = run({ 'specs/a.smd': TWO_REQS, 'specs/a.vmd': vmd });
  const [d] = result.diagnostics.filter((x) => x.code === 'OSS501');
  assert.ok(d);
  assert.equal(d.range.start.line, rangeOf(text('specs/a.vmd'), 'No Such Requirement').start.line);
});

test('plan tasks with covers count as coverage, and their dangling targets are reported in plan.toml', () => {
  const vmd = '@spec A\n\nmain_operation(x)\nok | 1 | 2\n';
  const plan = `[meta]
generated_at = "2026-01-01T00:00:00Z"
total_tasks = 1
specs = ["A"]

[[task]]
id = "001"
spec = "A"
title = "Tests"
description = "Write tests."
outputs = ["tests/test_a.py"]
depends_on = []
spec_refs = []
arch_refs = []
status = "pending"
verify = []
covers = ["second", "nothing-here"]
`;
  const { result, text } = run({ 'specs/a.smd': TWO_REQS, 'specs/a.vmd': vmd, '.ossature/plan.toml': plan });
  const second = result.coverage?.find((e) => e.requirement.title === 'Second Thing');
  assert.deepEqual(second?.tasks, ['task:001']);
  const [d] = result.diagnostics.filter((x) => x.code === 'OSS501');
  assert.ok(d);
  assert.equal(d.file.endsWith('plan.toml'), true);
  assert.deepEqual(d.range, rangeOf(text('.ossature/plan.toml'), '"nothing-here"'));
});
