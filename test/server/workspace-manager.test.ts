import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DidChangeWorkspaceFoldersNotification, FileChangeType } from 'vscode-languageserver-protocol';
import { ReloadRequest } from '../../shared/src/protocol';
import { makeProject, validSmd } from '../support/project';
import { BROKEN_PLAN } from './broken-projects';
import { LspTestClient, uriOf } from './harness';

const codes = (client: LspTestClient, file: string) => client.diagnosticsOf(file).map((d) => d.code);

test('editing spec_dir in an open ossature.toml moves the project to the other folder', async () => {
  const root = makeProject({
    'specs/a.smd': validSmd('A', ['NOPE']),
    'other/b.smd': validSmd('B', ['GONE']),
  });
  const client = await LspTestClient.start([root]);
  try {
    const a = join(root, 'specs', 'a.smd');
    const b = join(root, 'other', 'b.smd');
    assert.deepEqual(codes(client, a), ['OSS400']);
    assert.deepEqual(codes(client, b), [], 'other/ is not the spec folder');
    const config = join(root, 'ossature.toml');
    await client.open(config);
    const cleared = client.nextDiagnostics(a);
    const found = client.nextDiagnostics(b);
    await client.replace(config, 'name = "fixture"', 'name = "fixture"\nspec_dir = "other"');
    assert.deepEqual(await cleared, []);
    assert.deepEqual(
      (await found).map((d) => d.code),
      ['OSS400'],
    );
  } finally {
    await client.stop();
  }
});

test('plan.toml: its diagnostics follow edits of the open plan and its deletion on disk', async () => {
  const root = makeProject({ 'specs/alpha.smd': validSmd('ALPHA') });
  const plan = join(root, '.ossature', 'plan.toml');
  mkdirSync(join(root, '.ossature'));
  writeFileSync(
    plan,
    BROKEN_PLAN.replace('spec = "ALPHX"', 'spec = "ALPHA"')
      .replace('["009"]', '["001"]')
      .replace('Requirements > Nothing Like This', 'Requirements > Main Operation'),
  );
  const client = await LspTestClient.start([root]);
  try {
    assert.deepEqual(codes(client, plan), []);
    await client.open(plan);
    const broken = client.nextDiagnostics(plan);
    await client.replace(plan, 'depends_on = ["001"]', 'depends_on = ["007"]');
    assert.deepEqual(
      (await broken).map((d) => d.code),
      ['OSS611'],
    );
    await client.close(plan);
    await client.sync();
    assert.deepEqual(codes(client, plan), [], 'closed: back to the disk text');
    writeFileSync(plan, 'not toml [');
    const syntax = client.nextDiagnostics(plan);
    await client.filesChanged([{ file: plan, type: FileChangeType.Changed }]);
    assert.deepEqual(
      (await syntax).map((d) => d.code),
      ['OSS600'],
    );
    rmSync(join(root, '.ossature'), { recursive: true });
    const gone = client.nextDiagnostics(plan);
    await client.filesChanged([{ file: join(root, '.ossature'), type: FileChangeType.Deleted }]);
    assert.deepEqual(await gone, [], 'a deleted folder takes its plan with it');
  } finally {
    await client.stop();
  }
});

test('projects below a workspace folder are found, and folders can come and go', async () => {
  const outer = makeProject({});
  rmSync(join(outer, 'ossature.toml'));
  const one = join(outer, 'apps', 'one');
  const two = join(outer, 'libs', 'two');
  for (const [dir, id] of [
    [one, 'ONE'],
    [two, 'TWO'],
  ] as const) {
    mkdirSync(join(dir, 'specs'), { recursive: true });
    writeFileSync(
      join(dir, 'ossature.toml'),
      '[project]\nname = "p"\n\n[llm]\nmodel = "anthropic:claude-sonnet-4-6"\n',
    );
    writeFileSync(join(dir, 'specs', 'x.smd'), validSmd(id, ['MISSING']));
  }
  const elsewhere = makeProject({ 'specs/e.smd': validSmd('E', ['NOPE']) });
  const client = await LspTestClient.start([outer]);
  try {
    assert.deepEqual(
      client.statuses.at(-1)?.projects.map((p) => p.root),
      [one, two],
    );
    assert.deepEqual(codes(client, join(one, 'specs', 'x.smd')), ['OSS400']);
    assert.deepEqual(codes(client, join(two, 'specs', 'x.smd')), ['OSS400']);

    const added = client.nextDiagnostics(join(elsewhere, 'specs', 'e.smd'));
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: [{ uri: uriOf(elsewhere), name: 'e' }], removed: [] },
    });
    assert.deepEqual(
      (await added).map((d) => d.code),
      ['OSS400'],
    );
    const removed = client.nextDiagnostics(join(one, 'specs', 'x.smd'));
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: [], removed: [{ uri: uriOf(outer), name: 'outer' }] },
    });
    assert.deepEqual(await removed, [], 'a removed folder clears its projects');
    const summary = await client.sync();
    assert.deepEqual(
      summary.projects.map((p) => p.root),
      [elsewhere],
    );
    const quiet = client.waitForStatus((s) => s.state === 'noProject');
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: [], removed: [{ uri: uriOf(elsewhere), name: 'e' }] },
    });
    await quiet;
    assert.deepEqual(client.filesWithDiagnostics(), [], 'nothing left on screen');
  } finally {
    await client.stop();
  }
});

test('ossature/reload reads every project from disk again', async () => {
  const root = makeProject({ 'specs/a.smd': validSmd('A') });
  const client = await LspTestClient.start([root]);
  try {
    writeFileSync(join(root, 'specs', 'b.smd'), validSmd('B', ['NOPE']));
    const found = client.nextDiagnostics(join(root, 'specs', 'b.smd'));
    const result = await client.connection.sendRequest(ReloadRequest);
    assert.equal(result.state, 'ready');
    assert.equal(result.projects[0]?.smd, 2);
    assert.deepEqual(
      (await found).map((d) => d.code),
      ['OSS400'],
    );
  } finally {
    await client.stop();
  }
});
