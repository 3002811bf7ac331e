import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { buildPlanView } from '../../shared/src/project/plan-view';
import { locateToml, type TomlPath } from '../../shared/src/store/toml-locate';
import { parseTomlDocument } from '../../shared/src/store/toml-read';
import { corpusPath } from '../support/corpus';
import { TINY_PLAN } from '../support/tiny-project';

/** Every path of a parsed TOML value: tables, keys and array items. */
function paths(value: unknown, base: (string | number)[] = [], out: TomlPath[] = []): TomlPath[] {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push([...base, i]);
      paths(item, [...base, i], out);
    });
  } else if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) {
      out.push([...base, key]);
      paths(item, [...base, key], out);
    }
  }
  return out;
}

const PARTS = ['keyRange', 'valueRange', 'tableRange', 'headerRange', 'entryRange'] as const;

test('the plan view locator gives the same ranges as locateToml on the corpus plans', () => {
  for (const text of [
    readFileSync(corpusPath('markman', '.ossature', 'plan.toml'), 'utf8'),
    readFileSync(corpusPath('spenny', '.ossature', 'plan.toml'), 'utf8'),
    TINY_PLAN,
  ]) {
    const expected = locateToml(text);
    const actual = buildPlanView(text).locator;
    const all = paths(parseTomlDocument(text));
    assert.ok(all.length > 20);
    for (const path of all) {
      for (const part of PARTS) {
        assert.deepEqual(actual[part](path), expected[part](path), `${part} ${JSON.stringify(path)}`);
      }
      assert.equal(actual.has(path), true);
    }
  }
});

test('the scanner reads strings as TOML does: escapes, literal and multi-line strings, comments', () => {
  const text = [
    '[meta]',
    'specs = [ # the specs',
    '  "A\\u0042", # escaped',
    "  'C\\D',",
    ']',
    '',
    '[[task]]',
    'id = "001"',
    'description = """',
    '[[task]]',
    'not a table: "quoted" \\""" still inside',
    '"""',
    'spec = "A"',
    "notes = '''x'''",
    'verify = "make"',
    '',
    '[[task]]',
    'id = "002"',
    'depends_on = ["001"]',
    'inline = { a = "b", c = [1, 2] }',
    'spec = "B"',
  ].join('\n');
  const view = buildPlanView(text);
  assert.deepEqual(
    view.values.map((v) => `${v.field}=${v.value}`),
    ['specs=AB', 'specs=C\\D', 'id=001', 'spec=A', 'id=002', 'depends_on=001', 'spec=B'],
  );
  assert.equal(view.tasks.length, 2);
  const raw = parseTomlDocument(text) as { task: { description: string }[] };
  assert.equal(view.tasks[0]!.raw.description, raw.task[0]!.description);
  assert.equal(view.tasks[0]!.raw.verify, 'make');
  assert.deepEqual(
    view.tasksBySpec.get('B')?.map((t) => t.id),
    ['002'],
  );
});
