import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { OFFLINE_MODEL_LABEL, startOfflineModel } from '../../scripts/demo/offline-model';
import type { ScriptedServer } from '../../scripts/scripted-model/messages-server';
import { readPlanFile } from '../../shared/src/store/plan-file';
import { runCliAsync } from '../support/cli';

/**
 * `npm run demo` without an API key: the offline scripted model carries `ossature audit` and `ossature build`
 * through the bundled example examples/todo — a plan of real tasks, working Python that passes every verify
 * step (the author's VMD cases included), and a `todo` command that works.
 */

let server: ScriptedServer;
let root: string;
const ROOT = join(__dirname, '..', '..');
const planTasks = () => readPlanFile(join(root, '.ossature', 'plan.toml'))?.plan.task ?? [];
const env = () => ({
  ANTHROPIC_API_KEY: 'sk-ant-offline-demo-not-a-real-key',
  ANTHROPIC_BASE_URL: server.url,
});

before(async () => {
  server = await startOfflineModel({ latencyMs: 0 });
  root = mkdtempSync(join(tmpdir(), 'ossature-demo-todo-'));
  cpSync(join(ROOT, 'examples', 'todo'), root, { recursive: true });
});
after(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

test('run on its own, the offline model prints its labelled URL, answers there, and stops on SIGTERM', async () => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'scripts', 'demo', 'offline-model.ts')],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  const url = /^offline scripted model \(no API key\): (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1];
  assert.ok(url, line);
  assert.ok(line.startsWith(OFFLINE_MODEL_LABEL));
  assert.deepEqual(await (await fetch(`${url}/scripted/stats`)).json(), { requests: 0, byKind: {} });
  child.kill('SIGTERM');
  assert.deepEqual(await once(child, 'exit'), [0, null]);
});

test('audit of examples/todo: no findings and a plan of six tasks, VMD checks included', async () => {
  const run = await runCliAsync(['audit'], root, env());
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /TODO_STORE: no findings/);
  const plan = planTasks();
  assert.deepEqual(
    plan.map((t) => `${t.spec} ${t.title}`),
    [
      'TODO_STORE Write the store error type',
      'TODO_STORE Implement the JSON store',
      'TODO_STORE Test the store',
      'TODO_STORE Verify: add_item',
      'TODO_CLI Implement the todo command',
      'TODO_CLI Verify: scenarios (cli)',
    ],
  );
});

test('build of examples/todo: every task done, and the todo command it wrote works', async () => {
  const run = await runCliAsync(['build', '--auto'], root, env());
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const plan = planTasks();
  assert.deepEqual(
    plan.map((t) => t.status),
    ['done', 'done', 'done', 'done', 'done', 'done'],
  );
  const cwd = mkdtempSync(join(tmpdir(), 'ossature-demo-cwd-'));
  try {
    const todo = (...args: string[]) =>
      spawnSync(join(root, 'output', 'bin', 'todo'), args, { cwd, encoding: 'utf8' });
    assert.equal(todo('add', 'buy', 'milk').stdout, 'added 1\n');
    assert.equal(todo('done', '1').status, 0);
    assert.equal(todo('list').stdout, '[x] 1 buy milk\n');
    const usage = todo('add');
    assert.equal(usage.status, 1);
    assert.match(usage.stderr, /usage/);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});

test('a second build changes nothing and calls no model', async () => {
  const before = (await (await fetch(`${server.url}/scripted/stats`)).json()) as { requests: number };
  const run = await runCliAsync(['build', '--auto'], root, env());
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const afterStats = (await (await fetch(`${server.url}/scripted/stats`)).json()) as { requests: number };
  assert.equal(afterStats.requests, before.requests);
  assert.match(run.stdout, /up to date/);
});
