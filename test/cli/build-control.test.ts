import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { readStateFile } from '../../shared/src/store/state-file';
import { BUILD_CONFIG, makeTrioProject, statuses, TRIO_TASKS } from '../support/build-fixture';
import { runCliAsync } from '../support/cli';
import { TEST_KEY } from '../support/llm-harness';
import { type BuildModel, createBuildModel } from '../support/scripted-build-model';
import { type ScriptedServer, startScriptedServer } from '../support/scripted-messages-server';

/** Stopping and steering a build: Ctrl-C, --step, setup commands, the pre-flight tool check. */

let server: ScriptedServer;
let model: BuildModel;
before(async () => {
  model = createBuildModel();
  server = await startScriptedServer({ expectedKey: TEST_KEY, respond: (r) => model.respond(r) });
});
after(() => server.close());

const env = () => ({ ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: server.url });

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('Ctrl-C during a verify command kills it, leaves the task pending and exits 130; the next build resumes', async () => {
  model.reset();
  model.options = {};
  const hang = `node -e "require('fs').writeFileSync('verify.pid', String(process.pid)); setTimeout(() => {}, 60000)"`;
  const tasks = TRIO_TASKS.map((task) => (task.id === '002' ? { ...task, verify: [hang] } : task));
  const root = makeTrioProject(tasks);
  const pidFile = join(root, 'output', 'verify.pid');
  const run = await runCliAsync(['build', '--auto'], root, env(), {
    onSpawn: (child) => {
      void until(() => existsSync(pidFile), 'the verify command').then(() => child.kill('SIGINT'));
    },
  });
  assert.equal(run.status, 130, run.stdout + run.stderr);
  assert.match(run.stderr, /Interrupted\. Finished tasks are saved; the ones that were running are pending/);
  const pid = Number(readFileSync(pidFile, 'utf8'));
  await until(() => !alive(pid), 'the verify process to be gone');
  assert.deepEqual(statuses(root), { '001': 'done', '002': 'pending', '003': 'pending', '004': 'pending' });
  const state = readStateFile(join(root, '.ossature', 'state.toml')).state;
  assert.deepEqual(Object.keys(state.tasks), ['001']);
  assert.ok(!existsSync(join(root, '.ossature', 'run.lock')), 'the lock is released');

  // The hanging verify replaced by a real one, the next build picks up at 002.
  const planFile = join(root, '.ossature', 'plan.toml');
  writeFileSync(
    planFile,
    readFileSync(planFile, 'utf8').replace(
      /verify = \[\n?\s*"node -e[^\]]*\]/,
      'verify = ["node --check src/core-helpers.mjs"]',
    ),
  );
  model.reset();
  const resumed = await runCliAsync(['build', '--auto'], root, env());
  assert.equal(resumed.status, 0, resumed.stdout + resumed.stderr);
  assert.equal(model.count('implement', 'Core add module'), 0);
  assert.deepEqual(statuses(root), { '001': 'done', '002': 'done', '003': 'done', '004': 'done' });
});

test('--step asks after each task: Enter continues, s skips the next task, q stops', async () => {
  model.reset();
  model.options = {};
  const root = makeTrioProject();
  const run = await runCliAsync(['build', '--step'], root, env(), { input: '\ns\nq\n' });
  // 001 → continue; 002 → skip next (003 becomes skipped); 004 → stop (nothing left anyway).
  assert.deepEqual(statuses(root), { '001': 'done', '002': 'done', '003': 'skipped', '004': 'done' });
  assert.equal((run.stdout.match(/ENTER to continue/g) ?? []).length, 3);
  assert.equal(run.status, 0, run.stdout + run.stderr);
});

test('setup commands run once before a fresh build; a failing one stops the build before any model call', async () => {
  model.reset();
  model.options = {};
  const root = makeTrioProject();
  const config = (setup: string) =>
    writeFileSync(
      join(root, 'ossature.toml'),
      BUILD_CONFIG.replace('[build]', `[build]\nsetup = ${JSON.stringify(setup)}`),
    );
  config('node -e "process.exit(3)"');
  const failed = await runCliAsync(['build', '--auto'], root, env());
  assert.equal(failed.status, 1);
  assert.match(failed.stderr, /Setup command failed: node -e "process\.exit\(3\)"/);
  assert.equal(model.calls.length, 0);

  config(`node -e "require('fs').appendFileSync('setup.log', 'ran\\\\n')"`);
  assert.equal((await runCliAsync(['build', '--auto'], root, env())).status, 0);
  assert.equal((await runCliAsync(['build', '--auto', '--force'], root, env())).status, 0);
  assert.equal(readFileSync(join(root, 'output', 'setup.log'), 'utf8'), 'ran\n', 'setup ran once');
});

test('a verify command naming a tool that is not installed stops the build before any model call', async () => {
  model.reset();
  const tasks = TRIO_TASKS.map((task) =>
    task.id === '003' ? { ...task, verify: ['ossature-no-such-tool --check'] } : task,
  );
  const root = makeTrioProject(tasks);
  const run = await runCliAsync(['build', '--auto'], root, env());
  assert.equal(run.status, 1);
  assert.match(run.stderr, /ossature-no-such-tool/);
  assert.match(run.stderr, /task 003/);
  assert.equal(model.calls.length, 0);
  assert.deepEqual(statuses(root), {
    '001': 'pending',
    '002': 'pending',
    '003': 'pending',
    '004': 'pending',
  });
});
