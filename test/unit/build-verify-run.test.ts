import assert from 'node:assert/strict';
import { existsSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { runVerify } from '../../shared/src/build/verify-run';
import { makeProject } from '../support/project';

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

function outputDir(files: Record<string, string> = {}): string {
  const prefixed = Object.fromEntries(Object.entries(files).map(([path, text]) => [`out/${path}`, text]));
  root = makeProject({ 'out/.keep': '', ...prefixed });
  return join(root, 'out');
}

test('one passing command: its output as is, no header, run in the output dir', async () => {
  const cwd = outputDir({ 'marker.txt': 'here\n' });
  const result = await runVerify(['pwd && cat marker.txt'], { cwd });
  assert.deepEqual(result, {
    passed: true,
    output: `${realpathSync(cwd)}\nhere`,
    timedOut: false,
    aborted: false,
  });
});

test('several commands: `$ command` headers, stdout then stderr (as the original joins them), stop at the first failure', async () => {
  const cwd = outputDir();
  const commands = ['echo built', 'true', 'echo to-err >&2; echo to-out; exit 3', 'touch never-ran'];
  const result = await runVerify(commands, { cwd });
  assert.equal(result.passed, false);
  assert.equal(result.failedCommand, commands[2]);
  assert.equal(result.output, `$ echo built\nbuilt\n$ true\n$ ${commands[2]}\nto-out\n\nto-err`);
  assert.equal(existsSync(join(cwd, 'never-ran')), false, 'commands after the failure do not run');
});

test('a single failing command gives its output without a header', async () => {
  const cwd = outputDir();
  const result = await runVerify(['echo "error[E0425]: cannot find value" >&2; exit 101'], { cwd });
  assert.equal(result.passed, false);
  assert.equal(result.output, 'error[E0425]: cannot find value');
  assert.equal(result.timedOut, false);
});

test('a command past the time limit is killed and the failure says which one and after how long', async () => {
  const cwd = outputDir();
  const started = Date.now();
  const result = await runVerify(['echo first', 'echo started; sleep 30; touch finished'], {
    cwd,
    timeoutMs: 700,
  });
  assert.ok(Date.now() - started < 10_000);
  assert.equal(result.passed, false);
  assert.equal(result.timedOut, true);
  assert.equal(result.failedCommand, 'echo started; sleep 30; touch finished');
  assert.match(result.output, /^\$ echo first\nfirst\n\$ echo started; sleep 30; touch finished\nstarted\n/);
  assert.match(
    result.output,
    /Verify command "echo started; sleep 30; touch finished" ran longer than 0\.7 s and was killed\.$/,
  );
  assert.equal(existsSync(join(cwd, 'finished')), false);
});

test('cancelling stops the running command and reports the run as aborted', async () => {
  const cwd = outputDir();
  const controller = new AbortController();
  const pending = runVerify(['echo go; sleep 30'], {
    cwd,
    signal: controller.signal,
    onOutput: (chunk) => {
      if (chunk.includes('go')) controller.abort();
    },
  });
  const result = await pending;
  assert.equal(result.aborted, true);
  assert.equal(result.passed, false);
  assert.equal(result.timedOut, false);
});

test('live output arrives with the headers, in order', async () => {
  const cwd = outputDir();
  const chunks: string[] = [];
  const result = await runVerify(['echo one', 'echo two'], { cwd, onOutput: (chunk) => chunks.push(chunk) });
  assert.equal(result.passed, true);
  assert.equal(chunks.join(''), '$ echo one\none\n$ echo two\ntwo\n');
});

test('no commands pass with no output; a large output is capped, keeping its end', async () => {
  const cwd = outputDir();
  assert.deepEqual(await runVerify([], { cwd }), {
    passed: true,
    output: '',
    timedOut: false,
    aborted: false,
  });
  const result = await runVerify(
    [`node -e "console.log('x'.repeat(100000)); console.log('THE END'); process.exit(1)"`],
    {
      cwd,
    },
  );
  assert.equal(result.passed, false);
  assert.ok(result.output.length < 50_000);
  assert.match(result.output, /THE END$/);
  assert.ok(readFileSync(join(cwd, '.keep'), 'utf8') === '');
});
