import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type RunEvent, runEventSchema } from '../../shared/src/model/events';
import { readStateFile } from '../../shared/src/store/state-file';
import {
  CORE_REQUIREMENT_TEXT,
  editFile,
  makeTrioProject,
  statuses,
  TRIO_TASKS,
} from '../support/build-fixture';
import { runCliAsync } from '../support/cli';
import { TEST_KEY } from '../support/llm-harness';
import { type BuildModel, createBuildModel, defaultContent } from '../support/scripted-build-model';
import { type ScriptedServer, startScriptedServer } from '../support/scripted-messages-server';

/**
 * `ossature build` / `retry` end to end: the built CLI as a child process, the real SDK over real HTTP,
 * and the scripted build model answering every call from what it asks.
 */

let server: ScriptedServer;
let model: BuildModel;

before(async () => {
  model = createBuildModel();
  server = await startScriptedServer({ expectedKey: TEST_KEY, respond: (request) => model.respond(request) });
});
after(() => server.close());

function fresh(options: Parameters<typeof createBuildModel>[0] = {}): void {
  model.reset();
  model.options = options;
}

function build(root: string, args: string[] = []) {
  return runCliAsync(['build', '--auto', ...args], root, {
    ANTHROPIC_API_KEY: TEST_KEY,
    ANTHROPIC_BASE_URL: server.url,
  });
}

function readEvents(file: string): RunEvent[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => runEventSchema.parse(JSON.parse(line)));
}

const BROKEN = 'export const broken = ;\n';

test('build: a 3-spec project builds, records state and task folders, and emits valid NDJSON events', async () => {
  fresh();
  const root = makeTrioProject();
  const events = join(root, 'events.ndjson');
  const run = await build(root, ['--events', events]);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.deepEqual(statuses(root), { '001': 'done', '002': 'done', '003': 'done', '004': 'done' });
  for (const task of TRIO_TASKS) {
    for (const out of task.outputs)
      assert.equal(readFileSync(join(root, 'output', out), 'utf8'), defaultContent(out));
  }
  const state = readStateFile(join(root, '.ossature', 'state.toml')).state;
  assert.deepEqual(Object.keys(state.tasks).sort(), ['001', '002', '003', '004']);
  assert.match(state.tasks['001']?.input_hash ?? '', /^sha256:[0-9a-f]{64}$/);
  assert.deepEqual(state.tasks['003']?.created_files, ['src/greet.mjs']);
  const taskDir = join(root, '.ossature', 'tasks', '001-core-add-module');
  assert.match(readFileSync(join(taskDir, 'prompt.md'), 'utf8'), /## Core add module/);
  assert.match(readFileSync(join(taskDir, 'output.toml'), 'utf8'), /success = true/);
  assert.ok(
    existsSync(join(root, '.ossature', 'context', 'interfaces', 'CORE.md')),
    'CORE interface extracted',
  );
  assert.equal(model.count('implement'), 4);

  const list = readEvents(events);
  assert.deepEqual(
    list.map((e) => e.seq),
    list.map((_, i) => i + 1),
  );
  assert.equal(list[0]?.type, 'run-started');
  const finished = list.filter((e) => e.type === 'task-finished');
  assert.deepEqual(
    finished.map((e) => [e.id, e.status]),
    [
      ['001', 'done'],
      ['002', 'done'],
      ['003', 'done'],
      ['004', 'done'],
    ],
  );
  const last = list.at(-1);
  assert.ok(
    last?.type === 'run-finished' && last.outcome === 'completed' && last.exitCode === 0 && last.built === 4,
  );
  assert.match(run.stdout, /✓ \[001\/004\] Core add module \(1 file, 1 lines/);
  assert.match(run.stdout, /Build complete — Done: 4\/4 \(built 4 this run\)/);

  // Nothing changed: the second build makes no model call at all.
  model.reset();
  const again = await build(root);
  assert.equal(again.status, 0, again.stdout + again.stderr);
  assert.equal(model.calls.length, 0);
  assert.match(again.stdout, /Build up to date — Done: 4\/4 \(built 0 this run\)/);
});

test('build: a hand-edited output of a fully built plan is found and rebuilt', async () => {
  fresh();
  const root = makeTrioProject();
  assert.equal((await build(root)).status, 0);
  writeFileSync(join(root, 'output', 'src', 'report.mjs'), '// edited by hand\n');
  model.reset();
  const run = await build(root);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.deepEqual(model.titles('implement'), ['Report module']);
  assert.match(run.stdout, /Report module \(output modified\)/);
});

test('build: a failing verify is repaired by the fix loop', async () => {
  fresh({
    contentFor: (path) => (path === 'src/greet.mjs' ? BROKEN : defaultContent(path)),
    fixFor: (path) => defaultContent(path),
  });
  const root = makeTrioProject();
  const run = await build(root);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(model.count('fix'), 1);
  assert.equal(model.count('fix', 'Greeting module'), 1);
  const dir = join(root, '.ossature', 'tasks', '003-greeting-module');
  assert.match(readFileSync(join(dir, 'fix-1-prompt.md'), 'utf8'), /<error_output>[\s\S]*SyntaxError/);
  assert.equal(
    readFileSync(join(root, 'output', 'src', 'greet.mjs'), 'utf8'),
    defaultContent('src/greet.mjs'),
  );
  assert.match(run.stdout, /verify failed — fix attempt 1/);
});

test('build: a task that stays broken fails the build with exit 1; retry --only repairs it', async () => {
  let fixes = 0;
  fresh({
    contentFor: (path) => (path === 'src/core-helpers.mjs' ? BROKEN : defaultContent(path)),
    // A different broken file each time: every attempt changes something, and none works.
    fixFor: () => `export const broken${++fixes} = ;\n`,
  });
  const root = makeTrioProject();
  const run = await build(root);
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.deepEqual(statuses(root), { '001': 'done', '002': 'failed', '003': 'pending', '004': 'pending' });
  assert.equal(model.count('fix', 'Core helpers'), 3, 'max_fix_attempts fresh fixer runs');
  assert.match(run.stderr, /1 task failed/);
  assert.match(
    readFileSync(join(root, '.ossature', 'tasks', '002-core-helpers', 'output.toml'), 'utf8'),
    /success = false/,
  );

  model.reset();
  model.options = { fixFor: (path) => defaultContent(path) };
  const retry = await runCliAsync(['retry', '--only', '2', '--auto'], root, {
    ANTHROPIC_API_KEY: TEST_KEY,
    ANTHROPIC_BASE_URL: server.url,
  });
  assert.equal(retry.status, 0, retry.stdout + retry.stderr);
  assert.match(retry.stdout, /Reset task 002 to pending \(\+2 dependents\)/);
  assert.deepEqual(statuses(root), { '001': 'done', '002': 'done', '003': 'done', '004': 'done' });
  assert.equal(model.count('implement', 'Core add module'), 0, 'task 001 is not rebuilt');
});

test('build: a fix attempt that changes nothing is asked again with a reminder, twice, before it counts', async () => {
  fresh({
    contentFor: (path) => (path === 'src/report.mjs' ? BROKEN : defaultContent(path)),
    fixFor: () => BROKEN,
  });
  const root = makeTrioProject();
  const run = await build(root);
  assert.equal(run.status, 1, run.stdout + run.stderr);
  // 3 attempts (max_fix_attempts), the first preceded by two no-op retries that do not count.
  assert.equal(model.count('fix', 'Report module'), 5);
  const fixPrompts = model.calls
    .filter((c) => c.kind === 'fix' && c.turn === 0)
    .map((c) => JSON.stringify(c.request.body));
  assert.equal(fixPrompts.filter((p) => p.includes('Your last attempt changed no file')).length, 4);
  assert.deepEqual(statuses(root), { '001': 'done', '002': 'done', '003': 'done', '004': 'failed' });
});

test("build: changing an upstream requirement's text without changing its interface rebuilds only that spec", async () => {
  fresh();
  const root = makeTrioProject();
  assert.equal((await build(root)).status, 0);
  const interfaceBefore = readFileSync(join(root, '.ossature', 'context', 'interfaces', 'CORE.md'), 'utf8');
  editFile(root, 'specs/core.smd', CORE_REQUIREMENT_TEXT, 'Adds two numbers; the sum is returned.');
  model.reset();
  const run = await build(root);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  // 001 refers to the edited requirement; 002 follows as a same-spec dependent; GREET and REPORT see the
  // same CORE interface, so they stay.
  assert.deepEqual(model.titles('implement'), ['Core add module', 'Core helpers']);
  assert.equal(model.count('interface', 'CORE'), 1);
  assert.equal(
    readFileSync(join(root, '.ossature', 'context', 'interfaces', 'CORE.md'), 'utf8'),
    interfaceBefore,
  );
  assert.equal(model.count('implement', 'Greeting module') + model.count('implement', 'Report module'), 0);
});

test("build: when an upstream spec's extracted interface changes, the specs that read it rebuild", async () => {
  fresh();
  const root = makeTrioProject();
  assert.equal((await build(root)).status, 0);
  editFile(root, 'specs/core.smd', CORE_REQUIREMENT_TEXT, 'Adds two numbers; the sum is returned.');
  model.reset();
  model.options = {
    interfaceFor: (spec) =>
      spec === 'CORE' ? '## CORE\n\n- `add(a, b, c)` now takes three numbers\n' : undefined,
  };
  const run = await build(root);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.deepEqual(model.titles('implement'), [
    'Core add module',
    'Core helpers',
    'Greeting module',
    'Report module',
  ]);
  assert.match(run.stdout, /Greeting module \(upstream interface changed, input changed\)/);
  assert.match(run.stdout, /2 to run, 2 more if an upstream interface changes/);
});

test('build --dry-run lists what would run and why, with a cost estimate, and calls no model', async () => {
  fresh();
  const root = makeTrioProject();
  assert.equal((await build(root)).status, 0);
  writeFileSync(join(root, 'output', 'src', 'report.mjs'), '// edited\n');
  editFile(root, 'specs/greet.smd', 'Greets a person by name.', 'Greets a person warmly.');
  model.reset();
  const run = await runCliAsync(['build', '--dry-run'], root, {
    ANTHROPIC_API_KEY: '',
    ANTHROPIC_BASE_URL: server.url,
  });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(model.calls.length, 0);
  assert.match(run.stdout, /003\s+GREET\s+Greeting module[\s\S]*why: input changed/);
  assert.match(run.stdout, /004\s+REPORT\s+Report module[\s\S]*why: output modified/);
  assert.match(run.stdout, /2 task\(s\) would run/);
  assert.match(run.stdout, /Estimate: ~[\d.]+k? in, ~[\d.]+k? out, ~\$\d/);
  assert.deepEqual(statuses(root), { '001': 'done', '002': 'done', '003': 'done', '004': 'done' });
});

test('build --spec builds the spec and what it depends on, and leaves the other specs as they were', async () => {
  fresh();
  const root = makeTrioProject();
  const run = await build(root, ['--spec', 'greet']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.deepEqual(statuses(root), { '001': 'done', '002': 'done', '003': 'done', '004': 'pending' });
  assert.deepEqual(model.titles('implement'), ['Core add module', 'Core helpers', 'Greeting module']);
});

test('build --jobs 2 runs tasks of independent specs side by side', async () => {
  fresh();
  const root = makeTrioProject();
  const events = join(root, 'events.ndjson');
  const run = await build(root, ['--jobs', '2', '--events', events]);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const list = readEvents(events);
  const start = (id: string) => list.findIndex((e) => e.type === 'task-started' && e.id === id);
  const end = (id: string) => list.findIndex((e) => e.type === 'task-finished' && e.id === id);
  // GREET and REPORT both start before either finishes; CORE's tasks come first, one after the other.
  assert.ok(start('003') < end('004') && start('004') < end('003'), 'GREET and REPORT overlap');
  assert.ok(end('001') < start('002') && end('002') < start('003'));
});

test('build: a second run refuses while the first holds the lock, naming it', async () => {
  fresh();
  const root = makeTrioProject();
  writeFileSync(
    join(root, '.ossature', 'run.lock'),
    JSON.stringify({ pid: process.pid, command: 'build', started: '2026-11-22T06:00:00Z' }),
  );
  const run = await build(root);
  assert.equal(run.status, 1);
  assert.match(run.stderr, new RegExp(`Another ossature run \\(build, pid ${process.pid}`));
  assert.equal(model.calls.length, 0);
});

test('build: no plan → says to run audit; --step with --auto → usage error', async () => {
  const root = makeTrioProject();
  const noPlan = join(root, '.ossature', 'plan.toml');
  writeFileSync(noPlan, '');
  const { rmSync } = await import('node:fs');
  rmSync(noPlan);
  const missing = await build(root);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /No plan found\. Run `ossature audit` first\./);
  const both = await runCliAsync(['build', '--step', '--auto'], makeTrioProject(), {
    ANTHROPIC_API_KEY: TEST_KEY,
  });
  assert.equal(both.status, 2);
  assert.match(both.stderr, /--step and --auto cannot be combined/);
});
