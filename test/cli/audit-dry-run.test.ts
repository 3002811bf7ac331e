import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { copyCorpusProject, modelEnv, runCliAsync, type TempProject } from '../support/audit-run/cli-project';
import { serveModel } from '../support/audit-run/scripted-model';
import { type ScriptedServer, startScriptedServer } from '../support/scripted-messages-server';

let server: ScriptedServer | undefined;
let project: TempProject | undefined;
afterEach(async () => {
  await server?.close();
  project?.remove();
  server = undefined;
  project = undefined;
});

test('--dry-run calls no model, writes nothing, and estimates tokens and cost (no key needed)', async () => {
  server = await startScriptedServer();
  serveModel(server);
  project = copyCorpusProject('markman');
  const run = await runCliAsync(['audit', '--dry-run'], project.root, {
    env: { ANTHROPIC_BASE_URL: server.url, ANTHROPIC_API_KEY: '' },
  });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(server.requests.length, 0);
  assert.ok(!existsSync(join(project.root, '.ossature')), 'nothing is written');
  assert.match(run.stdout, /^Dry run — no model is called and nothing is written\./m);
  assert.match(run.stdout, /^Spec audits: CLI, STORAGE, WEBUI$/m);
  assert.match(run.stdout, /^Cross-spec audit: yes$/m);
  assert.match(run.stdout, /^Briefs to write: project, CLI, STORAGE, WEBUI$/m);
  assert.match(
    run.stdout,
    /^Interfaces to write: STORAGE \(inferred\), CLI \(inferred\), WEBUI \(inferred\)$/m,
  );
  assert.match(run.stdout, /^Planning: full \(no-plan\); planner calls for STORAGE, CLI, WEBUI$/m);
  assert.match(run.stdout, /planner +STORAGE +audit\.plan_initial +anthropic:claude-sonnet-4-6/);
  assert.match(run.stdout, /^Estimate: ~\d+(\.\d)?k in, ~\d+(\.\d)?k out, ~\$0\.\d+ for 14 call\(s\)$/m);
  assert.match(run.stdout, /4 characters per token/);
  assert.match(run.stdout, /Note: ANTHROPIC_API_KEY is not set.*A real run stops here\./);
});

test('--dry-run after an audit shows only what an edit would redo', async () => {
  server = await startScriptedServer();
  serveModel(server);
  project = copyCorpusProject('markman');
  const env = modelEnv(server.url);
  assert.equal((await runCliAsync(['audit'], project.root, { env })).status, 0);
  const requests = server.requests.length;
  const webui = join(project.root, 'specs', 'webui.smd');
  writeFileSync(webui, readFileSync(webui, 'utf8').replace('Health check endpoint', 'Liveness endpoint'));
  const before = project.snapshot();
  const run = await runCliAsync(['audit', '--dry-run'], project.root, { env });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(server.requests.length, requests);
  assert.deepEqual(project.snapshot(), before);
  assert.match(run.stdout, /^Spec audits: WEBUI$/m);
  assert.match(run.stdout, /^Briefs to write: none$/m);
  assert.match(run.stdout, /^Planning: incremental \(specs-audited\); planner calls for WEBUI$/m);
  assert.match(run.stdout, /planner +WEBUI +audit\.plan_replan/);
  assert.match(run.stdout, /for 4 call\(s\)$/m);
});

test('exit codes: missing key and unsupported provider are configuration errors (2), invalid specs fail (1)', async () => {
  project = copyCorpusProject('markman');
  const noKey = await runCliAsync(['audit'], project.root, { env: { ANTHROPIC_API_KEY: '' } });
  assert.equal(noKey.status, 2);
  assert.match(noKey.stderr, /^Error: ANTHROPIC_API_KEY is not set/);
  assert.match(noKey.stderr, /export ANTHROPIC_API_KEY=sk-ant-\.\.\./);
  assert.ok(!existsSync(join(project.root, '.ossature')), 'checked before any work');

  const config = join(project.root, 'ossature.toml');
  writeFileSync(config, readFileSync(config, 'utf8').replace('anthropic:claude-sonnet-4-6', 'openai:gpt-5'));
  const provider = await runCliAsync(['audit'], project.root, { env: { ANTHROPIC_API_KEY: 'sk-test' } });
  assert.equal(provider.status, 2);
  assert.match(provider.stderr, /provider "openai" is not supported/);
  writeFileSync(config, readFileSync(config, 'utf8').replace('openai:gpt-5', 'anthropic:claude-sonnet-4-6'));

  const cli = join(project.root, 'specs', 'cli.smd');
  writeFileSync(cli, readFileSync(cli, 'utf8').replace('## Requirements', '## Requirement list'));
  const invalid = await runCliAsync(['audit'], project.root, { env: { ANTHROPIC_API_KEY: 'sk-test' } });
  assert.equal(invalid.status, 1);
  assert.equal(invalid.stderr, 'Error: Specs invalid. Run `ossature validate` to see errors.\n');
});

test('a project without spec files says so and exits 0', async () => {
  project = copyCorpusProject('markman');
  rmSync(join(project.root, 'specs'), { recursive: true });
  mkdirSync(join(project.root, 'specs'));
  const run = await runCliAsync(['audit'], project.root, { env: { ANTHROPIC_API_KEY: 'sk-test' } });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /No spec files found\./);
});
