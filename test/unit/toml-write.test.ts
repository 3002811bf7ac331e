import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTomlDocument } from '../../shared/src/store/toml-read';
import {
  formatTomlKey,
  formatTomlString,
  pythonFloat,
  stringifyToml,
  TomlFloat,
} from '../../shared/src/store/toml-write';

// Expected texts below were produced by Python's tomli_w 1.2.0 (the original tool's writer).

test('strings are escaped exactly like tomli_w (tab kept, other controls as \\u00xx, lower-case hex)', () => {
  assert.equal(
    formatTomlString('tab\there "q" back\\slash\nnl\x1b esc\x7f é'),
    '"tab\there \\"q\\" back\\\\slash\\nnl\\u001b esc\\u007f é"',
  );
  assert.equal(formatTomlString('\b\f\r'), '"\\b\\f\\r"');
  assert.equal(formatTomlString(''), '""');
});

test('keys are bare only when made of A-Z a-z 0-9 _ -', () => {
  assert.equal(formatTomlKey('created_files'), 'created_files');
  assert.equal(formatTomlKey('001'), '001');
  assert.equal(formatTomlKey('ossature.toml'), '"ossature.toml"');
  assert.equal(formatTomlKey('./specs/a.smd'), '"./specs/a.smd"');
  assert.equal(formatTomlKey(''), '""');
  assert.equal(formatTomlKey('é'), '"é"');
});

test('plain values come before tables; empty tables get a header; dotted names for nested tables', () => {
  const text = stringifyToml({
    s: 'tab\there "q" back\\slash\nnl\x1b esc\x7f é',
    'k.e y': 1,
    n: new TomlFloat(2),
    big: new TomlFloat(1e16),
    small: 1.5e-5,
    t: {},
    u: { v: { w: 1 } },
  });
  assert.equal(
    text,
    's = "tab\there \\"q\\" back\\\\slash\\nnl\\u001b esc\\u007f é"\n"k.e y" = 1\nn = 2.0\nbig = 1e+16\nsmall = 1.5e-05\n\n[t]\n\n[u.v]\nw = 1\n',
  );
});

test('an empty array of tables is a plain value, written before the tables', () => {
  assert.equal(stringifyToml({ task: [], meta: { x: 1 } }), 'task = []\n\n[meta]\nx = 1\n');
});

test('arrays are multi-line with 4-space indent per level and trailing commas', () => {
  assert.equal(
    stringifyToml({ levels: [['A'], ['B', 'C']], empty: [] }),
    'levels = [\n    [\n        "A",\n    ],\n    [\n        "B",\n        "C",\n    ],\n]\nempty = []\n',
  );
});

test('an array of tables that all fit on one line is written inline (graph.toml with one bare spec)', () => {
  const text = stringifyToml({
    spec: [{ id: 'A', file: './specs/a.smd', depends: [], architectures: [] }],
    order: { levels: [['A']] },
  });
  assert.equal(
    text,
    'spec = [\n    { id = "A", file = "./specs/a.smd", depends = [], architectures = [] },\n]\n\n[order]\nlevels = [\n    [\n        "A",\n    ],\n]\n',
  );
});

test('an array of tables where one does not fit is written as [[name]] tables, their tables dotted', () => {
  const text = stringifyToml({
    task: [
      { id: '001', extra: { a: 1 } },
      { id: '002', outputs: ['x'] },
    ],
  });
  assert.equal(
    text,
    '[[task]]\nid = "001"\n\n[task.extra]\na = 1\n\n[[task]]\nid = "002"\noutputs = [\n    "x",\n]\n',
  );
  const nested = stringifyToml({ task: [{ id: '001', sub: { deep: [1, 2], more: 'x'.repeat(100) } }] });
  assert.equal(
    nested,
    `[[task]]\nid = "001"\n\n[task.sub]\ndeep = [\n    1,\n    2,\n]\nmore = "${'x'.repeat(100)}"\n`,
  );
});

test('a table with only sub-tables gets no header of its own ([tasks.001], not [tasks])', () => {
  const text = stringifyToml(
    new Map<string, Map<string, unknown> | Record<string, unknown>>([
      ['meta', { version: 2 }],
      ['tasks', new Map([['001', { input_hash: 'sha256:x' }]])],
    ]) as never,
  );
  assert.equal(text, '[meta]\nversion = 2\n\n[tasks.001]\ninput_hash = "sha256:x"\n');
});

test('a Map keeps integer-like keys in insertion order (a plain object would not)', () => {
  const text = stringifyToml(
    new Map([
      ['b', 1],
      ['10', 2],
      ['2', 3],
    ]),
  );
  assert.equal(text, 'b = 1\n10 = 2\n2 = 3\n');
});

test('header comment lines are followed by one blank line', () => {
  assert.equal(stringifyToml({ a: true }, { header: ['# one', '# two'] }), '# one\n# two\n\na = true\n');
  assert.equal(stringifyToml({}, { header: ['# only'] }), '# only\n\n');
});

test('numbers: integers stay integers, floats use Python repr, TomlFloat marks whole-number floats', () => {
  assert.equal(pythonFloat(0.1), '0.1');
  assert.equal(pythonFloat(100), '100.0');
  assert.equal(pythonFloat(1e16), '1e+16');
  assert.equal(pythonFloat(123456789.125), '123456789.125');
  assert.equal(pythonFloat(-3.25e-10), '-3.25e-10');
  assert.equal(pythonFloat(0.0001), '0.0001');
  assert.equal(pythonFloat(1e300), '1e+300');
  assert.equal(pythonFloat(-0), '-0.0');
  assert.equal(pythonFloat(Number.POSITIVE_INFINITY), 'inf');
  assert.equal(pythonFloat(Number.NaN), 'nan');
  assert.equal(
    stringifyToml({ i: 7, b: 123456789012345678901n, f: new TomlFloat(7), g: 1.25 }),
    'i = 7\nb = 123456789012345678901\nf = 7.0\ng = 1.25\n',
  );
});

test('undefined values are skipped; unsupported values throw', () => {
  assert.equal(stringifyToml({ a: 1, b: undefined }), 'a = 1\n');
  assert.throws(() => stringifyToml({ a: null } as never), TypeError);
});

test('what is written parses back to the same values (types kept through parseTomlDocument)', () => {
  const value = {
    s: 'line\nnext\t"quoted" \\ \u0001',
    i: 42,
    f: new TomlFloat(3),
    g: 2.5,
    list: [['a'], []],
    inline: [{ x: 1 }],
    t: { u: { v: true } },
    aot: [{ k: 'v', long: 'y'.repeat(120) }],
  };
  const parsed = parseTomlDocument(stringifyToml(value));
  assert.deepEqual(parsed, value);
  assert.equal(stringifyToml(parsed as never), stringifyToml(value));
});
