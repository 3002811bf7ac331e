import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { runSetup } from '../../shared/src/build/setup-run';
import { makeProject } from '../support/project';

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

function outputDir(): string {
  root = makeProject({ 'out/.keep': '' });
  return join(root, 'out');
}

test('setup commands run in order in the output dir, each seeing what the previous one made', async () => {
  const cwd = outputDir();
  const chunks: string[] = [];
  const result = await runSetup(['mkdir -p build', 'echo ready > build/flag', 'cat build/flag'], {
    cwd,
    onOutput: (chunk) => chunks.push(chunk),
  });
  assert.equal(result.passed, true);
  assert.deepEqual(result.completed, ['mkdir -p build', 'echo ready > build/flag', 'cat build/flag']);
  assert.equal(readFileSync(join(cwd, 'build', 'flag'), 'utf8'), 'ready\n');
  assert.equal(chunks.join(''), '$ mkdir -p build\n$ echo ready > build/flag\n$ cat build/flag\nready\n');
});

test('the first failing setup command stops the setup; the result names it with its exit code and output', async () => {
  const cwd = outputDir();
  const failing = "echo 'resolving deps'; echo 'error: no matching package named `serde_jsn`' >&2; exit 101";
  const result = await runSetup(['echo fetched', failing, 'touch after'], { cwd });
  assert.equal(result.passed, false);
  assert.equal(result.failedCommand, failing);
  assert.equal(result.exitCode, 101);
  assert.equal(result.output, 'resolving deps\n\nerror: no matching package named `serde_jsn`');
  assert.deepEqual(result.completed, ['echo fetched']);
  assert.equal(existsSync(join(cwd, 'after')), false);
});

test('a setup command past the time limit is killed and reported', async () => {
  const cwd = outputDir();
  const result = await runSetup(['echo installing; sleep 30'], { cwd, timeoutMs: 600 });
  assert.equal(result.passed, false);
  assert.equal(result.timedOut, true);
  assert.equal(result.exitCode, null);
  assert.equal(
    result.output,
    'installing\nSetup command "echo installing; sleep 30" ran longer than 0.6 s and was killed.',
  );
});
