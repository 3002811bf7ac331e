#!/usr/bin/env node
// Extension benchmark: the client bundle's size, activation time in code-server, and the extension host's
// longest event-loop stall during a 40-task build started from the extension. Prints figures; never asserts.
//
//   node bench/extension-bench.mjs [--wide 4] [--deep 10] [--latency 100] [--jobs 4] [--runs 1] [--no-install]
//
// 1. Bundle: the client built as `node esbuild.mjs` (development) and as `--production` (what the .vsix
//    ships), bytes and gzip, and the largest packages inside (esbuild's metafile). Built into
//    bench/.work/extension/, never into dist/.
// 2. Activation: an extension folder with the production bundles is loaded into code-server
//    (extensionDevelopmentPath) on a generated plan project (bench/build-bench/generate-plan-project.ts); the
//    extension writes `Activated in X ms; the language server was ready Y ms later` to its "Ossature" output channel,
//    whose log file the benchmark reads. Also shown: VS Code's own figure from Developer: Show Running
//    Extensions (code loading + activate() until its promise resolves), when the view can be read.
// 3. Event loop: chromium runs "Ossature: Build" from the command palette against the offline scripted model
//    (scripts/demo/offline-model.ts, `--latency` ms per call); with OSSATURE_MEASURE_EVENT_LOOP=1 the extension
//    samples its event loop (perf_hooks.monitorEventLoopDelay) from the run's run-started to its run-finished
//    event and logs the longest stall.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { bundleOptions } from '../esbuild.mjs';
import { launchBrowser, saveScreenshot, workbenchUrl } from '../test/e2e/runner/browser.mjs';
import { startCodeServer } from '../test/e2e/runner/code-server.mjs';
import { loadOfflineModel, OFFLINE_DEMO_KEY } from '../test/e2e/runner/offline-model.mjs';
import { ROOT, TOOLS } from '../test/e2e/runner/paths.mjs';
import { createRunDir } from '../test/e2e/runner/run-dir.mjs';
import { loadSupport } from './bundle-support.mjs';

const { values } = parseArgs({
  options: {
    wide: { type: 'string', default: '4' },
    deep: { type: 'string', default: '10' },
    latency: { type: 'string', default: '100' },
    jobs: { type: 'string', default: '4' },
    runs: { type: 'string', default: '1' },
    install: { type: 'boolean', default: true },
  },
  allowNegative: true,
});
const wide = Number(values.wide);
const deep = Number(values.deep);
const work = join(ROOT, 'bench', '.work', 'extension');
const extensionDir = join(work, 'ext');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

async function buildClient(production, outdir) {
  const esbuild = await import('esbuild');
  const [client, ...others] = bundleOptions({ production, outdir });
  const result = await esbuild.build({ ...client, absWorkingDir: ROOT, metafile: true, logLevel: 'error' });
  const bytes = readFileSync(join(outdir, 'client.js'));
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
  const byPackage = new Map();
  for (const [path, input] of Object.entries(output.inputs)) {
    const name =
      /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.split('/').slice(0, 3).join('/');
    byPackage.set(name, (byPackage.get(name) ?? 0) + input.bytesInOutput);
  }
  return { size: bytes.length, gzip: gzipSync(bytes).length, byPackage, others };
}

/** The extension as the .vsix would install it: manifest, grammars, walkthrough, production bundles. */
async function prepareExtension() {
  rmSync(extensionDir, { recursive: true, force: true });
  mkdirSync(extensionDir, { recursive: true });
  for (const entry of ['package.json', 'README.md', 'syntaxes', 'schemas', 'media']) {
    if (existsSync(join(ROOT, entry)))
      cpSync(join(ROOT, entry), join(extensionDir, entry), { recursive: true });
  }
  const esbuild = await import('esbuild');
  const dist = join(extensionDir, 'dist');
  const prod = await buildClient(true, dist);
  await Promise.all(prod.others.map((options) => esbuild.build({ ...options, absWorkingDir: ROOT })));
  return prod;
}

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** The lines of the extension's "Ossature" output channel log file(s) under the run's user data. */
function ossatureLog(run) {
  return walk(join(run.userData, 'logs'))
    .filter((file) => /ossature/i.test(file) && file.endsWith('.log'))
    .flatMap((file) => readFileSync(file, 'utf8').split('\n'));
}

/** Polls the output channel log for a line matching `pattern` (a benchmark may poll; tests never do). */
async function waitForLine(run, pattern, what, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const line = ossatureLog(run).find((l) => pattern.test(l));
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no "${what}" line in the Ossature output channel log within ${ms / 1000} s`);
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 20_000 });
  await input.fill(`>${title}`);
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${title}$`) }) })
    .first();
  await row.waitFor({ state: 'visible', timeout: 20_000 });
  await row.click();
}

/** VS Code's own activation figure for the extension, from the Running Extensions view (best effort). */
async function vscodeActivationTime(page) {
  try {
    await runCommand(page, 'Developer: Show Running Extensions');
    const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'Ossature' }).first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    const text = (await row.locator('.activation-time').textContent({ timeout: 5000 })) ?? '';
    return text.trim() || undefined;
  } catch {
    return undefined;
  }
}

async function measureOnce(support, offlineUrl, index) {
  const project = join(work, `plan-${wide}x${deep}`);
  support.generatePlanProject(project, { wide, deep });
  const run = createRunDir('bench', {
    project,
    overlay: null,
    settings: {
      'ossature.model.baseUrl': offlineUrl,
      'ossature.runs.confirmCost': false,
      'ossature.runs.jobs': Number(values.jobs),
    },
  });
  const out = join(ROOT, 'test-artifacts', 'bench');
  mkdirSync(out, { recursive: true });
  let server;
  let browser;
  try {
    server = await startCodeServer(run, {
      logFile: join(out, 'code-server.log'),
      env: { ANTHROPIC_API_KEY: OFFLINE_DEMO_KEY, OSSATURE_MEASURE_EVENT_LOOP: '1' },
    });
    browser = await launchBrowser(run);
    const { page } = browser;
    await page.goto(
      workbenchUrl(server, run.workspace, [
        ['extensionDevelopmentPath', server.remote(extensionDir)],
        ['skipWelcome', 'true'],
      ]),
    );
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    const activation = await waitForLine(run, /Activated in/, 'Activated in', 90_000);
    const vscodeFigure = await vscodeActivationTime(page);
    await page.keyboard.press('Escape');
    const started = Date.now();
    await runCommand(page, 'Ossature: Build');
    const stall = await waitForLine(run, /Event loop during the run/, 'Event loop during the run', 600_000);
    await saveScreenshot(page, join(out, `extension-bench-${index + 1}.png`));
    const done = readFileSync(join(run.workspace, '.ossature', 'plan.toml'), 'utf8').match(
      /status = "done"/g,
    );
    return {
      activation: activation.replace(/^.*?(Activated in)/, '$1'),
      vscodeFigure,
      stall: stall.replace(/^.*?(Event loop during the run)/, '$1'),
      wallMs: Date.now() - started,
      done: done?.length ?? 0,
    };
  } finally {
    await browser?.context.close().catch(() => {});
    await server?.stop();
    run.dispose();
  }
}

async function main() {
  mkdirSync(work, { recursive: true });
  console.log('extension benchmark (figures only, never pass/fail)\n');

  const dev = await buildClient(false, join(work, 'dev'));
  const prod = await prepareExtension();
  console.log('client bundle (dist/client.js)                       target < 300 KB');
  console.log(
    `  development  node esbuild.mjs               ${kb(dev.size).padStart(9)}   gzip ${kb(dev.gzip)}`,
  );
  console.log(
    `  production   the .vsix (--production)        ${kb(prod.size).padStart(9)}   gzip ${kb(prod.gzip)}`,
  );
  const largest = [...prod.byPackage].sort((a, b) => b[1] - a[1]).slice(0, 8);
  console.log(
    `  largest parts of the production bundle: ${largest.map(([n, b]) => `${n} ${kb(b)}`).join(', ')}`,
  );

  const tools = ['node24', 'vscode'].every((name) => existsSync(join(TOOLS, name)));
  if (values.install) {
    const result = spawnSync('bash', [join(ROOT, 'scripts', 'e2e-install.sh')], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEST: TOOLS },
    });
    if (result.status !== 0) throw new Error('scripts/e2e-install.sh failed');
  } else if (!tools) {
    throw new Error('code-server is not installed: run scripts/e2e-install.sh or drop --no-install');
  }

  const support = await loadSupport(
    `export { generatePlanProject } from './bench/build-bench/generate-plan-project.ts';`,
    join(work, 'extension-bench-support.mjs'),
  );
  const { startOfflineModel } = await loadOfflineModel(join(work, 'offline-model.js'));
  const offline = await startOfflineModel({ latencyMs: Number(values.latency) });
  try {
    const tasks = wide * deep;
    console.log(
      `\ncode-server: production bundles, a ${wide}×${deep} plan (${tasks} tasks), "Ossature: Build" with jobs ` +
        `${values.jobs}, offline scripted model at ${values.latency} ms per call`,
    );
    for (let i = 0; i < Number(values.runs); i++) {
      const load = loadavg()[0].toFixed(2);
      const r = await measureOnce(support, offline.url, i);
      console.log(`  run ${i + 1} (${cpus().length} cores, load average ${load} when it started)`);
      console.log(`    activation       ${r.activation}   target < 150 ms`);
      console.log(`    VS Code's figure ${r.vscodeFigure ?? '(Running Extensions view not readable)'}`);
      console.log(
        `    build            ${(r.wallMs / 1000).toFixed(1)} s from the palette, ${r.done}/${tasks} tasks done`,
      );
      console.log(`    event loop       ${r.stall}   target: longest stall < 50 ms`);
    }
  } finally {
    await offline.close();
  }
  console.log(`\nscreenshots and code-server log: ${join(ROOT, 'test-artifacts', 'bench')}`);
}

await main();
// code-server.mjs kills what it started on exit.
process.exit(0);
