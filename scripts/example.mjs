#!/usr/bin/env node
// `npm run example`: installs dependencies if missing, bundles, and runs `ossature validate` on examples/todo.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const step = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
if (!existsSync(join(root, 'node_modules', '.bin', 'esbuild')))
  step('npm', ['install', '--no-audit', '--no-fund']);
step(process.execPath, ['esbuild.mjs']);
const run = spawnSync(
  process.execPath,
  ['dist/cli.js', '--config', 'examples/todo/ossature.toml', 'validate', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
process.exit(run.status ?? 1);
