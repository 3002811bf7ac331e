// The texts the extension's progress notification and status bar show during a build (client/src/runs/
// run-progress.ts), fed the events of real builds of the trio project against the scripted model.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { formatCost, RunProgress } from '../../client/src/runs/run-progress';
import { runBuild } from '../../shared/src/build/run/run-build';
import type { RunEvent } from '../../shared/src/model/events';
import { makeTrioProject } from '../support/build-fixture';
import { TEST_KEY } from '../support/llm-harness';
import { createBuildModel } from '../support/scripted-build-model';
import { type ScriptedServer, startScriptedServer } from '../support/scripted-messages-server';

const BROKEN = 'export const broken = ;\n';
const model = createBuildModel();
let server: ScriptedServer;

before(async () => {
  server = await startScriptedServer({ expectedKey: TEST_KEY, respond: (request) => model.respond(request) });
});
after(() => server.close());

async function build(root: string, options: { skipFailures?: boolean; command?: 'build' | 'retry' } = {}) {
  const events: RunEvent[] = [];
  const result = await runBuild({
    configFile: join(root, 'ossature.toml'),
    auto: true,
    ...options,
    env: { ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: server.url, PATH: process.env.PATH ?? '' },
    onEvent: (event) => events.push(event),
  });
  return { events, result };
}

/** The progress after each event, as the status bar would show it. */
function texts(verb: string, events: readonly RunEvent[]): { progress: RunProgress; seen: string[] } {
  const progress = new RunProgress(verb);
  const seen: string[] = [];
  for (const event of events) {
    progress.handle(event);
    if (seen.at(-1) !== progress.statusText) seen.push(progress.statusText);
  }
  return { progress, seen };
}

test('a build counts up task by task and ends at 4/4 with every task done, its cost and 100%', async () => {
  model.options = {};
  const { events, result } = await build(makeTrioProject());
  assert.equal(result.exitCode, 0);
  const { progress, seen } = texts('Build', events);
  const cost = formatCost(progress.result?.usage.costUsd ?? null);
  assert.ok(cost, 'the scripted model prices its usage');
  assert.equal(progress.statusText, `$(check) Build 4/4 · ✓4 · ${cost}`);
  assert.equal(progress.percent, 100);
  assert.equal(seen[0], '$(sync~spin) Build 0/4 · ✓0');
  // Every task passes through "running" before it counts as done, one at a time (jobs 1).
  for (const n of [1, 2, 3, 4]) {
    assert.ok(
      seen.some((text) => text.startsWith(`$(sync~spin) Build ${n}/4 · ✓${n - 1}`)),
      `task ${n} is shown running: ${seen.join(' | ')}`,
    );
  }
});

test('failed tasks (and the ones blocked by them) show as ✗, and the end is an error', async () => {
  model.options = {
    contentFor: (path) => (path === 'src/core-helpers.mjs' ? BROKEN : 'export const x = 1;\n'),
    fixFor: (path) => (path === 'src/core-helpers.mjs' ? BROKEN : undefined),
  };
  const { events, result } = await build(makeTrioProject(), { skipFailures: true });
  assert.equal(result.exitCode, 1);
  const { progress } = texts('Build', events);
  // 002 fails; 003 and 004 depend on it and fail without starting.
  assert.match(progress.statusText, /^\$\(error\) Build 4\/4 · ✓1 ✗3 · /);
});

test('before the first task the progress is 0%, and the detail names the running task and its phase', async () => {
  model.options = {};
  const { events } = await build(makeTrioProject());
  const progress = new RunProgress('Build');
  const details: string[] = [];
  for (const event of events) {
    progress.handle(event);
    if (event.type === 'run-started') assert.equal(progress.percent, 0);
    if (progress.detail) details.push(progress.detail);
  }
  assert.ok(details.includes('Core add module (implement)'), details.join(' | '));
  assert.ok(details.includes('Core add module (verify)'), details.join(' | '));
});

test('a build with nothing to do says it is up to date', async () => {
  model.options = {};
  const root = makeTrioProject();
  await build(root);
  const { events, result } = await build(root);
  assert.equal(result.exitCode, 0);
  assert.equal(texts('Build', events).progress.statusText, '$(check) Build: up to date');
});

test('costs read as a user expects: cents, under a cent, unknown before a priced call', () => {
  assert.equal(formatCost(0.4129), '$0.41');
  assert.equal(formatCost(0.004), '<$0.01');
  assert.equal(formatCost(null), undefined);
  assert.equal(formatCost(0, 0), undefined);
});
