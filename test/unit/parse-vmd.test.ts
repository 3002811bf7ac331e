import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { VMD_CODES } from '../../shared/src/diagnostics/codes-vmd';
import { parseVmd } from '../../shared/src/parse/vmd/vmd';
import { range } from '../../shared/src/text/range';
import { corpusPath } from '../support/corpus';
import { rangeIn, rangeOf } from '../support/find';

const FILE = '/p/specs/rt.vmd';

const SPEC = [
  '@spec RELATIVE_TIME',
  '@status review',
  '',
  '@fixture NOW = 1704067200          # 2024-01-01T00:00:00Z',
  '@fixture db = !fresh empty sqlite',
  '',
  '@covers timeago, "Format Relative Time"',
  'timeago(timestamp, reference) -> str',
  'just_now   | 1704067200   | NOW | "just now"',
  'one_minute | 1704067140   | NOW | "1 minute ago"   # trailing comment',
  'bad_input  | "not-a-date" | NOW | !ValueError',
  'pipe_hash  | "a|b # c"    | NOW | "with | pipe"',
  '',
  'duration(seconds) ~struct ~decimal',
  'inf     | Infinity  | !OverflowError: too large',
  'neg_inf | -Infinity | !OverflowError',
  'nan     | NaN       | "?"',
  'nested  | [NaN, {"a": -Infinity}] | Ok',
  '',
  'save(db, url, tags) -> id',
  'empty_url | "" | [] | !storage.InvalidInput: url must not be empty: really',
  'ok_url    | "https://x" | ["a"] | Ok',
  '',
  'total(items, rate:decimal) -> out ~approx:0.01',
  'plain   | [1, 2] | 5        | 15.0',
  'numeric | [1]    | "12.50"  | 12.5',
  '',
  'pattern(text) ~matches ~unordered',
  'any | "x" | "^x$"',
  '',
  '@covers timeago',
  'scenario Formats a two-minute difference:',
  'given ts = 1704067080',
  'given NOW',
  'when timeago(ts, NOW)',
  'then returns "2 minutes ago"',
  '',
  'scenario deleting a missing item fails:',
  'given data = {"next": 1, "items": []}',
  'when store.delete_item(data, 99, "x", null)',
  'then raises KeyError: not found',
  '',
  'scenario init touches the disk:',
  'when init(REF_DIR)',
  'then ok',
  '',
  '@fixture REF_DIR = "/tmp/ref"',
  '',
  'scenario add then list:',
  'when $ todo add "buy milk" --due=\\x41B',
  '> Added: #1',
  '>',
  '>    indented',
  'when $ todo list',
  'then exit 2',
  'then stdout has "milk"',
  'then stderr empty',
  '',
].join('\n');

test('a valid VMD parses with no diagnostics', () => {
  const { spec, diagnostics } = parseVmd(SPEC, FILE);
  assert.deepEqual(diagnostics, []);
  assert.equal(spec.kind, 'vmd');
  assert.equal(spec.file, FILE);
  assert.deepEqual(spec.specId, { value: 'RELATIVE_TIME', range: rangeOf(SPEC, 'RELATIVE_TIME') });
  assert.equal(spec.archId, undefined);
  assert.deepEqual(spec.status, { value: 'review', range: rangeOf(SPEC, 'review') });
  assert.deepEqual(
    spec.groups.map((g) => [g.name, g.arity]),
    [
      ['timeago', 2],
      ['duration', 1],
      ['save', 2],
      ['total', 2],
      ['pattern', 1],
    ],
  );
  assert.deepEqual(
    spec.scenarios.map((s) => s.slug),
    [
      'formats_a_two_minute_difference',
      'deleting_a_missing_item_fails',
      'init_touches_the_disk',
      'add_then_list',
    ],
  );
});

test('fixtures: value and opaque, in line order, with ranges', () => {
  const { spec } = parseVmd(SPEC, FILE);
  assert.deepEqual(
    spec.fixtures.map((f) => f.name),
    ['NOW', 'db', 'REF_DIR'],
  );
  const [now, db] = spec.fixtures;
  assert.equal(now!.opaque, false);
  assert.equal(now!.value, 1704067200);
  assert.equal(now!.raw, '1704067200');
  assert.deepEqual(now!.nameRange, rangeIn(SPEC, '@fixture NOW', 'NOW'));
  assert.equal(db!.opaque, true);
  assert.equal(db!.label, 'fresh empty sqlite');
  assert.deepEqual(db!.range, rangeOf(SPEC, '@fixture db = !fresh empty sqlite'));
});

test('groups: signature, covers, value fixtures substituting cells, strings with | and #', () => {
  const { spec } = parseVmd(SPEC, FILE);
  const g = spec.groups[0]!;
  assert.equal(g.returns, 'str');
  assert.deepEqual(g.compareModes, []);
  assert.deepEqual(g.nameRange, rangeIn(SPEC, 'timeago(timestamp', 'timeago'));
  assert.deepEqual(g.signatureRange, rangeOf(SPEC, 'timeago(timestamp, reference) -> str'));
  assert.deepEqual(g.range.start, rangeOf(SPEC, 'timeago(timestamp').start);
  assert.deepEqual(g.range.end, rangeOf(SPEC, '"with | pipe"').end);
  assert.deepEqual(
    g.params.map((p) => [p.name, p.range]),
    [
      ['timestamp', rangeOf(SPEC, 'timestamp')],
      ['reference', rangeOf(SPEC, 'reference')],
    ],
  );
  assert.deepEqual(
    g.covers.map((c) => [c.text, c.quoted, c.range]),
    [
      ['timeago', false, rangeIn(SPEC, '@covers timeago,', 'timeago')],
      ['Format Relative Time', true, rangeOf(SPEC, '"Format Relative Time"')],
    ],
  );
  const [justNow, oneMinute, bad, pipe] = g.cases;
  assert.deepEqual(justNow!.inputs, [1704067200, 1704067200]);
  assert.deepEqual(justNow!.rawInputs, ['1704067200', '1704067200']);
  assert.deepEqual(justNow!.nameRange, rangeOf(SPEC, 'just_now'));
  assert.deepEqual(justNow!.inputRanges[1], rangeIn(SPEC, '1704067200   | NOW', 'NOW'));
  assert.deepEqual(justNow!.expectedRange, rangeOf(SPEC, '"just now"'));
  assert.equal(oneMinute!.expected, '1 minute ago');
  assert.equal(bad!.expectKind, 'error');
  assert.equal(bad!.errorType, 'ValueError');
  assert.equal(bad!.errorMessage, '');
  assert.deepEqual(bad!.errorRange, rangeOf(SPEC, 'ValueError'));
  assert.deepEqual(pipe!.inputs, ['a|b # c', 1704067200]);
  assert.equal(pipe!.expected, 'with | pipe');
  assert.equal(pipe!.rawExpected, '"with | pipe"');
});

test('groups: modes, non-finite numbers, error expectations and Ok', () => {
  const { spec } = parseVmd(SPEC, FILE);
  const duration = spec.groups[1]!;
  assert.deepEqual(duration.compareModes, ['struct', 'decimal']);
  assert.equal(duration.returns, undefined);
  const [inf, negInf, nan, nested] = duration.cases;
  assert.deepEqual(inf!.inputs, [Number.POSITIVE_INFINITY]);
  assert.equal(inf!.errorType, 'OverflowError');
  assert.equal(inf!.errorMessage, 'too large');
  assert.deepEqual(negInf!.inputs, [Number.NEGATIVE_INFINITY]);
  assert.ok(Number.isNaN(nan!.inputs[0]));
  assert.equal(nested!.expectKind, 'ok');
  const value = nested!.inputs[0] as [number, { a: number }];
  assert.ok(Number.isNaN(value[0]));
  assert.equal(value[1].a, Number.NEGATIVE_INFINITY);

  const pattern = spec.groups[4]!;
  assert.deepEqual(pattern.compareModes, ['matches', 'unordered']);
  assert.equal(pattern.cases[0]!.expected, '^x$');
});

test('groups: an opaque fixture parameter takes no column; dotted error types keep the whole message', () => {
  const { spec } = parseVmd(SPEC, FILE);
  const save = spec.groups[2]!;
  assert.deepEqual(
    save.params.map((p) => [p.name, p.opaque ?? false]),
    [
      ['db', true],
      ['url', false],
      ['tags', false],
    ],
  );
  assert.equal(save.arity, 2);
  const [empty, ok] = save.cases;
  assert.deepEqual(empty!.inputs, ['', []]);
  assert.equal(empty!.expectKind, 'error');
  assert.equal(empty!.errorType, 'storage.InvalidInput');
  assert.equal(empty!.errorMessage, 'url must not be empty: really');
  assert.equal(ok!.expectKind, 'ok');
  assert.equal(ok!.expected, undefined);
});

test('groups: decimal parameters and ~approx tolerance', () => {
  const { spec } = parseVmd(SPEC, FILE);
  const total = spec.groups[3]!;
  assert.deepEqual(
    total.params.map((p) => [p.name, p.type]),
    [
      ['items', undefined],
      ['rate', 'decimal'],
    ],
  );
  assert.deepEqual(total.compareModes, ['approx']);
  assert.equal(total.approxTol, 0.01);
  assert.deepEqual(total.cases[0]!.inputs, [[1, 2], 5]);
  assert.deepEqual(total.cases[1]!.inputs, [[1], '12.50']);
  assert.deepEqual(total.cases[1]!.rawInputs, ['[1]', '"12.50"']);
});

test('call scenarios: givens, fixtures as arguments, returns / raises / ok', () => {
  const { spec } = parseVmd(SPEC, FILE);
  const [formats, deleting, init] = spec.scenarios;
  assert.equal(formats!.kind, 'call');
  assert.equal(formats!.name, 'Formats a two-minute difference');
  assert.deepEqual(formats!.nameRange, rangeOf(SPEC, 'Formats a two-minute difference'));
  assert.deepEqual(
    formats!.covers.map((c) => c.text),
    ['timeago'],
  );
  assert.deepEqual(
    formats!.givens.map((g) => [g.name, g.value, g.raw, g.fixture]),
    [
      ['ts', 1704067080, '1704067080', undefined],
      ['NOW', 1704067200, '1704067200', 'NOW'],
    ],
  );
  const call = formats!.call!;
  assert.equal(call.target, 'timeago');
  assert.deepEqual(call.targetRange, rangeIn(SPEC, 'when timeago', 'timeago'));
  assert.deepEqual(call.args, [1704067080, 1704067200]);
  assert.deepEqual(call.rawArgs, ['1704067080', '1704067200']);
  assert.deepEqual(call.argRanges, [
    rangeIn(SPEC, 'timeago(ts, NOW)', 'ts'),
    rangeIn(SPEC, 'timeago(ts, NOW)', 'NOW'),
  ]);
  assert.equal(call.expectKind, 'value');
  assert.equal(call.expected, '2 minutes ago');
  assert.equal(call.rawExpected, '"2 minutes ago"');
  assert.deepEqual(formats!.range.end, rangeOf(SPEC, 'then returns "2 minutes ago"').end);

  const del = deleting!.call!;
  assert.equal(del.target, 'store.delete_item');
  assert.deepEqual(del.args, [{ next: 1, items: [] }, 99, 'x', null]);
  assert.equal(del.expectKind, 'error');
  assert.equal(del.errorType, 'KeyError');
  assert.equal(del.errorMessage, 'not found');
  assert.deepEqual(del.errorRange, rangeOf(SPEC, 'KeyError'));

  // REF_DIR is defined further down: fixtures are collected in a first pass.
  assert.deepEqual(init!.call!.args, ['/tmp/ref']);
  assert.equal(init!.call!.expectKind, 'ok');
});

test('command scenarios: steps, output lines (# is literal), exit and stream checks', () => {
  const { spec } = parseVmd(SPEC, FILE);
  const s = spec.scenarios[3]!;
  assert.equal(s.kind, 'command');
  assert.equal(s.steps.length, 2);
  const [add, list] = s.steps;
  // \x41 is 'A': valid UTF-8, so the word stays a string.
  assert.deepEqual(add!.argv, ['todo', 'add', 'buy milk', '--due=AB']);
  assert.deepEqual(add!.stdoutLines, ['Added: #1', '', '   indented']);
  assert.equal(add!.exitCode, 0);
  assert.equal(add!.stdoutMode, null);
  assert.deepEqual(add!.whenRange, rangeOf(SPEC, 'when $ todo add "buy milk" --due=\\x41B'));
  assert.deepEqual(add!.range.end, rangeOf(SPEC, '>    indented').end);
  assert.deepEqual(list!.argv, ['todo', 'list']);
  assert.equal(list!.exitCode, 2);
  assert.equal(list!.stdoutLines, null);
  assert.equal(list!.stdout, 'milk');
  assert.equal(list!.stdoutMode, 'has');
  assert.equal(list!.stderr, null);
  assert.equal(list!.stderrMode, 'empty');
});

test('YEP.vmd from the corpus: three command scenarios with byte arguments', () => {
  const file = corpusPath('yep', 'specs', 'YEP.vmd');
  const text = readFileSync(file, 'utf8');
  const { spec, diagnostics } = parseVmd(text, file);
  assert.deepEqual(diagnostics, []);
  assert.equal(spec.specId?.value, 'YEP');
  assert.equal(spec.groups.length, 0);
  assert.equal(spec.scenarios.length, 3);
  for (const s of spec.scenarios) {
    assert.equal(s.kind, 'command');
    assert.deepEqual(
      s.covers.map((c) => [c.text, c.quoted]),
      [['Output Repeated String', true]],
    );
    assert.equal(s.steps.length, 1);
    const step = s.steps[0]!;
    assert.equal(step.exitCode, 1);
    assert.equal(step.stderr, 'UTF-8');
    assert.equal(step.stderrMode, 'has');
  }
  assert.deepEqual(spec.scenarios[0]!.steps[0]!.argv, ['yep', new Uint8Array([0xff, 0xfe])]);
  assert.deepEqual(spec.scenarios[1]!.steps[0]!.argv, ['yep', new Uint8Array([0x80])]);
  assert.deepEqual(spec.scenarios[2]!.steps[0]!.argv, ['yep', 'hello', new Uint8Array([0xc3, 0x28])]);
  assert.deepEqual(spec.scenarios[0]!.nameRange, rangeOf(text, 'rejects bytes that are never valid utf-8'));
});

test('comment lines keep a stanza open; blank lines end it', () => {
  const text = '@spec S\n\nf(x)\na | 1 | 2\n# between rows\nb | 3 | 4\n\nc | 5 | 6\n';
  const { spec, diagnostics } = parseVmd(text, FILE);
  assert.deepEqual(
    spec.groups[0]!.cases.map((c) => c.name),
    ['a', 'b'],
  );
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.range]),
    [[VMD_CODES.signatureUnrecognised.code, rangeOf(text, 'c | 5 | 6')]],
  );
});

test('arity-zero groups, same name with another arity, @arch, CRLF line ends', () => {
  const text =
    '@spec S\r\n@arch OTHER\r\n\r\nversion()\r\nv | "1.0"\r\n\r\nf(a)\r\nx | 1 | 2\r\n\r\nf(a, b)\r\nx | 1 | 2 | 3\r\n';
  const { spec, diagnostics } = parseVmd(text, FILE);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(spec.archId, { value: 'OTHER', range: rangeOf(text, 'OTHER') });
  assert.deepEqual(
    spec.groups.map((g) => [g.name, g.arity, g.cases.length]),
    [
      ['version', 0, 1],
      ['f', 1, 1],
      ['f', 2, 1],
    ],
  );
  assert.deepEqual(spec.groups[2]!.cases[0]!.expectedRange, rangeOf(text, '3'));
});

test('@covers accumulates over lines and a quoted target may contain commas', () => {
  const text = '@spec S\n\n@covers a\n@covers "Add, then list", b-2\nf(x)\nr | 1 | 2\n\ng(x)\nr | 1 | 2\n';
  const { spec, diagnostics } = parseVmd(text, FILE);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(
    spec.groups[0]!.covers.map((c) => c.text),
    ['a', 'Add, then list', 'b-2'],
  );
  assert.deepEqual(spec.groups[1]!.covers, []);
});

test('best effort: a group with a bad row keeps its good rows, and every problem is reported', () => {
  const text = [
    '@spec S',
    '@status nope',
    '',
    'f(x) ~fuzzy',
    'good | 1 | 2',
    'bad | oops | 2',
    'also_good | 3 | 4',
    'good | 5 | 6',
    '',
    'scenario broken:',
    'when $ tool "open',
    'then exit 3',
    'then stdout has 42',
    '',
  ].join('\n');
  const { spec, diagnostics } = parseVmd(text, FILE);
  assert.deepEqual(
    spec.groups[0]!.cases.map((c) => c.name),
    ['good', 'also_good'],
  );
  assert.deepEqual(spec.groups[0]!.compareModes, []);
  const step = spec.scenarios[0]!.steps[0]!;
  assert.deepEqual(step.argv, ['tool']);
  assert.equal(step.exitCode, 3);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.range]),
    [
      [VMD_CODES.statusInvalid.code, rangeOf(text, 'nope')],
      [VMD_CODES.modeUnknown.code, rangeOf(text, '~fuzzy')],
      [VMD_CODES.cellUndecodable.code, rangeOf(text, 'oops')],
      [VMD_CODES.caseDuplicate.code, rangeIn(text, 'good | 5', 'good')],
      [VMD_CODES.commandUnterminatedQuote.code, rangeOf(text, '"open')],
      [VMD_CODES.streamExpectsString.code, rangeOf(text, '42')],
    ],
  );
});

test('a signature with a bad parameter list still gives a group, and its rows are not checked', () => {
  const text = '@spec S\n\n@covers thing\nf(x, , y)\nrow | 1\n';
  const { spec, diagnostics } = parseVmd(text, FILE);
  assert.equal(spec.groups[0]!.name, 'f');
  assert.deepEqual(
    spec.groups[0]!.covers.map((c) => c.text),
    ['thing'],
  );
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    [VMD_CODES.paramEmpty.code],
  );
});

test('duplicates point back at the first definition', () => {
  const text = '@spec S\n@fixture A = 1\n@fixture A = 2\n\nf(x)\na | 1 | 2\na | 3 | 4\n';
  const { diagnostics } = parseVmd(text, FILE);
  const fixture = diagnostics.find((d) => d.code === VMD_CODES.fixtureDuplicate.code)!;
  assert.deepEqual(fixture.related, [
    { file: FILE, range: rangeIn(text, '@fixture A = 1', 'A'), message: "fixture 'A' is first defined here" },
  ]);
  const row = diagnostics.find((d) => d.code === VMD_CODES.caseDuplicate.code)!;
  assert.deepEqual(row.related[0]!.range, rangeIn(text, 'a | 1', 'a'));
});

test('quick fixes: unknown mode, status and directive suggest the closest known word', () => {
  const text = '@spec S\n@statsu draft\n@status drafts\n\nf(x) ~aprox\na | 1 | 2\n';
  const { diagnostics } = parseVmd(text, FILE);
  const fixes = diagnostics.map((d) => [d.code, d.fixes[0]?.edits[0]?.newText]);
  assert.deepEqual(fixes, [
    [VMD_CODES.directiveUnknown.code, '@status'],
    [VMD_CODES.statusInvalid.code, 'draft'],
    [VMD_CODES.modeUnknown.code, '~approx'],
  ]);
  assert.deepEqual(diagnostics[2]!.fixes[0]!.edits[0]!.range, rangeOf(text, '~aprox'));
});

test('missing @spec offers to add one named after the file', () => {
  const { diagnostics } = parseVmd('f(x)\na | 1 | 2\n', '/p/specs/todo-store.vmd');
  assert.equal(diagnostics[0]!.code, VMD_CODES.specMissing.code);
  assert.equal(diagnostics[0]!.fixes[0]!.edits[0]!.newText, '@spec TODO-STORE\n');
});

test('an empty file reports the missing @spec and the missing cases at the start', () => {
  const { spec, diagnostics } = parseVmd('', FILE);
  assert.deepEqual(spec, { kind: 'vmd', file: FILE, fixtures: [], groups: [], scenarios: [] });
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.range]),
    [
      [VMD_CODES.specMissing.code, range(0, 0, 0, 0)],
      [VMD_CODES.noCases.code, range(0, 0, 0, 0)],
    ],
  );
});

test('a scenario header inside a group starts the scenario; an @ line ends any stanza', () => {
  const text = '@spec S\n\nf(x)\na | 1 | 2\nscenario next:\nwhen f(1)\nthen ok\n@covers f\ng(y)\nb | 1 | 2\n';
  const { spec, diagnostics } = parseVmd(text, FILE);
  assert.deepEqual(diagnostics, []);
  assert.equal(spec.scenarios[0]!.slug, 'next');
  assert.deepEqual(
    spec.groups.map((g) => [g.name, g.covers.map((c) => c.text)]),
    [
      ['f', []],
      ['g', ['f']],
    ],
  );
});

test('given bindings: opaque fixtures and given names that shadow JSON words', () => {
  const text =
    '@spec S\n@fixture conn = !db\n\nscenario s:\ngiven conn\ngiven true = 5\nwhen f(conn, true, false)\nthen ok\n';
  const { spec, diagnostics } = parseVmd(text, FILE);
  assert.deepEqual(diagnostics, []);
  const s = spec.scenarios[0]!;
  assert.deepEqual(
    s.givens.map((g) => [g.name, g.opaque ?? false, g.fixture]),
    [
      ['conn', true, 'conn'],
      ['true', false, undefined],
    ],
  );
  assert.deepEqual(s.call!.args, [undefined, 5, false]);
  assert.deepEqual(s.call!.rawArgs, ['conn', '5', 'false']);
});

test('scenario slugs: lower-cased words joined by _', () => {
  const text = '@spec S\n\nscenario  Rejects: UTF-8 (bad) input! :\nwhen $ t\n';
  const { spec } = parseVmd(text, FILE);
  assert.equal(spec.scenarios[0]!.name, 'Rejects: UTF-8 (bad) input!');
  assert.equal(spec.scenarios[0]!.slug, 'rejects_utf_8_bad_input');
});

test('a large file parses in one linear pass', () => {
  const rows = Array.from({ length: 20000 }, (_, i) => `case_${i} | ${i} | "v${i}"`);
  const text = `@spec S\n\nf(x)\n${rows.join('\n')}\n`;
  const { spec, diagnostics } = parseVmd(text, FILE);
  assert.deepEqual(diagnostics, []);
  assert.equal(spec.groups[0]!.cases.length, 20000);
});
