import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildGraphFile, graphFileOrder } from '../../shared/src/audit/graph';
import {
  CONFIG_SOURCE_KEY,
  changedSpecIds,
  compareManifests,
  computeManifestSources,
  createManifest,
  sha256Digest,
  sourceSpecMap,
  specSourceFiles,
} from '../../shared/src/audit/manifest';
import { Workspace } from '../../shared/src/project/workspace';
import { readManifestFile, renderManifestText } from '../../shared/src/store/manifest-file';
import { loadCorpusProject } from '../support/audit/corpus-project';
import { makeProject, validSmd } from '../support/project';

for (const name of ['spenny', 'markman'] as const) {
  test(`${name}: manifest [sources] recomputed from the files equals the original's manifest.toml`, () => {
    const project = loadCorpusProject(name);
    const stored = readManifestFile(join(project.root, '.ossature', 'manifest.toml'))!.manifest;
    const sources = computeManifestSources(project.root, specSourceFiles(project.workspace.index));
    assert.deepEqual(sources, stored.sources);
  });

  test(`${name}: with the previous key order the whole manifest.toml is rewritten byte for byte`, () => {
    const project = loadCorpusProject(name);
    const text = project.read('manifest.toml');
    const previous = readManifestFile(join(project.root, '.ossature', 'manifest.toml'))!.manifest;
    const sources = computeManifestSources(project.root, specSourceFiles(project.workspace.index), {
      previousOrder: project.manifestOrder,
    });
    const manifest = createManifest(sources, previous);
    assert.equal(renderManifestText(manifest), text);
    assert.deepEqual(compareManifests(manifest, previous), { kind: 'unchanged', keys: [] });
  });
}

test('keys are ./-relative for spec files and bare for ossature.toml; files are grouped SMD, AMD, VMD', () => {
  const project = loadCorpusProject('yep');
  const sources = computeManifestSources(project.root, specSourceFiles(project.workspace.index));
  assert.deepEqual(Object.keys(sources), [
    './specs/YEP.smd',
    './specs/YEP.amd',
    './specs/YEP.vmd',
    CONFIG_SOURCE_KEY,
  ]);
  for (const value of Object.values(sources)) assert.match(value, /^sha256:[0-9a-f]{64}$/);
  assert.equal(sha256Digest(''), 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
});

test('brief hashes are carried forward unless new ones are given', () => {
  const previous = {
    sources: { a: 'sha256:1' },
    brief_inputs: { A: 'sha256:b' },
    project_brief_input: 'sha256:p',
  };
  assert.deepEqual(createManifest({ a: 'sha256:2' }, previous), {
    sources: { a: 'sha256:2' },
    brief_inputs: { A: 'sha256:b' },
    project_brief_input: 'sha256:p',
  });
  assert.deepEqual(createManifest({}, undefined), { sources: {}, brief_inputs: {}, project_brief_input: '' });
  const fresh = createManifest({}, previous, {
    briefInputs: { A: 'sha256:c' },
    projectBriefInput: 'sha256:q',
  });
  assert.deepEqual(fresh.brief_inputs, { A: 'sha256:c' });
  assert.equal(fresh.project_brief_input, 'sha256:q');
});

function twoSpecProject() {
  const root = makeProject({
    'specs/a.smd': validSmd('A'),
    'specs/b.smd': validSmd('B', ['A']),
    'specs/b.amd': '---\nspec: B\nstatus: draft\n---\n# Architecture: B\n',
  });
  const load = () => Workspace.load(join(root, 'ossature.toml'));
  const manifestOf = (ws: Workspace) =>
    createManifest(computeManifestSources(root, specSourceFiles(ws.index)));
  return { root, load, manifestOf };
}

test('a changed AMD marks its spec; ossature.toml marks every spec; no previous manifest marks every spec', () => {
  const { root, load, manifestOf } = twoSpecProject();
  const before = load();
  const old = manifestOf(before);
  const ids = ['A', 'B'];

  assert.deepEqual(changedSpecIds(compareManifests(old, undefined), new Map(), ids), ['A', 'B']);
  assert.equal(compareManifests(old, old).kind, 'unchanged');
  assert.deepEqual(changedSpecIds(compareManifests(old, old), new Map(), ids), []);

  writeFileSync(join(root, 'specs/b.amd'), '---\nspec: B\nstatus: review\n---\n# Architecture: B\n');
  const after = load();
  const change = compareManifests(manifestOf(after), old);
  assert.deepEqual(change, { kind: 'changed', keys: ['./specs/b.amd'] });
  assert.deepEqual(changedSpecIds(change, sourceSpecMap(root, after.index), ids), ['B']);

  writeFileSync(join(root, 'ossature.toml'), `${after.configText}\n# edited\n`);
  const configChange = compareManifests(manifestOf(load()), old);
  assert.ok(configChange.keys.includes(CONFIG_SOURCE_KEY));
  assert.deepEqual(changedSpecIds(configChange, sourceSpecMap(root, after.index), ids), ['A', 'B']);
});

test('a deleted AMD re-audits its spec through the previous graph.toml', () => {
  const { root, load, manifestOf } = twoSpecProject();
  const before = load();
  const old = manifestOf(before);
  const oldGraph = buildGraphFile(root, before.index);
  const after = load();
  after.removeFile(join(root, 'specs/b.amd'));
  const current = createManifest(
    computeManifestSources(root, specSourceFiles(after.index), { previousOrder: graphFileOrder(oldGraph) }),
  );
  const change = compareManifests(current, old);
  assert.deepEqual(change, { kind: 'changed', keys: ['./specs/b.amd'] });
  assert.deepEqual(changedSpecIds(change, sourceSpecMap(root, after.index), ['A', 'B']), []);
  assert.deepEqual(changedSpecIds(change, sourceSpecMap(root, after.index, oldGraph), ['A', 'B']), ['B']);
});

test('a corrupt manifest reads as none, so everything counts as changed', () => {
  const root = makeProject({ 'specs/a.smd': validSmd('A'), '.ossature/manifest.toml': '[sources\n' });
  const previous = readManifestFile(join(root, '.ossature', 'manifest.toml'))?.manifest;
  assert.equal(previous, undefined);
  const ws = Workspace.load(join(root, 'ossature.toml'));
  const change = compareManifests(
    createManifest(computeManifestSources(root, specSourceFiles(ws.index))),
    previous,
  );
  assert.equal(change.kind, 'initial');
  assert.deepEqual(changedSpecIds(change, new Map(), ['A']), ['A']);
});
