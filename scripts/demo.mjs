#!/usr/bin/env node
// `npm run demo`: VS Code (code-server) with the packaged Ossature extension on a copy of examples/todo.
//   node scripts/demo.mjs [--offline] [--no-install] [--no-build] [--latency MS]
// Installs what is missing (scripts/e2e-install.sh: Node 24, code-server, vsce — no browser), bundles, packages
// the .vsix, installs it into a fresh user-data folder, copies examples/todo to a temporary workspace and starts
// code-server on 127.0.0.1 (no password, a free port), then prints the URL. Without ANTHROPIC_API_KEY (or with
// --offline) every run goes to the offline scripted model (scripts/demo/offline-model.ts), labelled as such
// here and in the VS Code status bar; with a key the real model is used. Ctrl-C stops everything and removes
// the temporary folder. The test/e2e runner modules start and stop code-server.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { workbenchUrl } from '../test/e2e/runner/browser.mjs';
import { installExtension, startCodeServer } from '../test/e2e/runner/code-server.mjs';
import { loadOfflineModel, OFFLINE_DEMO_KEY } from '../test/e2e/runner/offline-model.mjs';
import { ROOT, TOOLS } from '../test/e2e/runner/paths.mjs';
import { createRunDir } from '../test/e2e/runner/run-dir.mjs';
import { packageVsix } from '../test/e2e/runner/vsix.mjs';

const { values } = parseArgs({
  options: {
    offline: { type: 'boolean', default: false },
    install: { type: 'boolean', default: true },
    build: { type: 'boolean', default: true },
    latency: { type: 'string', default: '150' },
  },
  allowNegative: true,
});

const EXAMPLE = join(ROOT, 'examples', 'todo');

function step(label, command, args, env = process.env) {
  console.log(`\n> ${label}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`demo: ${label} failed (${result.error?.message ?? result.status ?? result.signal}).`);
    process.exit(1);
  }
}

/** The example builds Python: warn early when the tools its verify steps call are missing. */
function checkPython() {
  const pytest = spawnSync('python', ['-m', 'pytest', '--version'], { encoding: 'utf8' });
  if (pytest.status === 0) return;
  console.log(
    '\nNote: examples/todo is a Python project; its build runs `python -m venv` and `python -m pytest`, and ' +
      '`python -m pytest --version` fails here. Install Python 3 (as `python`) and pytest (`pip install pytest`) ' +
      'to see the build pass; validate and audit work without them.',
  );
}

/** An `ossature` command for the integrated terminal (the walkthrough's init / new steps). */
function writeCliShim(folder) {
  mkdirSync(folder, { recursive: true });
  const shim = join(folder, 'ossature');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'dist', 'cli.js')}" "$@"\n`);
  chmodSync(shim, 0o755);
}

if (!existsSync(join(ROOT, 'node_modules', '.bin', 'esbuild')))
  step('npm install', 'npm', ['install', '--no-audit', '--no-fund']);
if (values.install) {
  step(
    'code-server, Node 24 and vsce (scripts/e2e-install.sh)',
    'bash',
    [join(ROOT, 'scripts', 'e2e-install.sh')],
    {
      ...process.env,
      DEST: TOOLS,
      OSSATURE_INSTALL_BROWSER: '0',
    },
  );
}
const vsixFolder = join(ROOT, 'out', 'demo');
let vsix;
if (values.build) {
  step('bundle (esbuild)', process.execPath, ['esbuild.mjs']);
  console.log('\n> package the extension (vsce package)');
  vsix = packageVsix(vsixFolder);
} else {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  vsix = join(vsixFolder, `ossature-vscode-${version}.vsix`);
  if (!existsSync(vsix)) {
    console.error(`demo: ${vsix} is missing; run without --no-build.`);
    process.exit(1);
  }
}
checkPython();

const realKey = process.env.ANTHROPIC_API_KEY && !values.offline;
let modelLine;
let settings = {};
let env = {};
if (realKey) {
  modelLine = 'the Anthropic API with your ANTHROPIC_API_KEY (runs cost money; each asks before it starts)';
} else {
  const { startOfflineModel, OFFLINE_MODEL_LABEL } = await loadOfflineModel();
  const model = await startOfflineModel({ latencyMs: Number(values.latency) });
  modelLine = `${OFFLINE_MODEL_LABEL}: ${model.url}`;
  console.log(`\n${modelLine}`);
  settings = { 'ossature.model.baseUrl': model.url, 'ossature.demo.offlineModel': true };
  // Also for `ossature` typed in the integrated terminal.
  env = { ANTHROPIC_API_KEY: OFFLINE_DEMO_KEY, ANTHROPIC_BASE_URL: model.url };
}

const serverLog = join(vsixFolder, 'code-server.log');
const run = createRunDir('demo', { project: EXAMPLE, overlay: null, settings });
process.once('exit', () => {
  run.dispose();
  console.log(`\ndemo stopped; removed ${run.dir}`);
});
const bin = join(run.dir, 'bin');
writeCliShim(bin);
console.log(`\n> install ${vsix} into a fresh code-server`);
installExtension(run, vsix);
const server = await startCodeServer(run, {
  logFile: serverLog,
  smokeTestDriver: false,
  env: { ...env, PATH: `${bin}:${process.env.PATH}` },
});
const url = workbenchUrl(server, run.workspace, [
  ['openFile', server.remote(join(run.workspace, 'ossature.toml'))],
]);

console.log(`
Ossature demo — open this in a browser:

  ${url}

  workspace  ${run.workspace} (a temporary copy of examples/todo, removed on exit)
  model      ${modelLine}${realKey ? '' : '\n             (canned answers for this example, not a real model; set ANTHROPIC_API_KEY for Claude)'}
  start      Help › Welcome › "Get started with Ossature" (the walkthrough), or the CodeLens on ossature.toml

Ctrl-C stops code-server${realKey ? '' : ' and the offline model'}.`);

// Keeps running until Ctrl-C (code-server.mjs stops the server's process group) or until code-server dies.
setInterval(async () => {
  const alive = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(5000) }).then(
    (response) => response.ok,
    () => false,
  );
  if (!alive) {
    console.error(`demo: code-server stopped answering; its log: ${serverLog}`);
    process.exit(1);
  }
}, 10_000);
