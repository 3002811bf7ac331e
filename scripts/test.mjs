#!/usr/bin/env node
// `npm test`: installs dependencies if missing, then lint + format check, type-check, bundle, and every test.
// Pass file or folder paths to run only those tests, e.g. `npm test -- test/unit`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);

function run(label, command, commandArgs) {
  console.log(`\n> ${label}`);
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n${label} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}

function collect(path, out) {
  const stat = statSync(path);
  if (stat.isDirectory()) {
    for (const name of readdirSync(path).sort()) {
      if (name === 'fixtures' || name === 'node_modules') continue;
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

const targets = args.length > 0 ? args.map((a) => resolve(root, a)) : [join(root, 'test')];
const files = targets.flatMap((t) => collect(t, []));
run(`tests (${files.length} files)`, process.execPath, [
  '--import',
  'tsx',
  '--test',
  '--test-reporter=spec',
  ...files,
]);
