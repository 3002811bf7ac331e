import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { rangeIn } from '../support/find';
import { makeProject, validSmd } from '../support/project';
import { brokenProject } from './broken-projects';
import { LspTestClient, uriOf } from './harness';

const codes = (client: LspTestClient, file: string) => client.diagnosticsOf(file).map((d) => d.code);

test('on start-up every file of the project gets its diagnostics, none of them opened', async () => {
  const root = brokenProject();
  const client = await LspTestClient.start([root]);
  try {
    const specs = join(root, 'specs');
    assert.deepEqual(codes(client, join(specs, 'alpha.smd')), ['OSS400', 'OSS500']);
    assert.deepEqual(codes(client, join(specs, 'alpha.amd')), ['OSS402']);
    assert.deepEqual(codes(client, join(specs, 'alpha.vmd')), ['OSS501', 'OSS452']);
    assert.deepEqual(codes(client, join(specs, 'nested', 'legacy.smd')), ['OSS104', 'OSS500']);
    assert.deepEqual(codes(client, join(root, 'ossature.toml')), ['OSS005']);
    assert.deepEqual(codes(client, join(root, '.ossature', 'plan.toml')), ['OSS630', 'OSS611']);
    const d = client.diagnosticsOf(join(specs, 'alpha.smd'))[0]!;
    assert.equal(d.source, 'ossature');
    assert.equal(d.severity, 1);
    assert.match(String(d.message), /dependency GAMA that doesn't exist/);
    const status = client.statuses.at(-1)!;
    assert.equal(status.state, 'ready');
    assert.equal(status.projects.length, 1);
    assert.equal(status.projects[0]!.smd, 4);
    assert.equal(status.projects[0]!.errors, 5);
    assert.equal(status.projects[0]!.warnings, 7);
  } finally {
    await client.stop();
  }
});

test('a keystroke that breaks a spec publishes its new diagnostic; fixing it clears it', async () => {
  const root = makeProject({ 'specs/a.smd': validSmd('A'), 'specs/b.smd': validSmd('B', ['A']) });
  const client = await LspTestClient.start([root]);
  try {
    const file = join(root, 'specs', 'a.smd');
    assert.deepEqual(client.filesWithDiagnostics(), [], 'a clean project publishes nothing');
    await client.open(file);
    const broken = client.nextDiagnostics(file);
    await client.replace(file, 'status: draft', 'status: drafty');
    const after = await broken;
    const status = after.find((d) => d.code === 'OSS120');
    assert.ok(status, JSON.stringify(after));
    assert.deepEqual(status.range, rangeIn(client.text(file), 'status: drafty', 'drafty'));
    const fixed = client.nextDiagnostics(file);
    await client.replace(file, 'drafty', 'draft');
    assert.deepEqual(await fixed, []);
  } finally {
    await client.stop();
  }
});

test('editing an id in one file updates the diagnostics of the files that depend on it', async () => {
  const root = makeProject({
    'specs/store.smd': validSmd('STORE'),
    'specs/cli.smd': validSmd('CLI', ['STORE']),
    'specs/web.smd': validSmd('WEB', ['STORE']),
  });
  const client = await LspTestClient.start([root]);
  try {
    const store = join(root, 'specs', 'store.smd');
    const cli = join(root, 'specs', 'cli.smd');
    const web = join(root, 'specs', 'web.smd');
    await client.open(store);
    const cliBroken = client.nextDiagnostics(cli, (d) => d.some((x) => x.code === 'OSS400'));
    const webBroken = client.nextDiagnostics(web, (d) => d.some((x) => x.code === 'OSS400'));
    await client.replace(store, 'id: STORE', 'id: STORAGE');
    for (const d of [await cliBroken, await webBroken]) {
      const unknown = d.find((x) => x.code === 'OSS400')!;
      assert.match(String(unknown.message), /dependency STORE that doesn't exist/);
    }
    const cliFixed = client.nextDiagnostics(cli);
    const webFixed = client.nextDiagnostics(web);
    await client.replace(store, 'id: STORAGE', 'id: STORE');
    assert.deepEqual(await cliFixed, []);
    assert.deepEqual(await webFixed, []);
  } finally {
    await client.stop();
  }
});

test('changes on disk arrive through didChangeWatchedFiles: created, changed and deleted files', async () => {
  const root = makeProject({ 'specs/a.smd': validSmd('A') });
  const client = await LspTestClient.start([root]);
  try {
    const a = join(root, 'specs', 'a.smd');
    const b = join(root, 'specs', 'b.smd');
    writeFileSync(b, validSmd('B', ['A', 'MISSING']));
    const created = client.nextDiagnostics(b);
    await client.filesChanged([{ file: b, type: FileChangeType.Created }]);
    assert.deepEqual(
      (await created).map((d) => d.code),
      ['OSS400'],
    );

    writeFileSync(b, validSmd('B', ['A']));
    const changed = client.nextDiagnostics(b);
    await client.filesChanged([{ file: b, type: FileChangeType.Changed }]);
    assert.deepEqual(await changed, []);

    rmSync(a);
    const dependent = client.nextDiagnostics(b);
    await client.filesChanged([{ file: a, type: FileChangeType.Deleted }]);
    assert.deepEqual(
      (await dependent).map((d) => d.code),
      ['OSS400'],
    );
  } finally {
    await client.stop();
  }
});

test('deleting a file with diagnostics clears them', async () => {
  const root = makeProject({ 'specs/a.smd': validSmd('A', ['NOPE']) });
  const client = await LspTestClient.start([root]);
  try {
    const a = join(root, 'specs', 'a.smd');
    assert.deepEqual(codes(client, a), ['OSS400']);
    rmSync(a);
    const cleared = client.nextDiagnostics(a);
    await client.filesChanged([{ file: a, type: FileChangeType.Deleted }]);
    assert.deepEqual(await cleared, []);
  } finally {
    await client.stop();
  }
});

test('stale diagnostics are cleared and unchanged files are not published again', async () => {
  const root = makeProject({
    'specs/a.smd': validSmd('A', ['NOPE']),
    'specs/b.smd': validSmd('B'),
    'specs/c.smd': validSmd('C'),
  });
  const client = await LspTestClient.start([root]);
  try {
    const a = join(root, 'specs', 'a.smd');
    const c = join(root, 'specs', 'c.smd');
    assert.equal(client.publishCount.get(uriOf(c)), undefined, 'a file without diagnostics is not published');
    await client.open(a);
    await client.open(c);
    const fixed = client.nextDiagnostics(a);
    await client.replace(a, 'depends: [NOPE]', 'depends: [B]');
    assert.deepEqual(await fixed, []);
    await client.replace(c, '## Overview', '## Overview\n\nMore words.');
    await client.sync();
    assert.equal(client.publishCount.get(uriOf(a)), 2, 'a.smd: once broken, once cleared');
    assert.equal(client.publishCount.get(uriOf(c)), undefined, 'c.smd: nothing changed, nothing sent');

    // Closing an edited document goes back to the disk's text, and its old diagnostics.
    const reverted = client.nextDiagnostics(a);
    await client.close(a);
    assert.deepEqual(
      (await reverted).map((d) => d.code),
      ['OSS400'],
    );
  } finally {
    await client.stop();
  }
});

test('an open document that is not saved yet joins the project, and leaves it when closed', async () => {
  const root = makeProject({ 'specs/a.smd': validSmd('A') });
  const client = await LspTestClient.start([root]);
  try {
    const draft = join(root, 'specs', 'draft.smd');
    const published = client.nextDiagnostics(draft);
    await client.open(draft, validSmd('DRAFT', ['A', 'ZZZ']));
    assert.ok((await published).some((d) => d.code === 'OSS400'));
    const cleared = client.nextDiagnostics(draft);
    await client.close(draft);
    assert.deepEqual(await cleared, []);
  } finally {
    await client.stop();
  }
});

test('a folder without ossature.toml keeps the server quiet until one appears', async () => {
  const root = makeProject({});
  rmSync(join(root, 'ossature.toml'));
  const client = await LspTestClient.start([root]);
  try {
    assert.equal(client.statuses.at(-1)?.state, 'noProject');
    assert.deepEqual(client.filesWithDiagnostics(), []);
    writeFileSync(join(root, 'ossature.toml'), '[project]\nname = "late"\n');
    const ready = client.waitForStatus((s) => s.state === 'ready');
    await client.filesChanged([{ file: join(root, 'ossature.toml'), type: FileChangeType.Created }]);
    const status = await ready;
    assert.equal(status.projects[0]?.name, 'late');
    assert.ok(codes(client, join(root, 'ossature.toml')).includes('OSS002'), 'no [llm] section');

    const gone = client.nextDiagnostics(join(root, 'ossature.toml'));
    const quiet = client.waitForStatus((s) => s.state === 'noProject');
    rmSync(join(root, 'ossature.toml'));
    await client.filesChanged([{ file: join(root, 'ossature.toml'), type: FileChangeType.Deleted }]);
    assert.deepEqual(await gone, [], 'a deleted project clears its diagnostics');
    await quiet;
  } finally {
    await client.stop();
  }
});
