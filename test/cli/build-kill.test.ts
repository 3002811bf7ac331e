import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { generatePlanProject } from '../../bench/build-bench/generate-plan-project';
import { outputHash } from '../../shared/src/build/hashing';
import { parsePlanText } from '../../shared/src/store/plan-file';
import { parseStateText } from '../../shared/src/store/state-file';
import { runCliAsync } from '../support/cli';
import { TEST_KEY } from '../support/llm-harness';
import { type BuildModel, createBuildModel, defaultContent } from '../support/scripted-build-model';
import { type ScriptedServer, startScriptedServer } from '../support/scripted-messages-server';

/**
 * Crash safety: `ossature build` killed with SIGKILL at random moments (20 trials, seeded) never leaves
 * `.ossature/` unreadable or inconsistent — plan.toml and state.toml parse strictly, every task plan.toml
 * calls done has a state entry whose output hash matches the files — and the next build resumes and
 * finishes with every task done.
 */

const TRIALS = 20;
let server: ScriptedServer;
let model: BuildModel;
let template: string;

before(async () => {
  model = createBuildModel();
  server = await startScriptedServer({
    expectedKey: TEST_KEY,
    respond: (r) => model.respond(r),
    latencyMs: 15,
  });
  template = join(mkdtempSync(join(tmpdir(), 'ossature-kill-')), 'template');
  generatePlanProject(template, { wide: 2, deep: 4 });
});
after(() => server.close());

/** A small deterministic generator (mulberry32), so a failing trial can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const env = () => ({ ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: server.url });

function checkConsistent(root: string, trial: string): number {
  const planText = readFileSync(join(root, '.ossature', 'plan.toml'), 'utf8');
  const plan = parsePlanText(planText).plan; // throws if unreadable
  let stateText = '';
  try {
    stateText = readFileSync(join(root, '.ossature', 'state.toml'), 'utf8');
  } catch {
    // no task finished yet
  }
  const state = stateText === '' ? { tasks: {} as Record<string, never> } : parseStateText(stateText).state;
  let done = 0;
  for (const task of plan.task) {
    if (task.status !== 'done') continue;
    done += 1;
    const entry = (state.tasks as Record<string, { output_hash: string; created_files: string[] }>)[task.id];
    assert.ok(entry, `${trial}: task ${task.id} is done in plan.toml but has no state entry`);
    assert.equal(
      outputHash(join(root, 'output'), entry.created_files),
      entry.output_hash,
      `${trial}: ${task.id}`,
    );
  }
  return done;
}

test(`build survives kill -9 at ${TRIALS} random moments and the next build resumes`, async () => {
  // How long an unkilled build takes, so the kills land anywhere in it.
  const probe = join(mkdtempSync(join(tmpdir(), 'ossature-kill-')), 'p');
  cpSync(template, probe, { recursive: true });
  const t0 = performance.now();
  const full = await runCliAsync(['build', '--auto', '--jobs', '2'], probe, env());
  assert.equal(full.status, 0, full.stdout + full.stderr);
  const span = performance.now() - t0;

  const next = random(20261122);
  const doneAtKill: number[] = [];
  for (let i = 0; i < TRIALS; i++) {
    const root = join(mkdtempSync(join(tmpdir(), 'ossature-kill-')), 'p');
    cpSync(template, root, { recursive: true });
    const delay = Math.round(next() * span);
    const trial = `trial ${i + 1} (kill after ${delay} ms)`;
    const killed = await runCliAsync(['build', '--auto', '--jobs', '2'], root, env(), {
      onSpawn: (child) => setTimeout(() => child.kill('SIGKILL'), delay),
    });
    assert.ok(killed.status === 137 || killed.status === 0, `${trial}: ${killed.stderr}`);
    doneAtKill.push(checkConsistent(root, trial));

    const resumed = await runCliAsync(['build', '--auto'], root, env());
    assert.equal(resumed.status, 0, `${trial}: resume failed\n${resumed.stdout}${resumed.stderr}`);
    assert.equal(checkConsistent(root, `${trial}, resumed`), 8);
    for (const spec of ['spec_a', 'spec_b']) {
      for (let k = 1; k <= 4; k++) {
        const path = `src/${spec}/${k}.mjs`;
        assert.equal(
          readFileSync(join(root, 'output', path), 'utf8'),
          defaultContent(path),
          `${trial}: ${path}`,
        );
      }
    }
  }
  // The kills really landed at different stages: some before any task finished, some mid-way.
  assert.ok(doneAtKill.some((n) => n < 8) && new Set(doneAtKill).size > 2, `done at kill: ${doneAtKill}`);
});
