#!/usr/bin/env node
// `npm test`: installs dependencies if missing, then lint + format check, type-check, bundle, and every test:
// the node tests, then the real-VS-Code tests (test/e2e/run.mjs; it installs code-server, Node 24 and chromium on
// first use, see test/e2e/README.md). Pass file or folder paths to run only those tests, e.g.
// `npm test -- test/unit` (no e2e) or `npm test -- test/e2e` (only e2e). OSSATURE_SKIP_E2E=1 skips the e2e stage.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);

function run(label, command, commandArgs, timeout = undefined) {
  console.log(`\n> ${label}`);
  const result = spawnSync(command, commandArgs, {
    cwd: root,
    stdio: 'inherit',
    timeout,
    killSignal: 'SIGTERM',
  });
  if (result.status !== 0) {
    const why =
      result.error?.code === 'ETIMEDOUT'
        ? `timed out after ${timeout / 1000} s`
        : `exit ${result.status ?? result.signal}`;
    console.error(`\n${label} failed (${why}).`);
    process.exit(result.status || 1);
  }
}

function collect(path, out) {
  const stat = statSync(path);
  if (stat.isDirectory()) {
    for (const name of readdirSync(path).sort()) {
      // test/e2e runs inside VS Code (its own stage below), not under node's test runner.
      if (name === 'fixtures' || name === 'node_modules' || name === 'e2e') continue;
      collect(join(path, name), out);
    }
  } else if (path.endsWith('.test.ts')) {
    out.push(path);
  }
  return out;
}

if (!existsSync(join(root, 'node_modules', '.bin', 'tsc'))) {
  run('npm install', 'npm', ['install', '--no-audit', '--no-fund']);
}
const npx = join(root, 'node_modules', '.bin');
run('lint + format (biome)', join(npx, 'biome'), ['check', '.']);
run('type-check (tsc -b)', join(npx, 'tsc'), ['-b']);
run('bundle (esbuild)', process.execPath, ['esbuild.mjs']);

const e2eDir = join(root, 'test', 'e2e');
const isE2e = (path) => path === e2eDir || path.startsWith(`${e2eDir}/`);
const requested = args.map((a) => resolve(root, a));
const targets = args.length > 0 ? requested.filter((path) => !isE2e(path)) : [join(root, 'test')];
const files = targets.flatMap((t) => collect(t, []));
if (files.length > 0) {
  run(`tests (${files.length} files)`, process.execPath, [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    ...files,
  ]);
}

const wantE2e = args.length === 0 || requested.some(isE2e);
if (wantE2e && process.env.OSSATURE_SKIP_E2E === '1') {
  console.log('\n> real VS Code tests skipped (OSSATURE_SKIP_E2E=1)');
} else if (wantE2e && (process.platform !== 'linux' || process.arch !== 'x64')) {
  console.log(
    `\n> real VS Code tests skipped: their tools are set up for linux-x64, not ${process.platform}-${process.arch}`,
  );
} else if (wantE2e) {
  // Already bundled above. Installs its tools first when missing (~2.5 min once), then ~1 min of tests.
  run(
    'real VS Code tests (code-server, test/e2e)',
    process.execPath,
    ['test/e2e/run.mjs', '--no-build'],
    1_800_000,
  );
}
