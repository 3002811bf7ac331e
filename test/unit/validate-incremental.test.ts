import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { Workspace } from '../../shared/src/project/workspace';
import { buildWorkspaceIndex, type WorkspaceIndex } from '../../shared/src/project/workspace-index';
import { validateWorkspace } from '../../shared/src/validate/validate-workspace';
import { corpusPath } from '../support/corpus';
import { makeProject, validSmd } from '../support/project';

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'todo');

/** A workspace parsed from scratch from the same texts: what the incremental pass must equal. */
function fresh(ws: Workspace): Workspace {
  const copy = new Workspace(ws.configFile, ws.configText);
  for (const f of ws.files()) copy.setFile(f.file, f.text);
  copy.planText = ws.planText;
  return copy;
}

function assertSameAsFresh(ws: Workspace, step: string): void {
  const incremental = validateWorkspace(ws);
  const scratch = validateWorkspace(fresh(ws));
  assert.deepStrictEqual(incremental.diagnostics, scratch.diagnostics, step);
  assert.deepStrictEqual(incremental.summary, scratch.summary, step);
  assert.deepStrictEqual(incremental.coverage, scratch.coverage, step);
}

/** Replaces `from` with `to` in one file of the workspace (the first occurrence; it must exist). */
function edit(ws: Workspace, file: string, from: string, to: string): void {
  const text = ws.file(file)?.text;
  if (text === undefined || !text.includes(from)) assert.fail(`'${from}' is not in ${file}`);
  ws.setFile(file, text.replace(from, to));
}

test('re-validating after each edit gives what a from-scratch pass gives (todo example)', () => {
  const ws = Workspace.load(join(EXAMPLE, 'ossature.toml'));
  const specs = join(EXAMPLE, 'specs');
  const cli = join(specs, 'cli.smd');
  const store = join(specs, 'store.smd');
  const vmd = join(specs, 'store.vmd');
  assertSameAsFresh(ws, 'initial');
  const steps: [string, () => void][] = [
    ['rename a spec id', () => edit(ws, store, 'id: TODO_STORE', 'id: TODO_STORES')],
    ['rename it back', () => edit(ws, store, 'id: TODO_STORES', 'id: TODO_STORE')],
    ['unknown dependency', () => edit(ws, cli, 'depends: [TODO_STORE]', 'depends: [TODO_STOR]')],
    ['repeated dependency', () => edit(ws, cli, 'depends: [TODO_STOR]', 'depends: [TODO_STORE, TODO_STORE]')],
    ['cycle', () => edit(ws, store, 'depends: []', 'depends: [TODO_CLI]')],
    ['break the cycle', () => edit(ws, store, 'depends: [TODO_CLI]', 'depends: []')],
    ['dangling @covers', () => edit(ws, vmd, '@covers add', '@covers nothing_here')],
    ['body edit', () => edit(ws, cli, 'Print every item', 'Print each item')],
    ['remove a file', () => ws.removeFile(vmd)],
    ['duplicate id in a new file', () => ws.setFile(join(specs, 'copy.smd'), validSmd('TODO_STORE'))],
    [
      'require coverage',
      () => ws.setConfigText(ws.configText.replace('[test]\n', '[test]\nrequire_coverage = true\n')),
    ],
  ];
  for (const [name, step] of steps) {
    step();
    assertSameAsFresh(ws, name);
  }
});

test('re-validating after edits to specs and the plan matches a from-scratch pass (corpus)', () => {
  for (const project of ['spenny', 'markman', 'yep']) {
    const ws = Workspace.load(corpusPath(project, 'ossature.toml'));
    assertSameAsFresh(ws, `${project} initial`);
    for (const f of ws.files()) {
      ws.setFile(f.file, `${f.text}\n`);
      assertSameAsFresh(ws, `${project}: ${f.file} touched`);
    }
    const first = ws.files()[0]!;
    const id = first.spec.kind === 'smd' ? first.spec.id?.value : undefined;
    if (id) {
      edit(ws, first.file, `id: ${id}`, `id: ${id}_RENAMED`);
      assertSameAsFresh(ws, `${project}: id renamed`);
    }
    if (ws.planText !== undefined) {
      ws.planText = ws.planText.replace('status = "done"', 'status = "pending"');
      assertSameAsFresh(ws, `${project}: plan edited`);
      ws.planText = undefined;
      assertSameAsFresh(ws, `${project}: plan removed`);
    }
  }
});

test('a project without specs, then with one, then without again', () => {
  const root = makeProject({});
  const ws = Workspace.load(join(root, 'ossature.toml'));
  assertSameAsFresh(ws, 'empty');
  const file = join(root, 'specs', 'a.smd');
  ws.setFile(file, validSmd('A', ['B']));
  assertSameAsFresh(ws, 'one spec');
  ws.setFile(join(root, 'specs', 'b.smd'), validSmd('B', ['A']));
  assertSameAsFresh(ws, 'cycle');
  ws.removeFile(file);
  assertSameAsFresh(ws, 'removed');
});

/** The index as plain data (Maps as entry lists sorted by key), for comparing a patched and a built one. */
function indexShape(index: WorkspaceIndex) {
  const entries = <V>(map: Map<string, V>) => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    smds: index.smds,
    amds: index.amds,
    vmds: index.vmds,
    smdById: entries(index.smdById),
    amdsBySpec: entries(index.amdsBySpec),
    vmdsBySpec: entries(index.vmdsBySpec),
    dependents: entries(index.dependents),
    edges: entries(index.graph.edges),
    cycles: index.graph.cycles,
    levels: index.graph.levels,
    order: index.graph.order,
  };
}

test('an index patched after body and depends edits equals one built from scratch', () => {
  const root = makeProject({
    'specs/a.smd': validSmd('A', ['B']),
    'specs/b.smd': validSmd('B', ['C']),
    'specs/c.smd': validSmd('C'),
    'specs/d.smd': validSmd('D', ['A', 'C']),
    'specs/dup/c.smd': validSmd('C', ['A']),
  });
  const ws = Workspace.load(join(root, 'ossature.toml'));
  const a = join(root, 'specs', 'a.smd');
  const c = join(root, 'specs', 'c.smd');
  const dup = join(root, 'specs', 'dup', 'c.smd');
  const check = (step: string) => {
    const built = buildWorkspaceIndex(ws.index.smds, ws.index.amds, ws.index.vmds);
    assert.deepStrictEqual(indexShape(ws.index), indexShape(built), step);
    assertSameAsFresh(ws, step);
  };
  check('initial');
  const graph = ws.index.graph;
  edit(ws, c, '## Goals', '## Goals\n\n- One more');
  assert.equal(ws.index.graph, graph, 'a body edit patches the index and keeps its graph');
  const steps: [string, () => void][] = [
    ['body edit', () => edit(ws, a, '## Overview', '## Overview\n\nMore.')],
    ['add a dependency', () => edit(ws, a, 'depends: [B]', 'depends: [B, D]')],
    ['a cycle through D', () => check('cycle')],
    ['repeat one', () => edit(ws, a, 'depends: [B, D]', 'depends: [B, D, B]')],
    ['unknown one', () => edit(ws, a, 'depends: [B, D, B]', 'depends: [ZZ, B]')],
    ['reorder', () => edit(ws, a, 'depends: [ZZ, B]', 'depends: [B, ZZ]')],
    ['self', () => edit(ws, c, 'depends: []', 'depends: [C]')],
    ['the duplicate id edits its depends', () => edit(ws, dup, 'depends: [A]', 'depends: [D]')],
    ['drop every dependency', () => edit(ws, a, 'depends: [B, ZZ]', 'depends: []')],
  ];
  for (const [name, step] of steps) {
    step();
    check(name);
  }
});
