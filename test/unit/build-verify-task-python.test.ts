import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { synthesizeVerifyTasks } from '../../shared/src/audit/vmd-tasks';
import {
  prepareVerifyTask,
  type VerifyTaskMaterials,
  writeVerifyMaterials,
} from '../../shared/src/build/verify-task';
import { type PlanTask, planTaskSchema } from '../../shared/src/model/plan';
import { Workspace } from '../../shared/src/project/workspace';
import { MINIMAL_CONFIG, makeProject, validSmd } from '../support/project';

/**
 * The generated Python harnesses, run for real: `python3 <harness>` (no pytest needed) against a small
 * implementation written into a temporary output folder.
 */

interface Built {
  outputDir: string;
  materials: VerifyTaskMaterials[];
  /** Runs one harness with python3 from the output folder. */
  run(harness: string): { status: number | null; stdout: string };
}

/** A Python project with `vmd` for spec CALC, `files` in output/, and one done task producing `outputs`. */
function build(vmd: string, files: Record<string, string>, outputs = ['src/calc/ops.py']): Built {
  const root = makeProject({
    'ossature.toml': MINIMAL_CONFIG,
    'specs/calc.smd': validSmd('CALC'),
    'specs/calc.vmd': vmd,
    ...Object.fromEntries(Object.entries(files).map(([path, text]) => [`output/${path}`, text])),
  });
  const workspace = Workspace.load(join(root, 'ossature.toml'));
  const outputDir = join(root, 'output');
  const implement = planTaskSchema.parse({
    id: '001',
    spec: 'CALC',
    title: 'Implement calc',
    description: 'Implement.',
    outputs,
    depends_on: [],
    spec_refs: [],
    arch_refs: [],
    verify: [],
    status: 'done',
  });
  const synthesized = synthesizeVerifyTasks({
    root,
    language: 'python',
    testCommand: '',
    vmds: workspace.index.vmds,
    amdsBySpec: workspace.index.amdsBySpec,
  });
  assert.deepEqual(synthesized.warnings, []);
  const verifyTasks: PlanTask[] = (synthesized.bySpec.get('CALC') ?? []).map((spec, i) =>
    planTaskSchema.parse({
      id: String(i + 2).padStart(3, '0'),
      spec: 'CALC',
      kind: 'verify',
      vmd_file: spec.vmdFile,
      vmd_group: spec.vmdGroup,
      title: spec.title,
      description: spec.description,
      outputs: spec.outputs,
      depends_on: ['001'],
      spec_refs: [],
      arch_refs: [],
      verify: spec.verify,
    }),
  );
  const plan = { task: [implement, ...verifyTasks] };
  const materials = verifyTasks.map((task) => {
    const prepared = prepareVerifyTask({ task, plan, workspace, config: workspace.config.config, outputDir });
    if ('problem' in prepared) assert.fail(prepared.problem);
    writeVerifyMaterials(prepared, outputDir);
    return prepared;
  });
  return {
    outputDir,
    materials,
    run(harness) {
      const done = spawnSync('python3', [harness], { cwd: outputDir, encoding: 'utf8' });
      return { status: done.status, stdout: `${done.stdout}${done.stderr}` };
    },
  };
}

const OPS_VMD = [
  '@spec CALC',
  '',
  'add(a, b) -> int   # sums',
  'small | 1  | 2  | 3',
  'neg   | -1 | -2 | -3',
  '',
  'divide(a, b)',
  'half      | 1 | 2 | 0.5',
  'by_zero   | 1 | 0 | !ZeroDivisionError',
  'message   | 1 | 0 | !builtins.ZeroDivisionError: division by zero',
  'returns   | 4 | 2 | Ok',
  '',
].join('\n');

const GOOD_OPS = 'def add(a, b):\n    return a + b\n\n\ndef divide(a, b):\n    return a / b\n';

test('a table-group harness passes against a correct implementation, run as python3 <harness>', () => {
  const built = build(OPS_VMD, { 'src/calc/ops.py': GOOD_OPS });
  assert.deepEqual(
    built.materials.map((m) => [m.harnessPath, m.moduleCandidates]),
    [
      ['tests/test_checks_calc_add.py', ['calc.ops']],
      ['tests/test_checks_calc_divide.py', ['calc.ops']],
    ],
  );
  for (const m of built.materials) {
    const result = built.run(m.harnessPath);
    assert.equal(result.status, 0, result.stdout);
  }
  const divide = built.run('tests/test_checks_calc_divide.py').stdout;
  assert.match(divide, /ok {3}by_zero/);
  assert.match(divide, /4 case\(s\): 4 passed, 0 failed/);
});

test('wrong values, wrong error types, missing errors and wrong messages fail with a readable line', () => {
  const wrong = [
    'def add(a, b):',
    '    return a + b + 1',
    '',
    '',
    'def divide(a, b):',
    '    if b == 0:',
    '        raise ValueError("nope")',
    '    if a == 4:',
    '        raise RuntimeError("boom")',
    '    return a / b',
    '',
  ].join('\n');
  const built = build(OPS_VMD, { 'src/calc/ops.py': wrong });
  const add = built.run('tests/test_checks_calc_add.py');
  assert.equal(add.status, 1);
  assert.match(add.stdout, /FAIL small: got 4, expected 3/);
  const divide = built.run('tests/test_checks_calc_divide.py');
  assert.equal(divide.status, 1);
  assert.match(divide.stdout, /ok {3}half/);
  assert.match(divide.stdout, /FAIL by_zero: expected ZeroDivisionError, got ValueError: nope/);
  assert.match(divide.stdout, /FAIL returns: RuntimeError: boom/);
  assert.match(divide.stdout, /4 case\(s\): 1 passed, 3 failed/);

  const silent = build(OPS_VMD, {
    'src/calc/ops.py':
      'def add(a, b):\n    return a + b\n\n\ndef divide(a, b):\n    if b == 0:\n        raise ZeroDivisionError("by nothing")\n    return a / b\n',
  });
  const messages = silent.run('tests/test_checks_calc_divide.py');
  assert.equal(messages.status, 1);
  assert.match(messages.stdout, /ok {3}by_zero/);
  assert.match(
    messages.stdout,
    /FAIL message: ZeroDivisionError was raised, but its message 'by nothing' does not contain 'division by zero'/,
  );

  const noRaise = build(OPS_VMD, {
    'src/calc/ops.py':
      'def add(a, b):\n    return a + b\n\n\ndef divide(a, b):\n    return 0 if b == 0 else a / b\n',
  });
  assert.match(
    noRaise.run('tests/test_checks_calc_divide.py').stdout,
    /FAIL by_zero: expected ZeroDivisionError to be raised, but the call returned normally/,
  );
});

test('a missing target or module is a failing run that says where it looked', () => {
  const built = build(OPS_VMD, { 'src/calc/ops.py': 'def add(a, b):\n    return a + b\n' });
  const result = built.run('tests/test_checks_calc_divide.py');
  assert.equal(result.status, 1);
  assert.match(result.stdout, /'divide' not found; tried module calc\.ops has no 'divide'/);
});

test('comparison modes: approx (given and default tolerance), decimal, unordered, struct, matches', () => {
  const vmd = [
    '@spec CALC',
    '',
    'third(x) ~approx:0.01',
    'one | 1 | 0.33',
    '',
    'ratio(x) ~approx',
    'close | 3 | 0.3333333333',
    '',
    'total(items, rate:decimal) ~decimal',
    'plain   | [1, 2] | "0.10" | "0.30"',
    'numeric | [5]    | 2.5    | 12.5',
    '',
    'tags(text) ~unordered',
    'two | "b a" | ["a", "b"]',
    '',
    'point(x, y) ~struct',
    'origin | 0 | 1 | {"x": 0, "y": 1}',
    '',
    'version() ~matches',
    'semver | "^\\\\d+\\\\.\\\\d+\\\\.\\\\d+$"',
    '',
  ].join('\n');
  const impl = [
    'from collections import namedtuple',
    'from decimal import Decimal',
    '',
    'Point = namedtuple("Point", "x y")',
    '',
    '',
    'def third(x):',
    '    return x / 3',
    '',
    '',
    'def ratio(x):',
    '    return 1 / x',
    '',
    '',
    'def total(items, rate):',
    '    assert isinstance(rate, Decimal), type(rate)',
    '    return sum(items) * rate',
    '',
    '',
    'def tags(text):',
    '    return text.split()',
    '',
    '',
    'def point(x, y):',
    '    return Point(x, y)',
    '',
    '',
    'def version():',
    '    return "1.22.3"',
    '',
  ].join('\n');
  const built = build(vmd, { 'src/calc/ops.py': impl });
  for (const m of built.materials) {
    const result = built.run(m.harnessPath);
    assert.equal(result.status, 0, `${m.harnessPath}\n${result.stdout}`);
  }

  const off = impl
    .replace('return x / 3', 'return x / 3 + 0.02')
    .replace('return 1 / x', 'return 1 / x + 1e-5')
    .replace('return sum(items) * rate', 'return sum(items) * rate + Decimal("0.01")')
    .replace('return text.split()', 'return text.split()[:1]')
    .replace('return Point(x, y)', 'return Point(y, x)')
    .replace('"1.22.3"', '"v1.22"');
  writeFileSync(join(built.outputDir, 'src/calc/ops.py'), off);
  const failures = built.materials.map((m) => built.run(m.harnessPath));
  assert.deepEqual(
    failures.map((f) => f.status),
    [1, 1, 1, 1, 1, 1],
  );
  const all = failures.map((f) => f.stdout).join('\n');
  assert.match(all, /FAIL one: 0\.35\d* is not within 0\.01 of 0\.33/);
  assert.match(all, /FAIL close: 0\.33334\d* is not within the default tolerance of 0\.3333333333/);
  assert.match(all, /FAIL plain: got Decimal\('0\.31'\), expected Decimal\('0\.30'\)/);
  assert.match(all, /FAIL two: \['b'\] does not hold the same items as \['a', 'b'\]/);
  assert.match(all, /FAIL origin: got \{'x': 1, 'y': 0\}, expected \{'x': 0, 'y': 1\}/);
  assert.match(all, /FAIL semver: 'v1\.22' does not match the pattern/);
});

test('arguments go by keyword when the signature has that name, by position when it does not', () => {
  const vmd = [
    '@spec CALC',
    '',
    'sub(b, a)            # declared in the other order than the signature',
    'named | 1 | 10 | 9',
    '',
    'greet(name)',
    'kw_only | "Ada" | "Hello, Ada"',
    '',
    'scale(value, factor)',
    'renamed | 3 | 4 | 12',
    '',
    'neg(x)',
    'pos_only | 5 | -5',
    '',
  ].join('\n');
  const impl = [
    'def sub(a, b):',
    '    return a - b',
    '',
    '',
    'def greet(*, name, greeting="Hello"):',
    '    return f"{greeting}, {name}"',
    '',
    '',
    'def scale(v, f):',
    '    return v * f',
    '',
    '',
    'def neg(x, /):',
    '    return -x',
    '',
  ].join('\n');
  const built = build(vmd, { 'src/calc/ops.py': impl });
  for (const m of built.materials) {
    const result = built.run(m.harnessPath);
    assert.equal(result.status, 0, `${m.harnessPath}\n${result.stdout}`);
  }
});

test('the harness checks the case count written into it against the fixture it reads', () => {
  const built = build(OPS_VMD, { 'src/calc/ops.py': GOOD_OPS });
  const add = built.materials.find((m) => m.harnessPath.endsWith('_add.py'))!;
  assert.equal(add.caseCount, 2);
  const fixture = join(built.outputDir, add.fixturePath);
  const data = JSON.parse(readFileSync(fixture, 'utf8'));
  data.cases.pop();
  writeFileSync(fixture, JSON.stringify(data));
  const result = built.run(add.harnessPath);
  assert.equal(result.status, 1);
  assert.match(result.stdout, /1 case\(s\): 1 passed, 0 failed/);
  assert.match(
    result.stdout,
    /FAIL case count: ran 1 case\(s\); 2 were there when this harness was generated/,
  );
});

test('a scenario harness runs call scenarios and command scenarios (Python project)', () => {
  const vmd = [
    '@spec CALC',
    '@fixture BASE = 10',
    '',
    'scenario adds two numbers:',
    'given x = 2',
    'when add(x, BASE)',
    'then returns 12',
    '',
    'scenario dividing by zero fails:',
    'when divide(1, 0)',
    'then raises ZeroDivisionError',
    '',
    'scenario tool remembers a note between steps:',
    'when $ notes add "buy milk"',
    '> added: buy milk',
    'when $ notes list',
    'then stdout has "buy milk"',
    'then stderr empty',
    '',
    'scenario tool rejects an unknown command:',
    'when $ notes frobnicate',
    'then exit 2',
    'then stderr matches "unknown command: \\\\w+"',
    '',
  ].join('\n');
  const notes = [
    '#!/usr/bin/env python3',
    'import sys',
    'from pathlib import Path',
    'store = Path("notes.txt")',
    'command = sys.argv[1]',
    'if command == "add":',
    '    with store.open("a") as f:',
    '        f.write(sys.argv[2] + "\\n")',
    '    print("added: " + sys.argv[2])',
    'elif command == "list":',
    '    sys.stdout.write(store.read_text())',
    'else:',
    '    print("unknown command: " + command, file=sys.stderr)',
    '    sys.exit(2)',
    '',
  ].join('\n');
  const built = build(vmd, { 'src/calc/ops.py': GOOD_OPS, 'bin/notes': notes });
  chmodSync(join(built.outputDir, 'bin/notes'), 0o755);
  const [bundle] = built.materials;
  assert.equal(bundle!.harnessPath, 'tests/test_checks_scenarios_calc_calc.py');
  const ok = built.run(bundle!.harnessPath);
  assert.equal(ok.status, 0, ok.stdout);
  assert.match(ok.stdout, /4 case\(s\): 4 passed, 0 failed/);

  writeFileSync(
    join(built.outputDir, 'bin/notes'),
    notes.replace('"added: "', '"saved: "').replace('sys.exit(2)', 'sys.exit(1)'),
  );
  writeFileSync(join(built.outputDir, 'src/calc/ops.py'), GOOD_OPS.replace('return a + b', 'return a * b'));
  const bad = built.run(bundle!.harnessPath);
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /FAIL adds_two_numbers: add returned 20, expected 12/);
  assert.match(
    bad.stdout,
    /FAIL tool_remembers_a_note_between_steps: tool_remembers_a_note_between_steps step 1: stdout is 'saved: buy milk\\n', expected 'added: buy milk'/,
  );
  assert.match(bad.stdout, /FAIL tool_rejects_an_unknown_command: .*step 1: exit status 1, expected 2/);
  assert.match(bad.stdout, /ok {3}dividing_by_zero_fails/);
});
