import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSpecGraph } from '../../shared/src/project/spec-graph';

test('levels put each spec after everything it depends on, each level sorted', () => {
  const graph = buildSpecGraph([
    { id: 'CLI', depends: ['STORAGE'] },
    { id: 'WEBUI', depends: ['STORAGE'] },
    { id: 'STORAGE', depends: [] },
    { id: 'APP', depends: ['CLI', 'WEBUI', 'MISSING'] },
  ]);
  assert.deepEqual(graph.levels, [['STORAGE'], ['CLI', 'WEBUI'], ['APP']]);
  assert.deepEqual(graph.edges.get('APP'), ['CLI', 'WEBUI']);
  assert.deepEqual(graph.cycles, []);
});

test('every distinct cycle is found once, self-dependency included, and cyclic specs get no level', () => {
  const graph = buildSpecGraph([
    { id: 'A', depends: ['B'] },
    { id: 'B', depends: ['A'] },
    { id: 'C', depends: ['C'] },
    { id: 'D', depends: [] },
  ]);
  assert.deepEqual(graph.cycles, [
    ['A', 'B', 'A'],
    ['C', 'C'],
  ]);
  assert.deepEqual(graph.levels, [['D']]);
});

test('a 5,000-spec chain does not overflow the stack', () => {
  const specs = Array.from({ length: 5000 }, (_, i) => ({ id: `S${i}`, depends: i ? [`S${i - 1}`] : [] }));
  const graph = buildSpecGraph(specs);
  assert.equal(graph.levels.length, 5000);
});
