import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { copyCorpusProject, modelEnv, runCliAsync, type TempProject } from '../support/audit-run/cli-project';
import { callsOf, type Override, serveModel, specOf, userText } from '../support/audit-run/scripted-model';
import { type ScriptedServer, startScriptedServer } from '../support/scripted-messages-server';
import { reply } from '../support/scripted-replies';

let server: ScriptedServer | undefined;
let project: TempProject | undefined;
afterEach(async () => {
  await server?.close();
  project?.remove();
  server = undefined;
  project = undefined;
});

const VAGUE = 'Opens (or creates) the SQLite database file at the given path';
const CLEAR = 'Opens (or creates, with mode 0600) the SQLite database file at the given path';

const finding = (location: string) => ({
  severity: 'error',
  location,
  issue: 'The file permissions of a new database are not specified.',
  suggestion: 'Say that a new database file is created with mode 0600.',
});

/** The number of model turns so far in a fixer conversation. */
const turn = (body: { messages: unknown[] }) => (body.messages.length - 1) / 2;

/**
 * STORAGE: an ERROR finding until the spec says "mode 0600"; the fixer first sends an edit that does not
 * match (fed back as a retryable error), then the right one. WEBUI: an ERROR finding the fixer "fixes" by
 * deleting the Requirements heading, which breaks the spec, so the edit is undone.
 */
const script: Override = (request, kind) => {
  const text = userText(request.body);
  if (kind === 'spec-audit' && specOf(request) === 'STORAGE') {
    return reply.toolUse('SpecAuditReport', {
      findings: text.includes('mode 0600') ? [] : [finding('Requirements > Initialize Database, L28')],
    });
  }
  if (kind === 'spec-audit' && specOf(request) === 'WEBUI') {
    return reply.toolUse('SpecAuditReport', { findings: [finding('Requirements, L24')] });
  }
  if (kind !== 'fixer') return undefined;
  const n = turn(request.body);
  if (text.includes('`storage.smd`')) {
    if (n === 0)
      return reply.toolUse('grep_file', { path: 'storage.smd', pattern: 'opens \\(or creates\\)' });
    if (n === 1)
      return reply.toolUse('edit_file', {
        path: 'storage.smd',
        edits: [{ old: 'Opens or creates', new: 'x' }],
      });
    if (n === 2)
      return reply.toolUse('edit_file', { path: 'storage.smd', edits: [{ old: VAGUE, new: CLEAR }] });
    return reply.text('Said that a new database file gets mode 0600.');
  }
  if (text.includes('`webui.smd`')) {
    if (n === 0)
      return reply.toolUse('edit_file', {
        path: 'webui.smd',
        edits: [{ old: '## Requirements\n', new: '' }],
      });
    return reply.text('Removed the heading.');
  }
  return undefined;
};

test('auto-fix edits a spec through edit_file, re-audits it, and undoes an edit that breaks a spec', async () => {
  server = await startScriptedServer();
  const model = serveModel(server, { override: script });
  project = copyCorpusProject('markman');
  const storage = join(project.root, 'specs', 'storage.smd');
  const webui = join(project.root, 'specs', 'webui.smd');
  const webuiBefore = readFileSync(webui, 'utf8');
  const run = await runCliAsync(['audit'], project.root, { env: modelEnv(server.url) });

  // STORAGE was fixed and re-audited clean; the failed edit was fed back to the model first.
  assert.match(readFileSync(storage, 'utf8'), /Opens \(or creates, with mode 0600\) the SQLite/);
  assert.equal(callsOf(model, 'spec-audit', 'STORAGE'), 2);
  const fixerCalls = model.calls.filter(
    (c) => c.kind === 'fixer' && userText(c.request.body).includes('`storage.smd`'),
  );
  assert.equal(fixerCalls.length, 4);
  const grep = fixerCalls[1]!.request.body.messages.at(-1).content[0];
  assert.match(grep.content, /^L28: Opens \(or creates\) the SQLite/m);
  const failed = fixerCalls[2]!.request.body.messages.at(-1).content[0];
  assert.equal(failed.is_error, true);
  assert.match(failed.content, /does not occur in the file/);
  assert.match(project.read('audits', 'STORAGE', 'prompt.md'), /mode 0600/);
  assert.deepEqual(JSON.parse(project.read('audits', 'STORAGE', 'response.json')), { findings: [] });

  // WEBUI's broken edit was undone; its error stays, so the run exits 1.
  assert.equal(readFileSync(webui, 'utf8'), webuiBefore);
  assert.match(
    run.stdout,
    /WEBUI: the fix for "The file permissions of a new database are not specified\." was undone because webui\.smd: it no longer parses/,
  );
  assert.match(run.stdout, /WEBUI: no edits made/);
  assert.equal(callsOf(model, 'spec-audit', 'WEBUI'), 1);
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.match(run.stderr, /^Error: Audit completed with 1 unresolved error\(s\)\. Fix them/m);
  assert.ok(project.exists('plan.toml'), 'the plan is written even when errors remain');
  const report = project.read('audit-report.md');
  assert.match(report, /## WEBUI Findings\n\n### ERROR: Requirements, L24\n/);
  const findings = JSON.parse(project.read('audit-findings.json'));
  assert.deepEqual(
    findings.findings.map((f: { specs: string[]; file: string; line: number }) => [
      f.specs[0],
      f.file,
      f.line,
    ]),
    [['WEBUI', 'specs/webui.smd', 24]],
  );

  // The manifest holds the fixed STORAGE, so nothing is re-audited; --errors-ok accepts the remaining error.
  const requests = server.requests.length;
  const again = await runCliAsync(['audit', '--errors-ok'], project.root, { env: modelEnv(server.url) });
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /Audit completed with 1 unresolved error\(s\)\. Continuing \(--errors-ok\)/);
  assert.equal(server.requests.length, requests, again.stdout);
});

test('--no-fix reports findings without calling the fixer; -i with --no-fix is a usage error', async () => {
  server = await startScriptedServer();
  const model = serveModel(server, { override: script });
  project = copyCorpusProject('markman');
  const env = modelEnv(server.url);
  const clash = await runCliAsync(['audit', '-i', '--no-fix'], project.root, { env });
  assert.equal(clash.status, 2);
  assert.match(clash.stderr, /^Error: --interactive and --no-fix are mutually exclusive/);
  assert.equal(server.requests.length, 0);

  const run = await runCliAsync(['audit', '--no-fix'], project.root, { env });
  assert.equal(run.status, 1);
  assert.equal(callsOf(model, 'fixer'), 0);
  assert.match(run.stdout, /STORAGE: 1 error\(s\)/);
  assert.match(run.stdout, /ERROR {3}Requirements > Initialize Database, L28 The file permissions/);
  assert.match(run.stderr, /Audit completed with 2 unresolved error\(s\)/);
});

test('interactive mode asks before fixing; answering no keeps the spec as it is', async () => {
  server = await startScriptedServer();
  const model = serveModel(server, { override: script });
  project = copyCorpusProject('markman');
  const run = await runCliAsync(['audit', '-i', '--errors-ok'], project.root, {
    env: modelEnv(server.url),
    input: 'n\nn\n',
  });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /Auto-fix 1 finding\(s\) in STORAGE\? \[Y\/n\]/);
  assert.match(run.stdout, /Auto-fix 1 finding\(s\) in WEBUI\? \[Y\/n\]/);
  assert.equal(callsOf(model, 'fixer'), 0);
  assert.doesNotMatch(readFileSync(join(project.root, 'specs', 'storage.smd'), 'utf8'), /mode 0600/);
});
