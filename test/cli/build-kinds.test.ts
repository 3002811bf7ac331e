import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { synthesizeVerifyTasks } from '../../shared/src/audit/vmd-tasks';
import type { PlanTaskInput } from '../../shared/src/model/plan';
import { Workspace } from '../../shared/src/project/workspace';
import { writePlanFile } from '../../shared/src/store/plan-file';
import { BUILD_CONFIG, makeTrioProject, planOf, statuses, TRIO_TASKS } from '../support/build-fixture';
import { runCliAsync } from '../support/cli';
import { TEST_KEY } from '../support/llm-harness';
import { makeProject, validSmd } from '../support/project';
import { type BuildModel, createBuildModel, defaultContent } from '../support/scripted-build-model';
import { type ScriptedServer, startScriptedServer } from '../support/scripted-messages-server';

/**
 * The task kinds besides plain model tasks, through `ossature build`: a copy task (no model), a VMD
 * verification task whose author-written scenarios run with the generated harness and are repaired by the
 * `fixer` model, and the post-task review with its fix rounds.
 */

let server: ScriptedServer;
let model: BuildModel;
before(async () => {
  model = createBuildModel();
  server = await startScriptedServer({ expectedKey: TEST_KEY, respond: (r) => model.respond(r) });
});
after(() => server.close());

const env = () => ({ ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: server.url });

const YEP_VMD = ['@spec YEP', '', 'scenario says hello:', 'when $ yep hello', '> hello', '> hello', ''].join(
  '\n',
);
const yepProgram = (times: number) =>
  `#!${process.execPath}\nconst word = process.argv[2];\nfor (let i = 0; i < ${times}; i++) console.log(word);\n`;

function yepProject(): string {
  const root = makeProject({
    'ossature.toml': BUILD_CONFIG,
    'specs/yep.smd': validSmd('YEP'),
    'specs/yep.vmd': YEP_VMD,
    'context/assets/logo.png': '',
    'context/assets/icon.png': '',
  });
  writeFileSync(
    join(root, 'context', 'assets', 'logo.png'),
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]),
  );
  const workspace = Workspace.load(join(root, 'ossature.toml'));
  const synthesized = synthesizeVerifyTasks({
    root,
    language: 'javascript',
    testCommand: '',
    vmds: workspace.index.vmds,
    amdsBySpec: workspace.index.amdsBySpec,
  }).bySpec.get('YEP')?.[0];
  assert.ok(synthesized);
  const tasks: PlanTaskInput[] = [
    {
      id: '001',
      spec: 'YEP',
      title: 'Copy the images',
      description: 'Copy the images unchanged.',
      outputs: ['public/*.png'],
      source: ['context://assets/*.png'],
      depends_on: [],
      spec_refs: [],
      arch_refs: [],
      verify: [],
    },
    {
      id: '002',
      spec: 'YEP',
      title: 'The yep program',
      description: 'Write bin/yep.',
      outputs: ['bin/yep'],
      depends_on: [],
      spec_refs: ['Main Operation'],
      arch_refs: [],
      verify: ['chmod +x bin/yep'],
    },
    {
      id: '003',
      spec: 'YEP',
      kind: 'verify',
      vmd_file: synthesized.vmdFile,
      vmd_group: synthesized.vmdGroup,
      title: synthesized.title,
      description: synthesized.description,
      outputs: synthesized.outputs,
      depends_on: ['002'],
      spec_refs: [],
      arch_refs: [],
      verify: synthesized.verify,
    },
  ];
  writePlanFile(join(root, '.ossature', 'plan.toml'), planOf(tasks));
  return root;
}

test('build: a copy task copies without the model; a verify task runs the author’s scenarios and the fixer repairs the program', async () => {
  model.reset();
  model.options = {
    contentFor: (path) => (path === 'bin/yep' ? yepProgram(1) : defaultContent(path)),
    fixFor: (path) => (path === 'bin/yep' ? yepProgram(2) : undefined),
  };
  const root = yepProject();
  const run = await runCliAsync(['build', '--auto'], root, env());
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.deepEqual(statuses(root), { '001': 'done', '002': 'done', '003': 'done' });
  assert.deepEqual(
    readFileSync(join(root, 'output', 'public', 'logo.png')),
    readFileSync(join(root, 'context', 'assets', 'logo.png')),
  );
  assert.ok(statSync(join(root, 'output', 'public', 'icon.png')).isFile());
  assert.equal(model.count('implement', 'Copy the images'), 0);
  // The scenarios failed once (the program said hello once), the fixer was shown the program, not the checks.
  const fixes = model.calls.filter((c) => c.kind === 'fix' && c.turn === 0);
  assert.equal(fixes.length, 1);
  assert.match(JSON.stringify(fixes[0]?.request.body), /current_file path=\\"bin\/yep\\"/);
  assert.doesNotMatch(JSON.stringify(fixes[0]?.request.body), /current_file path=\\"checks\//);
  assert.equal(readFileSync(join(root, 'output', 'bin', 'yep'), 'utf8'), yepProgram(2));
  const state = readFileSync(join(root, '.ossature', 'state.toml'), 'utf8');
  assert.match(state, /checks\/yep\.scenarios\.yep\.cases\.json/);

  // Up to date now: nothing runs, not even the scenarios' harness generation.
  model.reset();
  const again = await runCliAsync(['build', '--auto'], root, env());
  assert.equal(again.status, 0, again.stdout + again.stderr);
  assert.equal(model.calls.length, 0);
  assert.match(again.stdout, /built 0 this run/);
});

test('build: review problems are fixed in rounds; a review that never passes fails the task', async () => {
  model.reset();
  const issue = {
    file: 'src/core.mjs',
    target: 'add',
    problem: 'returns a placeholder',
    suggestion: 'return a + b',
  };
  model.options = {
    review: ({ title, nth }) =>
      title === 'Core add module' && nth === 0
        ? { passed: false, issues: [issue] }
        : title === 'Greeting module'
          ? { passed: false, issues: [{ ...issue, file: 'src/greet.mjs' }] }
          : undefined,
  };
  const root = makeTrioProject(TRIO_TASKS);
  writeFileSync(join(root, 'ossature.toml'), BUILD_CONFIG.replace('review = false', 'review = true'));
  const run = await runCliAsync(['build', '--auto', '--skip-failures'], root, env());
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.deepEqual(statuses(root), { '001': 'done', '002': 'done', '003': 'failed', '004': 'done' });
  const core = join(root, '.ossature', 'tasks', '001-core-add-module');
  assert.match(readFileSync(join(core, 'review-1-response.json'), 'utf8'), /returns a placeholder/);
  assert.match(
    readFileSync(join(core, 'review-fix-1-prompt.md'), 'utf8'),
    /returns a placeholder[\s\S]*return a \+ b/,
  );
  assert.match(readFileSync(join(core, 'review-2-response.json'), 'utf8'), /"passed": true/);
  // max_review_attempts = 2 fix rounds, then the task fails with the issues.
  assert.equal(model.count('review', 'Greeting module'), 3);
  assert.match(run.stdout, /Review failed after 2 fix rounds/);
});
