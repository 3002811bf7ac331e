import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse, TomlError } from 'smol-toml';
import { locateToml, tomlErrorRange, tomlSyntaxProblem } from '../../shared/src/store/toml-locate';
import { rangeIn, rangeOf } from '../support/find';

const DOC = `# header
[meta]
total_tasks = 2
specs = [
    "A",
    "B",
]

[[task]]
id = "001"
build.setup = "make"
limits = { cpu = 2, tags = ["x", "y"] }

[[task]]
id = "002"
depends_on = [
    "001",
]

[task.extra]
owner = "alice"

[tasks.001]
title = "😀 émoji"
"ossature.toml" = "sha256:1"
`;

test('keys, values and array items by path (multi-line arrays, dotted keys, inline tables)', () => {
  const loc = locateToml(DOC);
  assert.equal(loc.error, undefined);
  assert.deepEqual(loc.keyRange(['meta', 'total_tasks']), rangeOf(DOC, 'total_tasks'));
  assert.deepEqual(loc.valueRange(['meta', 'total_tasks']), rangeIn(DOC, 'total_tasks = 2', '2'));
  assert.deepEqual(loc.valueRange(['meta', 'specs', 1]), rangeOf(DOC, '"B"'));
  assert.deepEqual(loc.keyRange(['task', 0, 'build']), rangeIn(DOC, 'build.setup', 'build'));
  assert.deepEqual(loc.keyRange(['task', 0, 'build', 'setup']), rangeIn(DOC, 'build.setup', 'setup'));
  assert.deepEqual(loc.valueRange(['task', 0, 'build', 'setup']), rangeOf(DOC, '"make"'));
  assert.deepEqual(loc.valueRange(['task', 0, 'limits', 'cpu']), rangeIn(DOC, 'cpu = 2', '2'));
  assert.deepEqual(loc.valueRange(['task', 0, 'limits', 'tags', 1]), rangeOf(DOC, '"y"'));
  assert.deepEqual(loc.tableRange(['task', 0, 'limits']), rangeOf(DOC, '{ cpu = 2, tags = ["x", "y"] }'));
  assert.deepEqual(loc.valueRange(['task', 1, 'depends_on', 0]), rangeOf(DOC, '"001"', 1));
  assert.deepEqual(loc.entryRange(['meta', 'total_tasks']), rangeOf(DOC, 'total_tasks = 2'));
  assert.equal(loc.valueRange(['task', 2]), undefined);
  assert.equal(loc.has(['task', 1, 'depends_on']), true);
  assert.equal(loc.has(['nope']), false);
});

test('tables: [[task]] entries by index, their headers, sub-tables and [tasks.001]', () => {
  const loc = locateToml(DOC);
  assert.deepEqual(loc.keyRange(['task', 1]), rangeOf(DOC, '[[task]]', 1));
  assert.deepEqual(loc.headerRange(['task', 1]), rangeOf(DOC, '[[task]]', 1));
  const second = loc.tableRange(['task', 1]);
  assert.ok(second);
  assert.deepEqual(second.start, rangeOf(DOC, '[[task]]', 1).start);
  assert.deepEqual(second.end, rangeOf(DOC, 'owner = "alice"').end, 'a [[task]] spans its sub-tables');
  assert.deepEqual(loc.headerRange(['task', 1, 'extra']), rangeOf(DOC, '[task.extra]'));
  assert.deepEqual(loc.keyRange(['meta']), rangeIn(DOC, '[meta]', 'meta'));
  assert.deepEqual(loc.keyRange(['tasks', '001']), rangeIn(DOC, '[tasks.001]', '001'));
  assert.deepEqual(loc.keyRange(['tasks', '001', 'ossature.toml']), rangeOf(DOC, '"ossature.toml"'));
});

test('ranges are UTF-16 columns and work with CRLF line ends', () => {
  const text = 'a = "😀"\r\nb = [\r\n    "é", "x",\r\n]\r\n';
  const loc = locateToml(text);
  assert.deepEqual(loc.valueRange(['a']), rangeOf(text, '"😀"'));
  assert.deepEqual(loc.valueRange(['b', 1]), rangeOf(text, '"x"'));
  assert.equal(loc.valueRange(['b', 1])?.start.line, 2);
});

test('invalid TOML: the locator reports the error and finds nothing', () => {
  const text = 'a = 1\nb = [1,\nc = "x"\n';
  const loc = locateToml(text);
  assert.ok(loc.error);
  assert.equal(loc.error.range.start.line, 2);
  assert.equal(loc.keyRange(['a']), undefined);
});

test('smol-toml errors become a range at the error and a one-line message', () => {
  const text = 'a = 1\ntitle = "unterminated\n';
  let caught: unknown;
  try {
    parse(text);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof TomlError);
  const problem = tomlSyntaxProblem(caught, text);
  assert.ok(problem);
  assert.equal(problem.range.start.line, 1);
  assert.ok(!problem.message.includes('\n'));
  assert.ok(!problem.message.startsWith('Invalid TOML document'));
  assert.deepEqual(tomlErrorRange(caught, text), problem.range);
  assert.equal(tomlErrorRange(new Error('other'), text), undefined);
});
