import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../support/cli';
import { corpusPath } from '../support/corpus';
import { makeProject, validSmd } from '../support/project';

const tempDir = () => mkdtempSync(join(tmpdir(), 'ossature-cli-'));

test('init creates a project that validates; a second init skips what exists', () => {
  const dir = tempDir();
  const first = runCli(['init', 'shop'], dir);
  assert.equal(first.status, 0, first.stderr);
  for (const f of ['specs', 'context', 'ossature.toml', '.gitignore'])
    assert.ok(existsSync(join(dir, 'shop', f)), f);
  assert.match(readFileSync(join(dir, 'shop', 'ossature.toml'), 'utf8'), /name = "shop"/);
  const again = runCli(['init', 'shop'], dir);
  assert.equal(again.status, 0);
  assert.match(again.stdout, /Skipped ossature\.toml/);
  // An empty project is valid but warns that there are no specs.
  const validate = runCli(['validate'], join(dir, 'shop'));
  assert.equal(validate.status, 0);
  assert.match(validate.stdout, /OSS021/);
});

test('init . names the project after the current folder', () => {
  const dir = tempDir();
  assert.equal(runCli(['init'], dir).status, 0);
  assert.match(
    readFileSync(join(dir, 'ossature.toml'), 'utf8'),
    new RegExp(`name = "${dir.split('/').pop()}"`),
  );
});

test('new writes templates that validate cleanly, and never overwrites', () => {
  const dir = tempDir();
  runCli(['init'], dir);
  const smd = runCli(['new', 'payment-gateway'], dir);
  assert.equal(smd.status, 0, smd.stderr);
  const text = readFileSync(join(dir, 'specs', 'payment-gateway.smd'), 'utf8');
  assert.match(text, /^id: PAYMENT_GATEWAY$/m);
  assert.match(text, /^# Payment Gateway$/m);
  assert.equal(runCli(['new', 'payment-gateway', '-t', 'amd'], dir).status, 0);
  assert.match(readFileSync(join(dir, 'specs', 'payment-gateway.amd'), 'utf8'), /^spec: PAYMENT_GATEWAY$/m);
  assert.equal(runCli(['new', 'checks', '-t', 'vmd', '--spec', 'PAYMENT_GATEWAY'], dir).status, 0);
  const validate = runCli(['validate', '--json'], dir);
  const report = JSON.parse(validate.stdout);
  assert.deepEqual(
    report.diagnostics.filter((d: { severity: string }) => d.severity === 'error'),
    [],
  );
  assert.equal(report.summary.amd, 1);
  assert.equal(report.summary.vmd, 1);

  const again = runCli(['new', 'payment-gateway'], dir);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /already exists/);
  const unknown = runCli(['new', 'x', '-t', 'amd', '--spec', 'PAYMENT_GATEWY'], dir);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /Did you mean PAYMENT_GATEWAY/);
  assert.equal(runCli(['new', 'x', '-t', 'txt'], dir).status, 2);
});

test('status reads the plan: per-spec counts, the first failed task, and --json', () => {
  const dir = tempDir();
  cpSync(corpusPath('markman'), dir, { recursive: true });
  const run = runCli(['status'], dir);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /markman — 3 specs, 18 tasks/);
  const json = JSON.parse(runCli(['status', '--json'], dir).stdout);
  assert.equal(json.total_tasks, 18);
  assert.deepEqual(
    json.specs.map((s: { spec_id: string }) => s.spec_id),
    ['STORAGE', 'CLI', 'WEBUI'],
  );
  assert.ok(json.specs.every((s: { status: string }) => s.status === 'done'));
  assert.equal(json.failed_task, null);
});

test('status shows the first failed task with what to run next', () => {
  const dir = tempDir();
  cpSync(corpusPath('spenny'), dir, { recursive: true });
  const planPath = join(dir, '.ossature', 'plan.toml');
  const plan = readFileSync(planPath, 'utf8');
  const { writeFileSync } = require('node:fs') as typeof import('node:fs');
  writeFileSync(
    planPath,
    plan.replace(/id = "004"([\s\S]*?)status = "done"/, 'id = "004"$1status = "failed"'),
  );
  const run = runCli(['status'], dir);
  assert.match(run.stdout, /Current: EXPENSE_TRACKER task 004 \(.*\) — FAILED/);
  assert.match(run.stdout, /ossature build --spec EXPENSE_TRACKER/);
  assert.equal(JSON.parse(runCli(['status', '--json'], dir).stdout).failed_task.id, '004');
});

test('status without a plan says to run audit and exits 1', () => {
  const root = makeProject({ 'specs/a.smd': validSmd('A') });
  const run = runCli(['status'], root);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /No build plan found\. Run `ossature audit` first\./);
});

test('clean: nothing to clean, refusal without -y off a terminal, then -y deletes only .ossature/', () => {
  const root = makeProject({ 'specs/a.smd': validSmd('A'), 'output/keep.py': 'x = 1\n' });
  assert.match(runCli(['clean'], root).stdout, /Nothing to clean\./);
  cpSync(corpusPath('spenny', '.ossature'), join(root, '.ossature'), { recursive: true });
  const refused = runCli(['clean'], root);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /pass -y/);
  assert.ok(existsSync(join(root, '.ossature', 'plan.toml')));
  assert.match(runCli(['clean', '--dry-run'], root).stdout, /Would delete/);
  assert.ok(existsSync(join(root, '.ossature')));
  const done = runCli(['clean', '-y'], root);
  assert.equal(done.status, 0);
  assert.ok(!existsSync(join(root, '.ossature')));
  assert.ok(existsSync(join(root, 'output', 'keep.py')));
});

test('ossature lsp --stdio answers initialize with the server capabilities', async () => {
  const { spawn } = await import('node:child_process');
  const { CLI } = await import('../support/cli');
  const root = makeProject({ 'specs/a.smd': validSmd('A') });
  const child = spawn(process.execPath, [CLI, 'lsp', '--stdio'], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const body = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null },
  });
  child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  const reply = await new Promise<string>((resolvePromise, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const at = out.indexOf('\r\n\r\n');
      if (at !== -1) {
        const length = Number(/Content-Length: (\d+)/.exec(out)?.[1]);
        if (out.length >= at + 4 + length) resolvePromise(out.slice(at + 4, at + 4 + length));
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code} before answering`)));
  });
  child.kill();
  const message = JSON.parse(reply);
  assert.equal(message.id, 1);
  assert.equal(message.result.serverInfo.name, 'ossature');
  assert.equal(message.result.capabilities.hoverProvider, true);
  assert.equal(message.result.capabilities.renameProvider.prepareProvider, true);
});
