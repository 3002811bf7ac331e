import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  resolveTargetFile,
  sanitizeName,
  specSlug,
  synthesizeVerifyTasks,
  verifyCommandFor,
} from '../../shared/src/audit/vmd-tasks';
import { parseAmd } from '../../shared/src/parse/amd';
import { parseVmd } from '../../shared/src/parse/vmd/vmd';
import { loadCorpusProject } from '../support/audit/corpus-project';

const ROOT = '/p';

const VMD = [
  '@spec TIME',
  '@fixture NOW = 1704067200',
  '@fixture db = !fresh empty sqlite',
  '',
  '@covers timeago, "Format Relative Time"',
  'timeago(timestamp, reference) -> str',
  'just_now   | 1704067200 | NOW | "just now"',
  'bad_input  | "x"        | NOW | !ValueError',
  '',
  'timeago(timestamp) -> str',
  'plain | 1704067200 | "just now"',
  '',
  'save(db, url) -> id',
  'ok_url | "https://x" | Ok',
  '',
  'fmt.short(seconds)',
  'one | 1 | "1s"',
  '',
  '@covers timeago',
  'scenario formats two minutes:',
  'when timeago(1704067080, NOW)',
  'then returns "2 minutes ago"',
  '',
  'scenario needs a database:',
  'given db',
  'when save(db, "u")',
  'then ok',
  '',
  '@covers "Command Line"',
  'scenario cli prints help:',
  'when $ tool --help',
  'then exit 0',
  '',
].join('\n');

const AMD = [
  '---',
  'spec: TIME',
  'status: draft',
  '---',
  '# Architecture: Time',
  '',
  '## Overview',
  '',
  'Time.',
  '',
  '## Components',
  '',
  '### Clock',
  '',
  '@path: src/clock.py',
  '',
  'Clock.',
  '',
  '**Interface:**',
  '',
  '```python',
  'def now() -> int: ...',
  '```',
  '',
  '**Contracts:** None',
  '',
  '### Format',
  '',
  '@path: src/time/format.py',
  '',
  'Formats.',
  '',
  '**Interface:**',
  '',
  '```python',
  'def timeago(timestamp: int, reference: int | None = None) -> str: ...',
  '```',
  '',
  '**Contracts:** None',
  '',
].join('\n');

function synthesize(language: string, testCommand = '') {
  const vmd = parseVmd(VMD, `${ROOT}/specs/time.vmd`);
  assert.deepEqual(vmd.diagnostics, []);
  const amd = parseAmd(AMD, `${ROOT}/specs/time.amd`).spec;
  return synthesizeVerifyTasks({
    root: ROOT,
    language,
    testCommand,
    vmds: [vmd.spec],
    amdsBySpec: new Map([['TIME', [amd]]]),
  });
}

test('python: one task per table group, then one scenario bundle; opaque fixtures skipped with warnings', () => {
  const { bySpec, warnings } = synthesize('python');
  const tasks = bySpec.get('TIME')!;
  assert.deepEqual(
    tasks.map((t) => [t.title, t.vmdGroup, t.outputs, t.verify, t.targetFile]),
    [
      [
        'Verify: timeago',
        'timeago/2',
        ['checks/time.timeago.2.cases.json', 'tests/test_checks_time_timeago_2.py'],
        ['python -m pytest tests/test_checks_time_timeago_2.py -q'],
        'src/time/format.py',
      ],
      [
        'Verify: timeago',
        'timeago/1',
        ['checks/time.timeago.1.cases.json', 'tests/test_checks_time_timeago_1.py'],
        ['python -m pytest tests/test_checks_time_timeago_1.py -q'],
        'src/time/format.py',
      ],
      [
        'Verify: fmt.short',
        'fmt.short/1',
        ['checks/time.fmt.short.1.cases.json', 'tests/test_checks_time_fmt_short.py'],
        ['python -m pytest tests/test_checks_time_fmt_short.py -q'],
        '',
      ],
      [
        'Verify: scenarios (time)',
        '@scenarios',
        ['checks/time.scenarios.time.cases.json', 'tests/test_checks_scenarios_time_time.py'],
        ['python -m pytest tests/test_checks_scenarios_time_time.py -q'],
        '',
      ],
    ],
  );
  assert.deepEqual(tasks[0]!.covers, ['timeago', 'Format Relative Time']);
  assert.ok(tasks.every((t) => t.vmdFile === 'specs/time.vmd'));
  assert.ok(
    tasks[0]!.description.includes('2 verification case(s)') &&
      tasks[0]!.description.includes('specs/time.vmd'),
  );
  const bundle = tasks[3]!;
  assert.deepEqual(bundle.caseLabels, ['formats two minutes', 'cli prints help']);
  assert.deepEqual(bundle.covers, ['timeago', 'Command Line']);
  assert.ok(bundle.description.includes('2 scenario(s)'));
  assert.equal(warnings.length, 2);
  assert.ok(warnings[0]!.includes("group 'save'") && warnings[0]!.includes('opaque'));
  assert.ok(warnings[1]!.includes("scenario 'needs a database'") && warnings[1]!.includes('opaque'));
});

test('other languages: no group tasks (warned), call scenarios skipped, a Node.js harness run by node', () => {
  const { bySpec, warnings } = synthesize('rust');
  const tasks = bySpec.get('TIME')!;
  assert.equal(tasks.length, 1);
  assert.deepEqual(tasks[0]!.outputs, [
    'checks/time.scenarios.time.cases.json',
    'checks/scenarios_time_time.mjs',
  ]);
  assert.deepEqual(tasks[0]!.verify, ['node checks/scenarios_time_time.mjs']);
  assert.deepEqual(tasks[0]!.caseLabels, ['cli prints help']);
  assert.equal(warnings.filter((w) => w.includes('need Python output')).length, 5);
});

test('other languages: [test] command still overrides the node command, with {file} the .mjs harness', () => {
  const tasks = synthesize('go', 'make check FILE={file}').bySpec.get('TIME')!;
  assert.deepEqual(tasks[0]!.verify, ['make check FILE=checks/scenarios_time_time.mjs']);
});

test('yep: its command scenarios become one Rust verify task', () => {
  const project = loadCorpusProject('yep');
  const { bySpec, warnings } = synthesizeVerifyTasks({
    root: project.root,
    language: 'rust',
    testCommand: '',
    vmds: project.workspace.index.vmds,
    amdsBySpec: project.workspace.index.amdsBySpec,
  });
  assert.deepEqual(warnings, []);
  const [task] = bySpec.get('YEP')!;
  assert.deepEqual(
    {
      title: task!.title,
      group: task!.vmdGroup,
      file: task!.vmdFile,
      outputs: task!.outputs,
      verify: task!.verify,
      covers: task!.covers,
    },
    {
      title: 'Verify: scenarios (YEP)',
      group: '@scenarios',
      file: 'specs/YEP.vmd',
      outputs: ['checks/yep.scenarios.YEP.cases.json', 'checks/scenarios_yep_YEP.mjs'],
      verify: ['node checks/scenarios_yep_YEP.mjs'],
      covers: ['Output Repeated String'],
    },
  );
  assert.equal(task!.caseLabels.length, 3);
});

test('same-stem VMD files of one spec fall back to their path for the bundle name', () => {
  const a = parseVmd('@spec S\nscenario one:\nwhen $ x\n', `${ROOT}/specs/a/cases.vmd`).spec;
  const b = parseVmd('@spec S\nscenario two:\nwhen $ y\n', `${ROOT}/specs/b/cases.vmd`).spec;
  const { bySpec } = synthesizeVerifyTasks({
    root: ROOT,
    language: 'python',
    testCommand: 'make test',
    vmds: [a, b],
    amdsBySpec: new Map(),
  });
  assert.deepEqual(
    bySpec.get('S')!.map((t) => [t.title, t.verify[0]]),
    [
      ['Verify: scenarios (specs_a_cases)', 'make test tests/test_checks_scenarios_s_specs_a_cases.py'],
      ['Verify: scenarios (specs_b_cases)', 'make test tests/test_checks_scenarios_s_specs_b_cases.py'],
    ],
  );
});

test('helpers: names, commands, target files', () => {
  assert.equal(sanitizeName('fmt.short-x'), 'fmt_short_x');
  assert.equal(specSlug('MY-SPEC'), 'my_spec');
  assert.deepEqual(verifyCommandFor('', 'tests/t.py'), ['python -m pytest tests/t.py -q']);
  assert.deepEqual(verifyCommandFor('', 'checks/s.mjs'), ['node checks/s.mjs']);
  assert.deepEqual(verifyCommandFor('uv run pytest {file} && echo {file}', 't.py'), [
    'uv run pytest t.py && echo t.py',
  ]);
  const amd = parseAmd(AMD, `${ROOT}/specs/time.amd`).spec;
  assert.equal(resolveTargetFile('now', [amd]), 'src/clock.py');
  assert.equal(resolveTargetFile('time', [amd]), '');
});
