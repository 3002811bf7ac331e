import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  implementationFiles,
  moduleCandidates,
  moduleFromPath,
  prepareVerifyTask,
  type VerifyTaskMaterials,
  type VerifyTaskProblem,
  verifyFixPrompt,
  writeVerifyMaterials,
} from '../../shared/src/build/verify-task';
import { pyFloatRepr, pyJsonDumps, readPyJson } from '../../shared/src/build/verify-task/python-json';
import { type PlanTask, type PlanTaskInput, planTaskSchema } from '../../shared/src/model/plan';
import { parseAmd } from '../../shared/src/parse/amd';
import { Workspace } from '../../shared/src/project/workspace';
import { MINIMAL_CONFIG, makeProject, validSmd } from '../support/project';

/**
 * Preparing a VMD verify task: the canonical fixture (byte-identical to the original's), the synthetic
 * prompt that seeds the input hash, module candidates, the fixer's files and prompt, and the problems a
 * user can cause, each with what to do.
 */

const task = (fields: Partial<PlanTaskInput> & { id: string }): PlanTask =>
  planTaskSchema.parse({
    spec: 'CALC',
    title: `Task ${fields.id}`,
    description: 'Does it.',
    outputs: [],
    depends_on: [],
    spec_refs: [],
    arch_refs: [],
    verify: [],
    ...fields,
  });

const IMPLEMENT = task({ id: '001', outputs: ['src/calc/ops.py', 'README.md'], status: 'done' });
const verifyTaskFor = (group: string, harness: string) =>
  task({
    id: '002',
    kind: 'verify',
    vmd_file: 'specs/calc.vmd',
    vmd_group: group,
    title: 'Verify',
    outputs: ['checks/calc.cases.json', harness],
    verify: [`python -m pytest ${harness} -q`],
  });
const GROUP_TASK = verifyTaskFor('total/2', 'tests/test_checks_calc_total.py');
const SCENARIO_TASK = verifyTaskFor('@scenarios', 'tests/test_checks_scenarios_calc_calc.py');

function prepare(
  vmd: string,
  verify: PlanTask,
  files: Record<string, string> = {},
): { result: VerifyTaskMaterials | VerifyTaskProblem; outputDir: string } {
  const root = makeProject({
    'ossature.toml': MINIMAL_CONFIG,
    'specs/calc.smd': validSmd('CALC'),
    'specs/calc.vmd': vmd,
    ...files,
  });
  const workspace = Workspace.load(join(root, 'ossature.toml'));
  const outputDir = join(root, 'output');
  const plan = { task: [IMPLEMENT, verify] };
  const result = prepareVerifyTask({
    task: verify,
    plan,
    workspace,
    config: workspace.config.config,
    outputDir,
  });
  return { result, outputDir };
}

function materials(vmd: string, verify: PlanTask, files: Record<string, string> = {}): VerifyTaskMaterials {
  const { result } = prepare(vmd, verify, files);
  if ('problem' in result) assert.fail(result.problem);
  return result;
}

function problem(vmd: string, verify: PlanTask, files: Record<string, string> = {}): string {
  const { result } = prepare(vmd, verify, files);
  assert.ok('problem' in result, 'expected a problem');
  return result.problem;
}

const GROUP_VMD = [
  '@spec CALC',
  '@fixture RATE = 1.50        # a float written with a trailing zero',
  '',
  '# the sum of the items times the rate',
  'total(items, rate:decimal) -> out ~decimal ~approx:1',
  'plain | [1, 2] | RATE   | 4.5',
  'text  | []     | "0.10" | !ValueError: empty',
  'fine  | [3]    | 2      | Ok',
  'intl  | [10]   | 1e2    | "café"',
  '',
].join('\n');

test('group fixture: canonical JSON exactly as the original writes it (sorted, compact, ASCII, Python floats)', () => {
  const m = materials(GROUP_VMD, GROUP_TASK);
  assert.equal(
    m.fixtureText,
    '{"cases":[' +
      '{"error_message":"","error_type":"","expect":"value","expected":4.5,"inputs":[[1,2],1.5],"name":"plain"},' +
      '{"error_message":"empty","error_type":"ValueError","expect":"error","expected":null,"inputs":[[],"0.10"],"name":"text"},' +
      '{"error_message":"","error_type":"","expect":"ok","expected":null,"inputs":[[3],2],"name":"fine"},' +
      '{"error_message":"","error_type":"","expect":"value","expected":"caf\\u00e9","inputs":[[10],100.0],"name":"intl"}],' +
      '"compare":{"approx_tol":1.0,"modes":["approx","decimal"]},"format":1,"kind":"value",' +
      '"params":[{"name":"items","type":""},{"name":"rate","type":"decimal"}],"target":"total"}\n',
  );
  assert.equal(m.caseCount, 4);
  assert.equal(
    m.syntheticPrompt,
    [
      '<verify_task>',
      'id: 002',
      'title: Verify',
      'vmd_file: specs/calc.vmd',
      'vmd_group: total/2',
      'outputs:',
      '- checks/calc.cases.json',
      '- tests/test_checks_calc_total.py',
      'verify:',
      '- python -m pytest tests/test_checks_calc_total.py -q',
      'module_candidates:',
      '- calc.ops',
      'fixture:',
      m.fixtureText.trimEnd(),
      '</verify_task>',
    ].join('\n'),
  );
});

test('scenario fixture: call and command cases, bytes words as {"__bytes__": [...]}', () => {
  const vmd = [
    '@spec CALC',
    '',
    'scenario Adds Two:',
    'given x = 1',
    'when add(x, 2.0)',
    'then returns 3.0',
    '',
    'scenario cli prints:',
    'when $ tool "é" \\xff',
    '> line',
    'then exit 3',
    'then stderr has "warn"',
    '',
  ].join('\n');
  const m = materials(vmd, SCENARIO_TASK);
  assert.equal(
    m.fixtureText,
    '{"cases":[' +
      '{"args":[1,2.0],"error_message":"","error_type":"","expect":"value","expected":3.0,"kind":"call","name":"adds_two","target":"add","title":"Adds Two"},' +
      '{"kind":"command","name":"cli_prints","steps":[{"argv":["tool","\\u00e9",{"__bytes__":[255]}],"exit":3,' +
      '"stderr":"warn","stderr_mode":"has","stdout":null,"stdout_lines":["line"],"stdout_mode":""}],"title":"cli prints"}],' +
      '"format":1,"kind":"scenarios","target":"@scenarios"}\n',
  );
  assert.deepEqual(m.moduleCandidates, ['calc.ops']);
  assert.equal(m.kind, 'scenarios');
  assert.equal(m.harnessRuntime, 'python');
});

test('synthetic prompt: comment and alignment edits keep it, case edits change it', () => {
  const base = materials(GROUP_VMD, GROUP_TASK).syntheticPrompt;
  const cosmetic = GROUP_VMD.replace('# the sum of the items times the rate', '# reworded comment')
    .replace('plain | [1, 2] | RATE   | 4.5', 'plain   |   [1,2]   |   RATE |   4.5    # aligned differently')
    .replace('@fixture RATE = 1.50        #', '@fixture RATE = 1.50 #');
  assert.equal(materials(cosmetic, GROUP_TASK).syntheticPrompt, base);
  const edits = [
    GROUP_VMD.replace('| 4.5', '| 4.6'),
    GROUP_VMD.replace('!ValueError: empty', '!ValueError: blank'),
    GROUP_VMD.replace('fine  | [3]', 'fine2 | [3]'),
    GROUP_VMD.replace('@fixture RATE = 1.50', '@fixture RATE = 1.5000001'),
    GROUP_VMD.replace('~approx:1', '~approx:2'),
  ];
  for (const edited of edits) assert.notEqual(materials(edited, GROUP_TASK).syntheticPrompt, base, edited);
});

test('Python JSON: numbers, strings and key order come out as python3 json.dumps writes them', () => {
  const samples = [
    '1.0',
    '1e2',
    '-0',
    '-0.0',
    '1e-5',
    '0.0001',
    '0.00012345',
    '1e16',
    '1234567890123456.0',
    '12345678901234567.0',
    '123456789012345678901234567890',
    '5e-324',
    '1.7976931348623157e308',
    '1e400',
    '0.1',
    '123.456e7',
    '[NaN, Infinity, -Infinity]',
    '{"b": 1, "a": [true, false, null], "\\u00e9": {"z": 0, "y": 0}}',
    '"caf\\u00e9 \\ud83d\\ude00 \\u0001 \\u007f \\/ \\" \\\\ \\t"',
    '"\\ud800"',
  ];
  const script =
    'import json, sys\n' +
    'for raw in json.load(sys.stdin):\n' +
    '    print(json.dumps(json.loads(raw), sort_keys=True, separators=(",", ":"), ensure_ascii=True))\n';
  const python = spawnSync('python3', ['-c', script], { input: JSON.stringify(samples), encoding: 'utf8' });
  assert.equal(python.status, 0, python.stderr);
  const expected = python.stdout.trimEnd().split('\n');
  assert.deepEqual(
    samples.map((raw) => pyJsonDumps(readPyJson(raw)!)),
    expected,
  );
  const floats = [Math.PI, 1 / 3, 2 ** 60, 1e-4, 9.999e-5, 1e15 + 0.5, 4.35, 1e22, -2.5e-10];
  const reprs = spawnSync(
    'python3',
    ['-c', 'import sys\nfor x in sys.argv[1:]: print(repr(float(x)))', ...floats.map(String)],
    {
      encoding: 'utf8',
    },
  );
  assert.deepEqual(floats.map(pyFloatRepr), reprs.stdout.trimEnd().split('\n'));
});

test('module candidates: AMD component first, then the spec’s .py outputs in plan order, as import paths', () => {
  assert.equal(moduleFromPath('src/calc/ops.py'), 'calc.ops');
  assert.equal(moduleFromPath('lib/calc/__init__.py'), 'calc');
  assert.equal(moduleFromPath('./app.py'), 'app');
  assert.equal(moduleFromPath('tests/test_ops.py'), '');
  assert.equal(moduleFromPath('src/__init__.py'), '');
  assert.equal(moduleFromPath('calc/ops.pyi'), '');
  const amd = parseAmd(
    [
      '---',
      'spec: CALC',
      'status: draft',
      '---',
      '# Architecture: Calc',
      '',
      '## Components',
      '',
      '### Engine',
      '',
      '@path: src/calc/engine.py',
      '',
      'Engine.',
      '',
      '**Interface:**',
      '',
      '```python',
      'def total(items, rate): ...',
      '```',
      '',
    ].join('\n'),
    '/p/specs/calc.amd',
  ).spec;
  const tasks = [
    task({ id: '001', outputs: ['src/calc/__init__.py', 'src/calc/ops.py', 'tests/test_ops.py'] }),
    task({ id: '002', outputs: ['assets/*.py'], source: ['context://assets/*.py'] }),
    task({ id: '003', spec: 'OTHER', outputs: ['src/other.py'] }),
    task({ id: '004', outputs: ['src/calc/ops.py', 'src/calc/engine.py'] }),
    GROUP_TASK,
  ];
  assert.deepEqual(moduleCandidates(GROUP_TASK, tasks, ['total'], [amd]), [
    'calc.engine',
    'calc',
    'calc.ops',
  ]);
  assert.deepEqual(moduleCandidates(GROUP_TASK, tasks, ['subtotal'], [amd]), [
    'calc',
    'calc.ops',
    'calc.engine',
  ]);
});

test('implementation files: existing outputs of the spec’s done or manual tasks, never the fixture or harness', () => {
  const outputDir = mkdtempSync(join(tmpdir(), 'ossature-impl-'));
  for (const file of ['src/a.py', 'src/b.py', 'src/c.py', 'checks/calc.cases.json']) {
    mkdirSync(join(outputDir, file, '..'), { recursive: true });
    writeFileSync(join(outputDir, file), 'x\n');
  }
  const tasks = [
    task({ id: '001', outputs: ['src/a.py', 'src/missing.py', 'checks/calc.cases.json'], status: 'done' }),
    task({ id: '002', outputs: ['src/b.py'], status: 'manual' }),
    task({ id: '003', outputs: ['src/c.py'], status: 'pending' }),
    task({ id: '004', spec: 'OTHER', outputs: ['src/c.py'], status: 'done' }),
    GROUP_TASK,
  ];
  assert.deepEqual(implementationFiles(GROUP_TASK, tasks, outputDir), ['src/a.py', 'src/b.py']);
});

test('problems say what is wrong and what to do', () => {
  assert.match(
    problem(GROUP_VMD, { ...GROUP_TASK, vmd_file: 'specs/gone.vmd' }),
    /VMD file not found: specs\/gone\.vmd\. Restore it/,
  );
  assert.match(
    problem(GROUP_VMD.replace('| 4.5', '| 4.5 | 9'), GROUP_TASK),
    /VMD file specs\/calc\.vmd no longer parses \(1 error: line 6: .*\)\. Fix it/,
  );
  assert.match(
    problem(GROUP_VMD, { ...GROUP_TASK, vmd_group: 'total/3' }),
    /Group 'total\/3' is not in specs\/calc\.vmd \(its groups: total\/2\)\. Run `ossature audit`/,
  );
  assert.match(
    problem(
      '@spec CALC\n@fixture db = !fresh db\n\nsave(db, url)\none | "x" | Ok\n',
      verifyTaskFor('save/1', 'tests/t.py'),
    ),
    /Group 'save' in specs\/calc\.vmd uses an opaque fixture/,
  );
  assert.match(
    problem(
      '@spec CALC\n\nscenario needs db:\ngiven DB\nwhen $ x\n\n@fixture DB = !fresh db\n',
      SCENARIO_TASK,
    ),
    /No runnable scenarios left in specs\/calc\.vmd/,
  );
  assert.match(problem(GROUP_VMD, { ...GROUP_TASK, outputs: ['checks/only.json'] }), /needs two outputs/);
  assert.match(
    problem(GROUP_VMD, { ...GROUP_TASK, outputs: ['checks/a.json', '../outside.py'] }),
    /not inside the output directory/,
  );
  const { result } = prepare(GROUP_VMD, GROUP_TASK);
  assert.ok(!('problem' in result));
});

test('no module to import the target from is a problem, with the prompt still seeded by the fixture', () => {
  const root = makeProject({
    'ossature.toml': MINIMAL_CONFIG,
    'specs/calc.smd': validSmd('CALC'),
    'specs/calc.vmd': GROUP_VMD,
  });
  const workspace = Workspace.load(join(root, 'ossature.toml'));
  const result = prepareVerifyTask({
    task: GROUP_TASK,
    plan: { task: [task({ id: '001', outputs: ['README.md'] }), GROUP_TASK] },
    workspace,
    config: workspace.config.config,
    outputDir: join(root, 'output'),
  });
  assert.ok('problem' in result);
  assert.match(result.problem, /No importable Python module found for target 'total'.*@path ending in \.py/);
  assert.match(result.syntheticPrompt, /module_candidates:\nfixture:\n\{"cases"/);
});

test('a Node.js harness path with function scenarios or a table group is refused', () => {
  const vmd = '@spec CALC\n\nscenario adds:\nwhen add(1, 2)\nthen returns 3\n';
  assert.match(
    problem(vmd, verifyTaskFor('@scenarios', 'checks/scenarios_calc_calc.mjs')),
    /Node\.js harness.*function scenarios \(add\)/,
  );
  assert.match(
    problem(GROUP_VMD, verifyTaskFor('total/2', 'checks/total.mjs')),
    /table groups need the Python harness/,
  );
});

test('writeVerifyMaterials writes both files and refuses a folder that leads outside the output dir', () => {
  const { result, outputDir } = prepare(GROUP_VMD, GROUP_TASK);
  assert.ok(!('problem' in result));
  assert.deepEqual(writeVerifyMaterials(result, outputDir), [
    'checks/calc.cases.json',
    'tests/test_checks_calc_total.py',
  ]);
  assert.equal(readFileSync(join(outputDir, 'checks/calc.cases.json'), 'utf8'), result.fixtureText);
  assert.equal(readFileSync(join(outputDir, 'tests/test_checks_calc_total.py'), 'utf8'), result.harnessText);

  const elsewhere = mkdtempSync(join(tmpdir(), 'ossature-elsewhere-'));
  const other = prepare(GROUP_VMD, GROUP_TASK);
  assert.ok(!('problem' in other.result));
  mkdirSync(other.outputDir, { recursive: true });
  symlinkSync(elsewhere, join(other.outputDir, 'checks'));
  assert.throws(
    () => writeVerifyMaterials(other.result as VerifyTaskMaterials, other.outputDir),
    /leads outside the output directory/,
  );
  assert.equal(existsSync(join(elsewhere, 'calc.cases.json')), false);
});

test('the fixer prompt: the author is right, the error, the command, the implementation files, the task', () => {
  const { result, outputDir } = prepare(GROUP_VMD, GROUP_TASK);
  assert.ok(!('problem' in result));
  mkdirSync(join(outputDir, 'src/calc'), { recursive: true });
  writeFileSync(join(outputDir, 'src/calc/ops.py'), 'def total(items, rate):\n    return 0\n');
  writeFileSync(join(outputDir, 'README.md'), `${'line\n'.repeat(30)}`);
  const prompt = verifyFixPrompt({
    materials: { implementationFiles: ['src/calc/ops.py', 'README.md'] },
    task: GROUP_TASK,
    errorOutput: 'FAIL plain: got 0, expected 4.5',
    outputDir,
    maxInlineLines: 10,
  });
  assert.match(prompt, /^<verify_task_context>\n.*expected values are authoritative/);
  assert.match(
    prompt,
    /\(checks\/calc\.cases\.json, tests\/test_checks_calc_total\.py\) are generated and read-only/,
  );
  assert.match(prompt, /<error_output>\n```\nFAIL plain: got 0, expected 4\.5\n```\n<\/error_output>/);
  assert.match(
    prompt,
    /<verify_command>\npython -m pytest tests\/test_checks_calc_total\.py -q\n<\/verify_command>/,
  );
  assert.match(
    prompt,
    /<current_file path="src\/calc\/ops\.py">\n```\ndef total\(items, rate\):\n {4}return 0\n\n```\n<\/current_file>/,
  );
  assert.match(prompt, /<current_file path="README\.md" total_lines="31">\nFile is large\./);
  assert.match(prompt, /<task>\n\*\*Verify\*\*: Does it\.\n<\/task>$/);
});
