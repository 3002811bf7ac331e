import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { synthesizeVerifyTasks } from '../../shared/src/audit/vmd-tasks';
import { prepareVerifyTask, writeVerifyMaterials } from '../../shared/src/build/verify-task';
import { planTaskSchema } from '../../shared/src/model/plan';
import { Workspace } from '../../shared/src/project/workspace';
import { corpusPath } from '../support/corpus';
import { MINIMAL_CONFIG, makeProject, validSmd } from '../support/project';

/**
 * The Node.js harness for the command scenarios of a non-Python project, run for real with `node <harness>`
 * against a small program in the output folder. The VMD is yep's own (three scenarios passing raw bytes
 * that are not UTF-8) plus scenarios with verbatim output and steps that share a working folder.
 */

const EXTRA = [
  '',
  'scenario repeats a word a few times:',
  'when $ yep hello --count 3',
  '> hello',
  '> hello',
  '> hello',
  '',
  'scenario keeps files between steps:',
  'when $ yep --save "a note"',
  'then stdout is "saved"',
  'when $ yep --load',
  'then stdout has "a note"',
  'then stderr empty',
  '',
].join('\n');

/** A stand-in for the real yep: rejects arguments that are not UTF-8 (Node shows them as U+FFFD). */
const YEP = (shebang: string, rejectExit = 1) =>
  [
    shebang,
    "const fs = require('node:fs');",
    'const args = process.argv.slice(2);',
    "if (args.some((a) => a.includes('\\ufffd'))) {",
    "  process.stderr.write('yep: argument is not valid UTF-8\\n');",
    `  process.exit(${rejectExit});`,
    '}',
    "if (args[0] === '--save') { fs.writeFileSync('note.txt', args[1]); console.log('saved'); process.exit(0); }",
    "if (args[0] === '--load') { console.log(fs.readFileSync('note.txt', 'utf8')); process.exit(0); }",
    "const count = args[1] === '--count' ? Number(args[2]) : 3;",
    'for (let i = 0; i < count; i++) console.log(args[0]);',
    '',
  ].join('\n');

function build(vmd: string) {
  const root = makeProject({
    'ossature.toml': `${MINIMAL_CONFIG}\n[output]\nlanguage = "rust"\n`,
    'specs/yep.smd': validSmd('YEP'),
    'specs/yep.vmd': vmd,
  });
  const workspace = Workspace.load(join(root, 'ossature.toml'));
  const outputDir = join(root, 'output');
  const { bySpec } = synthesizeVerifyTasks({
    root,
    language: 'rust',
    testCommand: '',
    vmds: workspace.index.vmds,
    amdsBySpec: workspace.index.amdsBySpec,
  });
  const spec = bySpec.get('YEP')![0]!;
  const task = planTaskSchema.parse({
    id: '002',
    spec: 'YEP',
    kind: 'verify',
    vmd_file: spec.vmdFile,
    vmd_group: spec.vmdGroup,
    title: spec.title,
    description: spec.description,
    outputs: spec.outputs,
    depends_on: [],
    spec_refs: [],
    arch_refs: [],
    verify: spec.verify,
  });
  const prepared = prepareVerifyTask({
    task,
    plan: { task: [task] },
    workspace,
    config: workspace.config.config,
    outputDir,
  });
  if ('problem' in prepared) assert.fail(prepared.problem);
  writeVerifyMaterials(prepared, outputDir);
  const program = (text: string) => {
    mkdirSync(join(outputDir, 'target/release'), { recursive: true });
    writeFileSync(join(outputDir, 'target/release/yep'), text);
    chmodSync(join(outputDir, 'target/release/yep'), 0o755);
  };
  const run = () => {
    const [command, ...args] = task.verify[0]!.split(' ');
    assert.equal(command, 'node');
    const done = spawnSync(process.execPath, args, { cwd: outputDir, encoding: 'utf8' });
    return { status: done.status, stdout: `${done.stdout}${done.stderr}` };
  };
  return { task, prepared, outputDir, program, run };
}

test('yep: its command scenarios (raw-byte arguments included) pass under node against a correct program', () => {
  const vmd = readFileSync(corpusPath('yep', 'specs', 'YEP.vmd'), 'utf8') + EXTRA;
  const built = build(vmd);
  assert.deepEqual(built.task.outputs, [
    'checks/yep.scenarios.yep.cases.json',
    'checks/scenarios_yep_yep.mjs',
  ]);
  assert.equal(built.prepared.harnessRuntime, 'node');
  assert.deepEqual(built.prepared.moduleCandidates, []);
  built.program(YEP(`#!${process.execPath}`));
  const result = built.run();
  assert.equal(result.status, 0, result.stdout);
  assert.match(result.stdout, /ok {3}rejects_bytes_that_are_never_valid_utf_8/);
  assert.match(result.stdout, /ok {3}keeps_files_between_steps/);
  assert.match(result.stdout, /5 scenario\(s\): 5 passed, 0 failed/);
});

test('a wrong program fails the node harness with what differed, and exits 1', () => {
  const vmd = readFileSync(corpusPath('yep', 'specs', 'YEP.vmd'), 'utf8') + EXTRA;
  const built = build(vmd);
  built.program(YEP(`#!${process.execPath}`, 0).replace("console.log('saved')", "console.log('stored')"));
  const result = built.run();
  assert.equal(result.status, 1);
  assert.match(
    result.stdout,
    /FAIL rejects_a_lone_continuation_byte: rejects_a_lone_continuation_byte step 1: exit status 0, expected 1; stderr: "yep: argument is not valid UTF-8\\n"/,
  );
  assert.match(
    result.stdout,
    /FAIL keeps_files_between_steps: keeps_files_between_steps step 1: stdout is "stored\\n", expected "saved"/,
  );
  assert.match(result.stdout, /ok {3}repeats_a_word_a_few_times/);
  assert.match(result.stdout, /5 scenario\(s\): 1 passed, 4 failed/);
});

test('the node harness reports a program it cannot find, and a fixture that lost a scenario', () => {
  const built = build(
    [
      '@spec YEP',
      '',
      'scenario needs a tool:',
      'when $ ossature-no-such-program --help',
      '',
      'scenario echoes:',
      'when $ yep hi --count 1',
      '> hi',
      '',
    ].join('\n'),
  );
  built.program(YEP(`#!${process.execPath}`));
  const missing = built.run();
  assert.equal(missing.status, 1);
  assert.match(
    missing.stdout,
    /FAIL needs_a_tool: needs_a_tool step 1: program "ossature-no-such-program" not found/,
  );

  const fixture = join(built.outputDir, built.prepared.fixturePath);
  const data = JSON.parse(readFileSync(fixture, 'utf8'));
  data.cases.shift();
  writeFileSync(fixture, JSON.stringify(data));
  const short = built.run();
  assert.equal(short.status, 1);
  assert.match(short.stdout, /ok {3}echoes/);
  assert.match(
    short.stdout,
    /FAIL scenario count: ran 1 scenario\(s\); 2 were there when this harness was generated/,
  );
});
