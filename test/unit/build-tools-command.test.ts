import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { checkCommand, runShell, shellWords } from '../../shared/src/build/tools';
import { ToolRetry } from '../../shared/src/llm';
import { makeWorld, type World } from '../support/build-tools';

let world: World | undefined;
afterEach(() => world?.dispose());

/** A node process that writes its pid to `file`, then idles; the command has no `$` and no `..`. */
const idler = (file: string) =>
  `node -e "require('fs').writeFileSync('${file}', String(process.pid)); setInterval(() => {}, 1000)"`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function pidFrom(path: string): Promise<number> {
  for (let i = 0; i < 200 && !existsSync(path); i++) await new Promise((r) => setTimeout(r, 25));
  for (let i = 0; i < 200; i++) {
    const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (text !== '') return Number(text);
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no pid in ${path}`);
}

async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 20));
  return !alive(pid);
}

test('shellWords removes quotes and backslashes as sh does and keeps operators apart', () => {
  assert.deepEqual(shellWords(`cat 'a b'"c"\\ d>out;ls`), [
    { text: 'cat' },
    { text: 'a bc d' },
    { op: '>' },
    { text: 'out' },
    { op: ';' },
    { text: 'ls' },
  ]);
  assert.deepEqual(shellWords('echo hi # ../../x'), [{ text: 'echo' }, { text: 'hi' }]);
  assert.throws(() => shellWords('echo "a'), ToolRetry);
});

test('checkCommand accepts an absolute path inside the output dir and refuses one outside', () => {
  world = makeWorld();
  const root = world.sandbox.readPath('.').real;
  checkCommand(`ls ${join(root, 'src')}`, root);
  assert.throws(() => checkCommand(`ls ${world?.root}`, root), ToolRetry);
});

test('run_command kills the command and its whole process group on timeout', async () => {
  world = makeWorld({}, { commandTimeoutMs: 1500 });
  const w = world;
  const started = Date.now();
  const result = await w.call('run_command', { command: `${idler('bg.pid')} & ${idler('fg.pid')}` });
  assert.match(result, /^Exit code: timeout \(the command ran longer than 2 s and was killed with its child/);
  assert.ok(Date.now() - started < 10_000);
  for (const file of ['bg.pid', 'fg.pid']) {
    const pid = await pidFrom(join(w.out, file));
    assert.ok(await gone(pid), `process ${pid} from ${file} still runs`);
  }
});

test('run_command leaves no background process behind when the command finishes', async () => {
  world = makeWorld();
  const w = world;
  const result = await w.call('run_command', {
    command: `(${idler('bg.pid')} > /dev/null 2>&1 &) ; sleep 1; echo done`,
  });
  assert.match(result, /^Exit code: 0\nstdout:\ndone/);
  const pid = await pidFrom(join(w.out, 'bg.pid'));
  assert.ok(await gone(pid), `background process ${pid} still runs`);
});

test('a background job that keeps the output pipes open does not hold the command until the timeout', async () => {
  world = makeWorld({}, { commandTimeoutMs: 20_000 });
  const w = world;
  const started = Date.now();
  const result = await w.call('run_command', { command: `${idler('bg.pid')} & sleep 1; echo done` });
  assert.match(result, /^Exit code: 0\nstdout:\ndone/);
  assert.ok(Date.now() - started < 10_000, 'waited for the background job');
  assert.ok(await gone(await pidFrom(join(w.out, 'bg.pid'))));
});

test('aborting kills the running command and ends the tool with a non-retryable error', async () => {
  const controller = new AbortController();
  world = makeWorld({}, { signal: controller.signal });
  const w = world;
  const call = w.call('run_command', { command: idler('fg.pid') });
  const pid = await pidFrom(join(w.out, 'fg.pid'));
  controller.abort();
  await assert.rejects(
    call,
    (error: unknown) => !(error instanceof ToolRetry) && /cancelled/.test(String(error)),
  );
  assert.ok(await gone(pid));
});

test('runShell with an already aborted signal returns at once, marked aborted', async () => {
  world = makeWorld();
  const result = await runShell('sleep 5', { cwd: world.out, signal: AbortSignal.abort() });
  assert.equal(result.aborted, true);
  assert.equal(result.timedOut, false);
});
