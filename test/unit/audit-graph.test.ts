import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { orderLike, projectKey } from '../../shared/src/audit/file-order';
import { buildGraphFile, graphFileOrder } from '../../shared/src/audit/graph';
import { Workspace } from '../../shared/src/project/workspace';
import { parseGraphText, renderGraphText } from '../../shared/src/store/graph-file';
import { loadCorpusProject } from '../support/audit/corpus-project';
import { makeProject, validSmd } from '../support/project';

for (const name of ['spenny', 'markman'] as const) {
  test(`${name}: graph.toml built from the workspace equals the original byte for byte`, () => {
    const project = loadCorpusProject(name);
    const graph = buildGraphFile(project.root, project.workspace.index, project.manifestOrder);
    assert.equal(renderGraphText(graph), project.read('graph.toml'));
  });

  test(`${name}: the previous graph.toml's own order gives the same file`, () => {
    const project = loadCorpusProject(name);
    const previous = parseGraphText(project.read('graph.toml')).graph;
    const graph = buildGraphFile(project.root, project.workspace.index, graphFileOrder(previous));
    assert.equal(renderGraphText(graph), project.read('graph.toml'));
  });
}

test('without a previous order, specs are listed by file path; depends are kept as written', () => {
  const root = makeProject({
    'specs/b.smd': validSmd('B', ['A', 'GHOST']),
    'specs/a.smd': validSmd('A'),
    'specs/sub/c.smd': validSmd('C', ['B']),
    'specs/b2.amd': '---\nspec: B\nstatus: draft\n---\n# Architecture: B2\n',
    'specs/b1.amd': '---\nspec: B\nstatus: draft\n---\n# Architecture: B1\n',
  });
  const ws = Workspace.load(join(root, 'ossature.toml'));
  const graph = buildGraphFile(root, ws.index);
  assert.deepEqual(graph, {
    spec: [
      { id: 'A', file: './specs/a.smd', depends: [], architectures: [] },
      {
        id: 'B',
        file: './specs/b.smd',
        depends: ['A', 'GHOST'],
        architectures: ['./specs/b1.amd', './specs/b2.amd'],
      },
      { id: 'C', file: './specs/sub/c.smd', depends: ['B'], architectures: [] },
    ],
    order: { levels: [['A'], ['B'], ['C']] },
  });
});

test('orderLike keeps the previous order and sorts new keys after it', () => {
  assert.deepEqual(orderLike(['d', 'a', 'c', 'b'], ['c', 'x', 'a']), ['c', 'a', 'b', 'd']);
  assert.deepEqual(orderLike(['b', 'a', 'b']), ['a', 'b']);
  assert.equal(projectKey('/p', '/p/specs/a.smd'), './specs/a.smd');
});
