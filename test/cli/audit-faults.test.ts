import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { copyCorpusProject, modelEnv, runCliAsync, type TempProject } from '../support/audit-run/cli-project';
import { type CallKind, callsOf, serveModel } from '../support/audit-run/scripted-model';
import type { RecordedRequest } from '../support/scripted-messages-server';
import { type ScriptedServer, startScriptedServer } from '../support/scripted-messages-server';
import { reply, type StaticReply } from '../support/scripted-replies';

let server: ScriptedServer | undefined;
let project: TempProject | undefined;
afterEach(async () => {
  await server?.close();
  project?.remove();
  server = undefined;
  project = undefined;
});

/** Answers the first `times` requests of `kind` with `fault`, then normally. */
function faultOnce(kind: CallKind, fault: (request: RecordedRequest) => StaticReply, times = 1) {
  let left = times;
  return (request: RecordedRequest, k: CallKind) => {
    if (k !== kind || left === 0) return undefined;
    left--;
    return fault(request);
  };
}

const auditReply = () => reply.toolUse('SpecAuditReport', { findings: [] });
const fast = { 'retry-after-ms': '5' };

const RETRYABLE: [string, () => StaticReply, RegExp][] = [
  [
    '429 rate limit',
    () => reply.rateLimited('0'),
    /spec-audit CLI: rate-limited \(429\); retrying in 0\.0 s \(attempt 2 of 5\)/,
  ],
  [
    '529 overloaded',
    () => reply.error(529, 'overloaded_error', 'Overloaded', fast),
    /overloaded \(529\); retrying/,
  ],
  [
    '500 server error',
    () => reply.error(500, 'api_error', 'Internal server error', fast),
    /server-error \(500\); retrying/,
  ],
  [
    'a cut stream',
    () => reply.cut(auditReply(), 5),
    /spec-audit CLI: (connection|incomplete-stream); retrying/,
  ],
  [
    'an error event mid-stream',
    () => ({ ...reply.streamError(auditReply(), 4) }),
    /spec-audit CLI: overloaded; retrying/,
  ],
];

for (const [name, fault, line] of RETRYABLE) {
  test(`a retryable fault (${name}) is retried and the audit completes`, async () => {
    server = await startScriptedServer();
    const model = serveModel(server, { override: faultOnce('spec-audit', fault) });
    project = copyCorpusProject('markman');
    const run = await runCliAsync(['audit'], project.root, { env: modelEnv(server.url) });
    assert.equal(run.status, 0, run.stderr + run.stdout);
    assert.match(run.stdout, line);
    assert.equal(callsOf(model, 'spec-audit', 'CLI'), 2);
    assert.equal(server.requests.length, 15);
    assert.match(run.stdout, /LLM usage: 1\.4k in, 280 out, .*\(14 request\(s\)\)/);
    assert.ok(project.exists('plan.toml'));
  });
}

/** Files under .ossature/ that are not complete: temporary files of an atomic write, or the lock. */
function leftovers(p: TempProject): string[] {
  return [...p.snapshot().keys()].filter((file) => file.endsWith('.tmp') || file === 'run.lock');
}

const NON_RETRYABLE: [string, CallKind, () => StaticReply, RegExp][] = [
  [
    '400 invalid request',
    'planner',
    () => reply.error(400, 'invalid_request_error', 'prompt is too long'),
    /^Error: Planning WEBUI failed: anthropic:claude-sonnet-4-6 \(planner\) at http:\/\/127\.0\.0\.1:\d+ rejected the request \(HTTP 400\): prompt is too long\. Check the \[llm\] configuration\.$/,
  ],
  [
    '401 bad key',
    'spec-audit',
    () => reply.error(401, 'authentication_error', 'invalid x-api-key'),
    /^Error: Spec audit of WEBUI failed: .* rejected the API key \(401\): invalid x-api-key\. Check ANTHROPIC_API_KEY\.$/,
  ],
  [
    'retries exhausted',
    'interface',
    () => reply.error(529, 'overloaded_error', 'Overloaded', { 'retry-after-ms': '1' }),
    /^Error: Interface inference for WEBUI failed: .* stayed overloaded after 5 attempts: Overloaded\. Try again in a few minutes\.$/,
  ],
];

for (const [name, kind, fault, message] of NON_RETRYABLE) {
  test(`a non-retryable fault (${name}) exits 1 with one line and leaves .ossature/ as it was`, async () => {
    server = await startScriptedServer();
    const model = serveModel(server);
    project = copyCorpusProject('markman');
    const env = modelEnv(server.url);
    assert.equal((await runCliAsync(['audit'], project.root, { env })).status, 0);
    const webui = join(project.root, 'specs', 'webui.smd');
    writeFileSync(webui, readFileSync(webui, 'utf8').replace('Health check endpoint', 'Liveness endpoint'));
    const before = project.snapshot();

    model.override = faultOnce(kind, fault, 10);
    const run = await runCliAsync(['audit'], project.root, { env });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.equal(run.stderr.split('\n').filter(Boolean).length, 1, run.stderr);
    assert.match(run.stderr.trim(), message);
    assert.deepEqual(leftovers(project), []);
    const after = project.snapshot();
    for (const file of ['plan.toml', 'manifest.toml', 'snapshots/WEBUI.md', 'context/project-brief.md'])
      assert.equal(after.get(file), before.get(file), `${file} is untouched`);
    for (const [file, text] of after) {
      if (before.get(file) !== text)
        assert.match(file, /^(audits|planners)\/(WEBUI|cross-spec)\/|^context\/|^graph\.toml|^audit-/, file);
    }

    // The change is still pending: the next run audits and plans WEBUI again and completes.
    model.override = undefined;
    const again = await runCliAsync(['audit'], project.root, { env });
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /Changed since the last audit: \.\/specs\/webui\.smd/);
    assert.match(again.stdout, /WEBUI: 2 task\(s\) planned/);
  });
}

test('Ctrl-C stops the run cleanly with exit 130 and nothing half-written', async () => {
  server = await startScriptedServer();
  let child: ChildProcess | undefined;
  serveModel(server, {
    override: (_request, kind) => {
      if (kind !== 'planner') return undefined;
      setTimeout(() => child?.kill('SIGINT'), 50);
      return reply.slow(30_000, reply.toolUse('SpecTaskPlan', { tasks: [] }));
    },
  });
  project = copyCorpusProject('markman');
  const run = await runCliAsync(['audit'], project.root, {
    env: modelEnv(server.url),
    onSpawn: (spawned) => {
      child = spawned;
    },
  });
  assert.equal(run.status, 130, run.stderr);
  assert.match(run.stderr, /Interrupted\. Nothing is half-written/);
  assert.match(run.stdout, /LLM usage so far: /);
  assert.ok(!project.exists('plan.toml'));
  assert.ok(!project.exists('manifest.toml'));
  assert.ok(!project.exists('snapshots'));
  assert.deepEqual(leftovers(project), []);
});
