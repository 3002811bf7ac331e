import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, test } from 'node:test';
import { BeforeSnapshot } from '../../shared/src/build/run/before-snapshot';
import { runBuild } from '../../shared/src/build/run/run-build';
import { type BeforeManifest, parseBeforeManifest } from '../../shared/src/model/before-snapshot';
import type { PlanTaskInput } from '../../shared/src/model/plan';
import { writePlanFile } from '../../shared/src/store/plan-file';
import { BUILD_CONFIG, makeTrioProject, planOf, statuses } from '../support/build-fixture';
import { makeWorld, type World } from '../support/build-tools';
import { TEST_KEY } from '../support/llm-harness';
import { makeProject, validSmd } from '../support/project';
import { type BuildModel, createBuildModel, defaultContent } from '../support/scripted-build-model';
import { type ScriptedServer, startScriptedServer } from '../support/scripted-messages-server';

/**
 * The "before" snapshot of a task run (`.ossature/tasks/<id>-<slug>/before/` + `before.json`): what the
 * editor's per-task review diffs against. Through the tools' sandbox, and through real builds (the scripted
 * model over HTTP) of model tasks and copy tasks.
 */

const PNG_OLD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0xff, 0x00, 0x10, 0x80]);
const PNG_NEW = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 255, 0]);

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const dispose of cleanup) dispose();
  cleanup = [];
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ossature-before-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function manifestOf(taskDir: string): BeforeManifest {
  const manifest = parseBeforeManifest(readFileSync(join(taskDir, 'before.json'), 'utf8'));
  assert.ok(manifest, `${taskDir}/before.json is not a before manifest`);
  return manifest;
}

/** A sandbox world whose tool writes are noted in a snapshot kept in a task folder outside it. */
function snapshotWorld(): { world: World; taskDir: string; snapshot: () => BeforeSnapshot } {
  let snapshot: BeforeSnapshot | undefined;
  const world = makeWorld({ beforeFirstWrite: (rel) => snapshot?.note(rel) });
  cleanup.push(() => world.dispose());
  const taskDir = join(tempDir(), 'tasks', '001-core');
  mkdirSync(taskDir, { recursive: true });
  snapshot = new BeforeSnapshot(taskDir, { root: world.root, outputDir: world.out });
  return { world, taskDir, snapshot: () => snapshot as BeforeSnapshot };
}

test('tool writes keep each file’s content from before the task’s first write, bytes for binary files', async () => {
  const { world, taskDir } = snapshotWorld();
  mkdirSync(join(world.out, 'src'));
  writeFileSync(join(world.out, 'src', 'app.ts'), 'export const top = 1;\n');
  writeFileSync(join(world.out, 'logo.png'), PNG_OLD);
  writeFileSync(join(world.ctx, 'logo.png'), PNG_NEW);

  await world.call('write_file', { path: 'src/new.ts', content: 'export const made = 1;\n' });
  await world.call('edit_file', { path: 'src/app.ts', edits: [{ old: 'top = 1', new: 'top = 2' }] });
  // Touched again: the snapshot keeps the content from before the first write.
  await world.call('write_file', { path: 'src/app.ts', content: 'rewritten\n' });
  await world.call('write_file', { path: 'src/new.ts', content: 'second version\n' });
  await world.call('copy_context_file', { context_path: 'logo.png', dest_path: './logo.png' });

  const manifest = manifestOf(taskDir);
  assert.equal(manifest.outputDir, 'out');
  assert.deepEqual(manifest.files, [
    { path: 'src/new.ts', existed: false },
    { path: 'src/app.ts', existed: true },
    { path: 'logo.png', existed: true },
  ]);
  assert.equal(readFileSync(join(taskDir, 'before', 'src', 'app.ts'), 'utf8'), 'export const top = 1;\n');
  assert.deepEqual(readFileSync(join(taskDir, 'before', 'logo.png')), PNG_OLD);
  assert.equal(existsSync(join(taskDir, 'before', 'src', 'new.ts')), false);
  // The task's files themselves are as the tools left them.
  assert.deepEqual(readFileSync(join(world.out, 'logo.png')), PNG_NEW);
  assert.equal(readFileSync(join(world.out, 'src', 'app.ts'), 'utf8'), 'rewritten\n');
});

test('a refused write records nothing; a new run of the task clears the last run’s snapshot', async () => {
  const { world, taskDir } = snapshotWorld();
  writeFileSync(join(world.out, 'kept.txt'), 'old\n');
  await assert.rejects(world.call('write_file', { path: '../escape.txt', content: 'x' }), /Access denied/);
  await world.call('write_file', { path: 'kept.txt', content: 'new\n' });
  assert.equal(readFileSync(join(taskDir, 'before', 'kept.txt'), 'utf8'), 'old\n');
  assert.deepEqual(manifestOf(taskDir).files, [{ path: 'kept.txt', existed: true }]);

  const next = new BeforeSnapshot(taskDir, { root: world.root, outputDir: world.out });
  assert.deepEqual(manifestOf(taskDir).files, []);
  assert.equal(existsSync(join(taskDir, 'before')), false);
  next.note('kept.txt');
  assert.equal(readFileSync(join(taskDir, 'before', 'kept.txt'), 'utf8'), 'new\n');
});

test('before.json that is not a manifest is refused rather than trusted', () => {
  assert.equal(parseBeforeManifest('not json'), undefined);
  assert.equal(parseBeforeManifest('{"files": []}'), undefined);
  assert.equal(
    parseBeforeManifest('{"outputDir": "out", "files": [{"path": "../etc/passwd", "existed": true}]}'),
    undefined,
  );
  assert.deepEqual(parseBeforeManifest('{"outputDir": ".", "files": [{"path": "a/b", "existed": false}]}'), {
    outputDir: '.',
    files: [{ path: 'a/b', existed: false }],
  });
});

let server: ScriptedServer;
let model: BuildModel;
before(async () => {
  model = createBuildModel();
  server = await startScriptedServer({ expectedKey: TEST_KEY, respond: (request) => model.respond(request) });
});
after(() => server.close());

function build(root: string, options: { only?: string; force?: boolean } = {}) {
  return runBuild({
    configFile: join(root, 'ossature.toml'),
    auto: true,
    env: { ...process.env, ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: server.url },
    ...options,
  });
}

test('build: a model task’s first run records its files as new; a rerun keeps what they held before it', async () => {
  model.reset();
  model.options = {};
  const root = makeTrioProject();
  cleanup.push(() => rmSync(root, { recursive: true, force: true }));
  const first = await build(root);
  assert.equal(first.exitCode, 0);
  const taskDir = join(root, '.ossature', 'tasks', '001-core-add-module');
  assert.deepEqual(manifestOf(taskDir), {
    outputDir: 'output',
    files: [{ path: 'src/core.mjs', existed: false }],
  });

  // Edited by hand, then the task runs again with a different answer from the model.
  writeFileSync(join(root, 'output', 'src', 'core.mjs'), 'export const add = (a, b) => a + b; // mine\n');
  model.options = { contentFor: (path) => `${defaultContent(path)}// second run\n` };
  const second = await build(root, { only: '001', force: true });
  assert.equal(second.exitCode, 0);
  assert.equal(statuses(root)['001'], 'done');
  assert.deepEqual(manifestOf(taskDir).files, [{ path: 'src/core.mjs', existed: true }]);
  assert.equal(
    readFileSync(join(taskDir, 'before', 'src', 'core.mjs'), 'utf8'),
    'export const add = (a, b) => a + b; // mine\n',
  );
  assert.match(readFileSync(join(root, 'output', 'src', 'core.mjs'), 'utf8'), /second run/);
  // Other tasks did not run, so their snapshots are still their first run's.
  assert.deepEqual(manifestOf(join(root, '.ossature', 'tasks', '002-core-helpers')).files, [
    { path: 'src/core-helpers.mjs', existed: false },
  ]);
});

test('build: a copy task keeps the binary files it overwrites byte for byte', async () => {
  model.reset();
  model.options = {};
  const root = makeProject({
    'ossature.toml': BUILD_CONFIG,
    'specs/yep.smd': validSmd('YEP'),
  });
  cleanup.push(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'context', 'assets'), { recursive: true });
  writeFileSync(join(root, 'context', 'assets', 'logo.png'), PNG_NEW);
  writeFileSync(join(root, 'context', 'assets', 'icon.png'), PNG_NEW);
  mkdirSync(join(root, 'output', 'public'), { recursive: true });
  writeFileSync(join(root, 'output', 'public', 'logo.png'), PNG_OLD);
  const copy: PlanTaskInput = {
    id: '001',
    spec: 'YEP',
    title: 'Copy the images',
    description: 'Copy the images unchanged.',
    outputs: ['public/*.png'],
    source: ['context://assets/*.png'],
    depends_on: [],
    spec_refs: [],
    arch_refs: [],
    verify: [],
  };
  writePlanFile(join(root, '.ossature', 'plan.toml'), planOf([copy]));
  const run = await build(root);
  assert.equal(run.exitCode, 0);
  const taskDir = join(root, '.ossature', 'tasks', '001-copy-the-images');
  assert.deepEqual(manifestOf(taskDir).files, [
    { path: 'public/icon.png', existed: false },
    { path: 'public/logo.png', existed: true },
  ]);
  assert.deepEqual(readFileSync(join(taskDir, 'before', 'public', 'logo.png')), PNG_OLD);
  assert.deepEqual(readFileSync(join(root, 'output', 'public', 'logo.png')), PNG_NEW);
});
