#!/usr/bin/env node
// Build benchmark: how `ossature build` (dist/cli.js, run `npm run build` first) schedules and how much the
// engine itself costs, against the scripted Messages-API server (test/support) over real HTTP with a fixed
// latency per model call. Prints figures; never asserts.
//
//   node bench/build-bench.mjs [--wide 4] [--deep 10] [--latency 200] [--noop 500]
//
// 1. A plan `wide` specs wide and `deep` tasks deep (each task: one implementer run = 2 model calls, then
//    `node --check`), built with --jobs <wide> and with --jobs 1 on fresh copies. Printed: both wall times,
//    the critical-path bound (the longest spec's task durations plus its interface extraction, from the
//    run's own events), and the ratios.
// 2. Engine overhead per task: a task's duration minus its model time and verify time (from the
//    task-finished events), plus the time between tasks that no task accounts for.
// 3. A no-op build of `noop` done tasks (5 specs wide): wall time and model calls.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadSupport as loadSupportFrom } from './bundle-support.mjs';

const root = resolve(import.meta.dirname, '..');
const work = join(root, 'bench', '.work', 'build');
const CLI = join(root, 'dist', 'cli.js');
const KEY = 'sk-ant-bench-not-a-real-key';

const SUPPORT = `
export { generatePlanProject } from './bench/build-bench/generate-plan-project.ts';
export { startScriptedServer } from './test/support/scripted-messages-server.ts';
export { createBuildModel } from './test/support/scripted-build-model.ts';
`;

async function loadSupport() {
  return loadSupportFrom(SUPPORT, join(work, 'build-bench-support.mjs'));
}

function runBuild(project, args, url) {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, 'build', '--auto', ...args], {
      cwd: project,
      env: { ...process.env, ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: url, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      if (code !== 0) reject(new Error(`build ${args.join(' ')} exited ${code}:\n${output}`));
      else resolvePromise({ wallMs, output });
    });
  });
}

function events(file) {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

const ms = (value) => `${value.toFixed(0)} ms`;
const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

/** The critical-path bound of a run: the longest spec's summed task durations plus its interface step. */
function criticalPath(list) {
  const bySpec = new Map();
  const lastFinish = new Map();
  for (const e of list) {
    if (e.type === 'task-finished') {
      bySpec.set(e.spec, (bySpec.get(e.spec) ?? 0) + e.durationMs);
      lastFinish.set(e.spec, Date.parse(e.time));
    }
  }
  for (const e of list) {
    if (e.type === 'interface' && lastFinish.has(e.spec)) {
      bySpec.set(e.spec, bySpec.get(e.spec) + (Date.parse(e.time) - lastFinish.get(e.spec)));
    }
  }
  return Math.max(...bySpec.values());
}

async function main() {
  const { values } = parseArgs({
    options: {
      wide: { type: 'string', default: '4' },
      deep: { type: 'string', default: '10' },
      latency: { type: 'string', default: '200' },
      noop: { type: 'string', default: '500' },
    },
  });
  const wide = Number(values.wide);
  const deep = Number(values.deep);
  const latencyMs = Number(values.latency);
  const noop = Number(values.noop);
  mkdirSync(work, { recursive: true });
  const support = await loadSupport();
  const model = support.createBuildModel();
  const server = await support.startScriptedServer({ respond: (r) => model.respond(r), latencyMs });
  try {
    const template = join(work, `plan-${wide}x${deep}`);
    support.generatePlanProject(template, { wide, deep });
    const copy = (name) => {
      const dir = join(work, name);
      rmSync(dir, { recursive: true, force: true });
      cpSync(template, dir, { recursive: true });
      return dir;
    };

    console.log(
      `build benchmark — ${wide} specs × ${deep} tasks, scripted model at ${latencyMs} ms per call\n`,
    );
    const parallelDir = copy('parallel');
    model.reset();
    const parallel = await runBuild(
      parallelDir,
      ['--jobs', String(wide), '--events', join(parallelDir, 'events.ndjson')],
      server.url,
    );
    const parallelCalls = model.calls.length;
    const parallelEvents = events(join(parallelDir, 'events.ndjson'));
    const bound = criticalPath(parallelEvents);

    const serialDir = copy('serial');
    model.reset();
    const serial = await runBuild(
      serialDir,
      ['--jobs', '1', '--events', join(serialDir, 'events.ndjson')],
      server.url,
    );
    const serialEvents = events(join(serialDir, 'events.ndjson'));

    console.log(
      `  --jobs ${wide} wall time                ${ms(parallel.wallMs)}   (${parallelCalls} model calls)`,
    );
    console.log(`  critical-path bound                ${ms(bound)}`);
    console.log(
      `  --jobs ${wide} / critical path          ${(parallel.wallMs / bound).toFixed(2)}×   (target ≤ 1.25×)`,
    );
    console.log(`  --jobs 1 wall time                 ${ms(serial.wallMs)}`);
    console.log(
      `  --jobs 1 / --jobs ${wide}                ${(serial.wallMs / parallel.wallMs).toFixed(2)}×   (target ≥ 3×)`,
    );

    const tasks = serialEvents.filter((e) => e.type === 'task-finished');
    const inTask = tasks.map((e) => e.durationMs - e.timings.modelMs - e.timings.verifyMs);
    const modelMs = tasks.reduce((s, e) => s + e.timings.modelMs, 0);
    const verifyMs = tasks.reduce((s, e) => s + e.timings.verifyMs, 0);
    const runFinished = serialEvents.find((e) => e.type === 'run-finished');
    const interfaceModel = serialEvents.filter((e) => e.type === 'interface').length * latencyMs;
    const unaccounted = serial.wallMs - modelMs - verifyMs - interfaceModel;
    console.log('\nengine overhead per task (--jobs 1 run, model and verify time excluded)');
    console.log(
      `  inside a task                      median ${ms(quantile(inTask, 0.5))}, p95 ${ms(quantile(inTask, 0.95))}   (target < 20 ms)`,
    );
    console.log(
      `  whole run, per task                ${ms(unaccounted / tasks.length)}   (wall − model − verify − interface calls, incl. process start)`,
    );
    console.log(
      `  in-process run time                ${ms(runFinished.durationMs)} for ${tasks.length} tasks`,
    );

    // No-op build of `noop` done tasks.
    const noopWide = 5;
    const noopDir = join(work, `noop-${noop}`);
    support.generatePlanProject(noopDir, { wide: noopWide, deep: Math.ceil(noop / noopWide) });
    const fast = await support.startScriptedServer({ respond: (r) => model.respond(r) });
    try {
      await runBuild(noopDir, ['--jobs', String(noopWide)], fast.url);
      model.reset();
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push((await runBuild(noopDir, [], fast.url)).wallMs);
      console.log(`\nno-op build of ${Math.ceil(noop / noopWide) * noopWide} done tasks`);
      console.log(
        `  wall time                          median ${ms(quantile(runs, 0.5))} of 3   (target < 2 s)`,
      );
      console.log(`  model calls                        ${model.calls.length}   (target 0)`);
    } finally {
      await fast.close();
    }
  } finally {
    await server.close();
  }
}

await main();
