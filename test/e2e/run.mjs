#!/usr/bin/env node
// Real-VS-Code tests: code-server 4.139.1 (VS Code 1.139.1) driven headless by Debian chromium.
//   node test/e2e/run.mjs [--stage inhost,ui,vsix] [--no-install] [--no-build]
// Stages: inhost (the mocha suite in the extension host), ui (DOM checks), vsix (package, install, activate).
// Installs the tools on first use (scripts/e2e-install.sh), bundles the extension and the suite, runs the stages,
// and ends with "N passed, N failed". Screenshots and logs go to test-artifacts/e2e/<stage>/.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildSuite } from './build.mjs';
import { runInHost } from './runner/inhost.mjs';
import { withTimeout } from './runner/outcome.mjs';
import { ARTIFACTS, CHROMIUM, CODE_SERVER, NODE24, PLAYWRIGHT, ROOT, TOOLS, VSCE } from './runner/paths.mjs';
import { runUi } from './runner/ui.mjs';
import { runVsix } from './runner/vsix.mjs';

const { values } = parseArgs({
  options: {
    stage: { type: 'string', default: 'inhost,ui,vsix' },
    install: { type: 'boolean', default: true },
    build: { type: 'boolean', default: true },
  },
  allowNegative: true,
});

const stages = {
  inhost: { timeoutMs: 300_000, run: () => runInHost({ suiteBundle }) },
  ui: { timeoutMs: 180_000, run: () => runUi({ name: 'ui' }) },
  vsix: { timeoutMs: 300_000, run: () => runVsix() },
};

const selected = values.stage.split(',').filter(Boolean);
for (const name of selected) {
  if (!(name in stages)) {
    console.error(`unknown stage "${name}"; stages: ${Object.keys(stages).join(', ')}`);
    process.exit(2);
  }
}

function step(label, command, args, timeoutMs, env = process.env) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', timeout: timeoutMs, env });
  if (result.status !== 0) {
    console.error(`${label} failed (${result.error?.message ?? result.status ?? result.signal})`);
    process.exit(1);
  }
  console.log(`${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const toolsPresent = [NODE24, CODE_SERVER, PLAYWRIGHT, VSCE, CHROMIUM].every((file) => existsSync(file));
if (values.install) {
  // Idempotent: checks the pinned versions and returns in about a second when all is installed.
  step('e2e tools (scripts/e2e-install.sh)', 'bash', [join(ROOT, 'scripts', 'e2e-install.sh')], 1_200_000, {
    ...process.env,
    DEST: TOOLS,
  });
} else if (!toolsPresent) {
  console.error('The e2e tools are missing: run scripts/e2e-install.sh (or drop --no-install).');
  process.exit(1);
}
if (values.build) step('bundle (esbuild)', process.execPath, ['esbuild.mjs'], 120_000);
const suiteBundle = await buildSuite();

const total = { passed: 0, failed: 0, skipped: 0 };
for (const name of selected) {
  const { run, timeoutMs } = stages[name];
  console.log(`\n> e2e stage "${name}"`);
  const started = Date.now();
  let counts;
  try {
    counts = await withTimeout(run(), timeoutMs, `stage ${name}`);
  } catch (error) {
    console.log(`  ✘ stage ${name}: ${error?.stack ?? error}`);
    counts = { passed: 0, failed: 1, skipped: 0 };
  }
  for (const key of Object.keys(total)) total[key] += counts[key];
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`  stage ${name}: ${counts.passed} passed, ${counts.failed} failed in ${seconds} s`);
}

console.log(`\nScreenshots and logs: ${ARTIFACTS}`);
console.log(
  `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`,
);
process.exit(total.failed > 0 ? 1 : 0);
