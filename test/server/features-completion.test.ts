import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CompletionItem, TextEdit } from 'vscode-languageserver';
import { provideCompletion } from '../../server/src/features/completion';
import { Workspace } from '../../shared/src/project/workspace';
import { corpusPath } from '../support/corpus';
import { applyEdits, cursor } from '../support/cursor';
import { markmanWithEveryKind } from '../support/navigation-project';
import { tinyProject } from '../support/tiny-project';

/**
 * Completion in `file` after replacing `find` in its text with `marked` (which holds the `|` cursor): the
 * document is fed to the workspace as an editor would, then the items are asked for.
 */
function complete(
  ws: Workspace,
  file: string,
  find: string | RegExp,
  marked: string,
): { items: CompletionItem[]; labels: string[]; apply: (label: string) => string } {
  const original = file === ws.planFile ? ws.planText! : ws.file(file)!.text;
  const replaced = original.replace(find, marked);
  assert.notEqual(replaced, original, `'${String(find)}' not found`);
  const { text, position } = cursor(replaced);
  if (file === ws.planFile) ws.planText = text;
  else ws.setFile(file, text);
  const items = provideCompletion(ws, file, position);
  const apply = (label: string) => {
    const item = items.find((i) => i.label === label);
    assert.ok(item, `no item ${label} in ${items.map((i) => i.label).join(', ')}`);
    return applyEdits(text, [item.textEdit as TextEdit]);
  };
  return { items, labels: items.map((i) => i.label), apply };
}

const markmanSpec = (ws: Workspace, name: string) => join(ws.root, 'specs', name);

test('SMD frontmatter: spec ids in depends (inline and block lists), status and priority values, keys', () => {
  const ws = Workspace.load(markmanWithEveryKind());
  const cli = markmanSpec(ws, 'cli.smd');
  const inline = complete(ws, cli, 'depends: [STORAGE]', 'depends: [STORAGE, W|]');
  assert.deepEqual(inline.labels, ['WEBUI'], 'own id and listed ids are left out');
  assert.equal(inline.items[0]!.detail, 'Web UI');
  assert.match(inline.apply('WEBUI'), /depends: \[STORAGE, WEBUI\]/);

  const block = complete(ws, cli, /depends: \[[^\]]*\]/, 'depends:\n  - |');
  assert.deepEqual(block.labels.sort(), ['STORAGE', 'WEBUI']);

  const status = complete(ws, cli, 'status: draft', 'status: re|');
  assert.deepEqual(status.labels, ['draft', 'review', 'approved', 'implemented', 'deprecated']);
  assert.match(status.apply('review'), /^status: review$/m);
  assert.deepEqual(complete(ws, cli, 'priority: high', 'priority: |').labels, [
    'low',
    'medium',
    'high',
    'critical',
  ]);

  const keys = complete(ws, cli, /priority: .*\n/, 'pri|\n');
  assert.deepEqual(keys.labels, ['priority']);
  assert.match(keys.apply('priority'), /^priority: $/m);
});

test('section names after ## (SMD and AMD sets, present ones left out)', () => {
  const ws = Workspace.load(markmanWithEveryKind());
  const storage = markmanSpec(ws, 'storage.smd');
  const smd = complete(ws, storage, '## Acceptance Criteria', '## |\n\n## Acceptance Criteria');
  assert.deepEqual(smd.labels, ['Notes']);
  const amd = complete(ws, markmanSpec(ws, 'storage.amd'), '## Components', '## D|\n\n## Components');
  assert.deepEqual(amd.labels, ['Data Models', 'Flow', 'Dependencies', 'Notes']);
  assert.match(amd.apply('Data Models'), /^## Data Models$/m);
});

test('AMD: spec ids after spec:, component names after **Depends on:**', () => {
  const ws = Workspace.load(markmanWithEveryKind());
  const amd = markmanSpec(ws, 'storage.amd');
  assert.deepEqual(complete(ws, amd, 'spec: STORAGE', 'spec: S|').labels.sort(), ['CLI', 'STORAGE', 'WEBUI']);
  const deps = complete(ws, amd, '**Depends on:** Types', '**Depends on:** |');
  assert.deepEqual(deps.labels, ['Types'], 'the component itself is left out');
  assert.equal(deps.items[0]!.detail, 'src/storage/types.rs');
});

test('VMD: directives, spec ids after @spec/@arch, @covers anchors and quoted headings', () => {
  const ws = Workspace.load(tinyProject());
  const vmd = join(ws.root, 'specs', 'base.vmd');
  assert.deepEqual(complete(ws, vmd, '@spec BASE', '@spec BASE\n@a|').labels, [
    '@spec',
    '@arch',
    '@status',
    '@fixture',
    '@covers',
  ]);
  assert.deepEqual(complete(ws, vmd, /@a\n/, '@arch |\n').labels.sort(), ['APP', 'BASE']);
  assert.deepEqual(complete(ws, vmd, /@arch \n/, '@status dr|\n').labels[0], 'draft');
  const targets = complete(ws, vmd, '@covers main', '@covers |');
  assert.deepEqual(targets.labels, ['main', '"Main Operation"']);
  assert.match(targets.apply('"Main Operation"'), /^@covers "Main Operation"$/m);
  const second = complete(ws, vmd, /@covers .*/, '@covers main, "Ma|"');
  assert.match(second.apply('"Main Operation"'), /^@covers main, "Main Operation"$/m);
});

test('plan.toml: task keys, status and kind values, with quotes handled', () => {
  const ws = Workspace.load(tinyProject());
  const plan = ws.planFile;
  const keys = complete(ws, plan, 'status = "pending"\n', 'status = "pending"\nkin|\n');
  assert.ok(keys.labels.includes('kind'));
  assert.ok(!keys.labels.includes('status'), 'keys already set in the task are left out');
  assert.ok(!keys.labels.includes('covers'));
  assert.match(keys.apply('kind'), /^kind = $/m);

  const status = complete(ws, plan, 'status = "pending"', 'status = "d|"');
  assert.deepEqual(status.labels, ['pending', 'done', 'failed', 'skipped', 'manual']);
  assert.match(status.apply('done'), /^status = "done"$/m);
  const bare = complete(ws, plan, 'status = "done"', 'status = |');
  assert.match(bare.apply('manual'), /^status = "manual"$/m);
  assert.deepEqual(complete(ws, plan, 'verify = []', 'kind = "|"\nverify = []').labels, ['task', 'verify']);
});

test('plan.toml: spec ids, task ids, refs and covers of the task’s spec, inject_files', () => {
  const ws = Workspace.load(tinyProject());
  const plan = ws.planFile;
  assert.deepEqual(complete(ws, plan, 'spec = "APP"', 'spec = "|"').labels.sort(), ['APP', 'BASE']);
  assert.deepEqual(complete(ws, plan, '["BASE", "APP"]', '["BASE", "|"]').labels.sort(), ['APP', 'BASE']);
  const fresh = Workspace.load(tinyProject());
  const cross = complete(
    fresh,
    fresh.planFile,
    'cross_spec_interfaces = ["BASE"]',
    'cross_spec_interfaces = [B|]',
  );
  assert.deepEqual(cross.labels, ['BASE'], "the task's own spec is left out");
  assert.match(cross.apply('BASE'), /^cross_spec_interfaces = \["BASE"\]$/m);
  const depends = complete(ws, plan, 'depends_on = ["001"]', 'depends_on = ["001", "|"]');
  assert.deepEqual(depends.labels, ['001'], 'a task does not depend on itself');
  assert.equal(depends.items[0]!.detail, 'Core module');

  const refs = complete(
    ws,
    plan,
    'spec_refs = ["BASE:Goals", "Requirements > #main"]',
    'spec_refs = [\n    "Goals",\n    "Req|\n]',
  );
  assert.ok(refs.labels.includes('Requirements > Main Operation'));
  assert.ok(refs.labels.includes('Acceptance Criteria'));
  assert.match(refs.apply('Requirements > Main Operation'), /^ {4}"Requirements > Main Operation"$/m);

  const arch = complete(ws, plan, 'arch_refs = ["Components > Core"]', 'arch_refs = ["|"]');
  assert.deepEqual(arch.labels, [
    'Overview',
    'Components',
    'Components > Core',
    'Components > Helpers',
    'Core',
    'Helpers',
  ]);

  const covers = complete(ws, plan, 'covers = ["main"]', 'covers = ["|"]');
  assert.deepEqual(covers.labels, ['main', 'Main Operation']);
  assert.match(covers.apply('Main Operation'), /^covers = \["Main Operation"\]$/m);

  const inject = complete(ws, plan, 'cross_spec_interfaces = ["BASE"]', 'inject_files = ["|"]');
  assert.deepEqual(inject.labels, [], 'only outputs of the same spec are offered');
  const sameSpec = Workspace.load(tinyProject());
  sameSpec.planText = sameSpec.planText!.replace('spec = "APP"', 'spec = "BASE"');
  const injected = complete(
    sameSpec,
    sameSpec.planFile,
    'cross_spec_interfaces = ["BASE"]',
    'inject_files = ["|"]',
  );
  assert.deepEqual(injected.labels, ['src/core.py']);
});

test('plan.toml on the spenny corpus: arch_refs of the task spec', () => {
  const ws = Workspace.load(corpusPath('spenny', 'ossature.toml'));
  const arch = complete(
    ws,
    ws.planFile,
    'arch_refs = [\n    "Components > Storage",',
    'arch_refs = [\n    "Components > |",',
  );
  assert.ok(arch.labels.includes('Components > Storage'));
  assert.ok(arch.labels.includes('Data Models > expenses.json'));
  assert.match(arch.apply('Components > CLI'), /^ {4}"Components > CLI",$/m);
});

test('nothing is offered in prose', () => {
  const ws = Workspace.load(markmanWithEveryKind());
  const cli = markmanSpec(ws, 'cli.smd');
  assert.deepEqual(complete(ws, cli, 'Adds a new bookmark.', 'Adds a new |bookmark.').labels, []);
  assert.deepEqual(complete(ws, ws.planFile, 'title = "Cargo.toml', 'title = "Car|go.toml').labels, []);
});
