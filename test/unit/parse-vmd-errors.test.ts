import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VMD_CODES } from '../../shared/src/diagnostics/codes-vmd';
import { parseVmd } from '../../shared/src/parse/vmd/vmd';
import type { Range } from '../../shared/src/text/range';
import { rangeIn, rangeOf } from '../support/find';

type Key = keyof typeof VMD_CODES;

/** A file with `@spec S` and a blank line before `body`. */
const vmd = (body: string): string => `@spec S\n\n${body}\n`;

interface Case {
  key: Key;
  text: string;
  /** Where the diagnostic points: the text of the offending token, or [context, token] for `rangeIn`. */
  at: string | [string, string];
  /** Occurrence of `at` (when a string) in the text. */
  occurrence?: number;
  /** Other codes the fixture reports as well (by default it must report exactly one diagnostic). */
  also?: Key[];
}

const CASES: Case[] = [
  // Fixtures.
  { key: 'fixtureMalformed', text: '@spec S\n@fixture broken\n\nf(x)\na | 1 | 2\n', at: '@fixture broken' },
  { key: 'fixtureMalformed', text: '@spec S\n@fixture\n\nf(x)\na | 1 | 2\n', at: '@fixture' },
  { key: 'fixtureInvalidName', text: '@spec S\n@fixture 9bad = 1\n\nf(x)\na | 1 | 2\n', at: '9bad' },
  {
    key: 'fixtureReservedName',
    text: '@spec S\n@fixture Ok = 1\n\nf(x)\na | 1 | 2\n',
    at: ['@fixture Ok', 'Ok'],
  },
  {
    key: 'fixtureDuplicate',
    text: '@spec S\n@fixture A = 1\n@fixture A = 2\n\nf(x)\na | A | 2\n',
    at: ['@fixture A = 2', 'A'],
  },
  { key: 'fixtureMissingLabel', text: '@spec S\n@fixture conn = !\n\nf(x)\na | 1 | 2\n', at: ['= !', '!'] },
  { key: 'fixtureInvalidJson', text: '@spec S\n@fixture A = {bad\n\nf(x)\na | 1 | 2\n', at: '{bad' },
  { key: 'fixtureInvalidJson', text: '@spec S\n@fixture A = word  # note\n\nf(x)\na | 1 | 2\n', at: 'word' },

  // Directives.
  { key: 'coversEmptyTarget', text: vmd('@covers\nf(x)\na | 1 | 2'), at: '@covers' },
  { key: 'coversEmptyTarget', text: vmd('@covers a,,b\nf(x)\na | 1 | 2'), at: ',', occurrence: 1 },
  { key: 'coversEmptyTarget', text: vmd('@covers ""\nf(x)\na | 1 | 2'), at: '""' },
  { key: 'coversMalformedTarget', text: vmd('@covers "unterminated\nf(x)\na | 1 | 2'), at: '"unterminated' },
  { key: 'coversMalformedTarget', text: vmd('@covers "Add" x\nf(x)\na | 1 | 2'), at: '"Add" x' },
  { key: 'coversInvalidTarget', text: vmd('@covers ok, bad target!\nf(x)\na | 1 | 2'), at: 'bad target!' },
  { key: 'coversDangling', text: vmd('f(x)\na | 1 | 2\n\n@covers thing'), at: '@covers thing' },
  { key: 'directiveDuplicate', text: '@spec S\n@spec T\n\nf(x)\na | 1 | 2\n', at: '@spec T' },
  { key: 'directiveEmpty', text: '@spec\n\nf(x)\na | 1 | 2\n', at: '@spec' },
  { key: 'directiveEmpty', text: '@spec S\n@status   # later\n\nf(x)\na | 1 | 2\n', at: '@status' },
  { key: 'directiveInvalidId', text: '@spec bad id!\n\nf(x)\na | 1 | 2\n', at: 'bad id!' },
  { key: 'directiveInvalidId', text: '@spec S\n@arch bad!\n\nf(x)\na | 1 | 2\n', at: 'bad!' },
  { key: 'directiveUnknown', text: '@spec S\n@fixtur A = 1\n\nf(x)\na | 1 | 2\n', at: '@fixtur' },
  { key: 'specMissing', text: '# cases\nf(x)\na | 1 | 2\n', at: '# cases' },
  { key: 'statusInvalid', text: '@spec S\n@status bogus\n\nf(x)\na | 1 | 2\n', at: 'bogus' },

  // Signatures.
  // The file has no group left, which is reported too.
  { key: 'signatureUnrecognised', text: vmd('just some prose'), at: 'just some prose', also: ['noCases'] },
  {
    key: 'signatureUnrecognised',
    text: vmd('scenario no colon\n\nf(x)\na | 1 | 2'),
    at: 'scenario no colon',
  },
  { key: 'signatureUnrecognised', text: vmd('f(x)\na | 1 | 2\n\nb | 3 | 4'), at: 'b | 3 | 4' },
  { key: 'groupInvalidName', text: vmd('9func(x)\na | 1 | 2'), at: '9func' },
  { key: 'signatureTrailingText', text: vmd('f(x) trailing junk\na | 1 | 2'), at: 'trailing junk' },
  { key: 'modeTokenExpected', text: vmd('f(x) ~struct oops\na | 1 | 2'), at: 'oops' },
  { key: 'modeTokenExpected', text: vmd('f(x) -> int ~struct oops\na | 1 | 2'), at: 'oops' },
  { key: 'modeUnknown', text: vmd('f(x) ~fuzzy\na | 1 | 2'), at: '~fuzzy' },
  { key: 'modeDuplicate', text: vmd('f(x) ~struct ~struct\na | 1 | 2'), at: '~struct', occurrence: 1 },
  { key: 'approxToleranceInvalid', text: vmd('f(x) ~approx:abc\na | 1 | 2'), at: 'abc' },
  { key: 'modeArgumentUnexpected', text: vmd('f(x) ~struct:5\na | 1 | 2'), at: ':5' },
  { key: 'modeCliRemoved', text: vmd('yep(argv) ~cli\nbad | ["x"] | 1'), at: '~cli' },
  { key: 'paramEmpty', text: vmd('f(x, , y)\na | 1 | 2 | 3'), at: ['f(x, , y)', ' '] },
  { key: 'paramEmpty', text: vmd('f(x,)\na | 1 | 2'), at: [',)', ','] },
  { key: 'paramInvalidName', text: vmd('f(9bad)\na | 1 | 2'), at: '9bad' },
  { key: 'paramDuplicate', text: vmd('f(x, x)\na | 1 | 2 | 3'), at: 'x', occurrence: 1 },
  { key: 'paramUnknownType', text: vmd('f(x:datetime)\na | 1 | 2'), at: 'datetime' },
  { key: 'groupDuplicate', text: vmd('f(x)\na | 1 | 2\n\nf(y)\nb | 1 | 2'), at: ['f(y)', 'f'] },
  { key: 'groupDuplicate', text: vmd('Add(x)\na | 1 | 2\n\nadd(y)\nb | 1 | 2'), at: 'add' },

  // Rows.
  { key: 'rowColumnCount', text: vmd('f(x, y)\na | 1 | 2'), at: 'a | 1 | 2' },
  { key: 'rowColumnCount', text: vmd('@fixture db = !fresh\nf(db, y)\na | 1 | 2 | 3'), at: 'a | 1 | 2 | 3' },
  { key: 'caseInvalidName', text: vmd('f(x)\nbad name | 1 | 2'), at: 'bad name' },
  { key: 'caseDuplicate', text: vmd('f(x)\na | 1 | 2\na | 3 | 4'), at: ['a | 3', 'a'] },
  { key: 'cellUndecodable', text: vmd('f(x)\na | hello | 2'), at: 'hello' },
  { key: 'cellUndecodable', text: vmd('f(x)\na |  | 2'), at: ['a |  |', '  '] },
  { key: 'cellUndecodable', text: vmd('f(x)\na | 1 | nope'), at: 'nope' },
  // Columns are UTF-16 code units, as in the LSP.
  { key: 'cellUndecodable', text: vmd('f(x, y)\na | "😀é" | bad | 1'), at: 'bad' },
  {
    key: 'cellOpaqueFixture',
    text: vmd('@fixture conn = !fresh db\nf(x)\na | conn | 2'),
    at: ['a | conn', 'conn'],
  },
  { key: 'cellNotDecimal', text: vmd('f(amount:decimal)\na | true | 2'), at: 'true' },
  { key: 'cellNotDecimal', text: vmd('f(amount:decimal)\na | "abc" | 2'), at: '"abc"' },
  { key: 'errorTypeInvalid', text: vmd('f(x)\na | 1 | !9bad'), at: '9bad' },
  { key: 'errorTypeInvalid', text: vmd('f(x)\na | 1 | !: oops'), at: '!: oops' },
  { key: 'matchesExpectsString', text: vmd('f(x) ~matches\na | 1 | 42'), at: '42' },
  { key: 'groupNoRows', text: vmd('f(x)'), at: 'f(x)' },

  // Scenarios.
  { key: 'scenarioNameEmpty', text: vmd('scenario !!!:\nwhen f(1)\nthen ok'), at: '!!!' },
  { key: 'scenarioNameEmpty', text: vmd('scenario :\nwhen f(1)\nthen ok'), at: 'scenario :' },
  {
    key: 'scenarioDuplicate',
    text: vmd('scenario Same thing:\nwhen f(1)\nthen ok\n\nscenario same  thing:\nwhen g(1)\nthen ok'),
    at: 'same  thing',
  },
  { key: 'scenarioUnexpectedLine', text: vmd('scenario ux:\nwhen f(1)\nthn ok\nthen ok'), at: 'thn ok' },
  { key: 'scenarioNoWhen', text: vmd('scenario empty:\ngiven x = 1'), at: 'empty' },
  { key: 'givenAfterWhen', text: vmd('scenario late:\nwhen f(1)\ngiven x = 1\nthen ok'), at: 'given x = 1' },
  { key: 'givenMalformed', text: vmd('scenario g:\ngiven x =\nwhen f(1)\nthen ok'), at: 'given x =' },
  { key: 'givenInvalidJson', text: vmd('scenario bad:\ngiven x = {oops\nwhen f(x)\nthen ok'), at: '{oops' },
  {
    key: 'givenDuplicate',
    text: vmd('scenario dup:\ngiven x = 1\ngiven x = 2\nwhen f(x)\nthen ok'),
    at: ['given x = 2', 'x'],
  },
  { key: 'givenUnknownFixture', text: vmd('scenario fx:\ngiven MISSING\nwhen f(1)\nthen ok'), at: 'MISSING' },
  { key: 'whenMalformed', text: vmd('scenario bw:\nwhen just prose\nthen ok'), at: 'when just prose' },
  {
    key: 'scenarioMixedSteps',
    text: vmd('scenario mix:\nwhen f(1)\nthen ok\nwhen $ tool x'),
    at: 'when $ tool x',
  },
  { key: 'scenarioMixedSteps', text: vmd('scenario mix:\nwhen $ tool x\nwhen f(1)'), at: 'when f(1)' },
  { key: 'callSecondWhen', text: vmd('scenario two:\nwhen f(1)\nwhen g(2)\nthen ok'), at: 'when g(2)' },
  { key: 'commandUnterminatedQuote', text: vmd('scenario uq:\nwhen $ t "unclosed'), at: '"unclosed' },
  { key: 'commandInvalidEscape', text: vmd('scenario ie:\nwhen $ t \\q'), at: '\\q' },
  { key: 'commandShellMetachar', text: vmd('scenario sh:\nwhen $ t x | grep y'), at: '|' },
  { key: 'commandShellMetachar', text: vmd('scenario sh:\nwhen $ t "a;b" x>out'), at: '>' },
  { key: 'commandEmpty', text: vmd('scenario ec:\nwhen $   # nothing'), at: '$' },
  { key: 'callArgUnknownName', text: vmd('scenario an:\nwhen f(1, mystery)\nthen ok'), at: 'mystery' },
  { key: 'callArgInvalidJson', text: vmd('scenario aj:\nwhen f(1, {bad)\nthen ok'), at: '{bad' },
  { key: 'callArgInvalidJson', text: vmd('scenario ac:\nwhen f(1 2)\nthen ok'), at: ['f(1 2)', '2'] },
  {
    key: 'callArgOpaqueFixture',
    text: vmd('@fixture conn = !db\nscenario oa:\nwhen f(conn)\nthen ok'),
    at: ['f(conn)', 'conn'],
  },
  { key: 'callNoThen', text: vmd('scenario nt:\nwhen f(1)'), at: 'when f(1)' },
  { key: 'thenWithoutWhen', text: vmd('scenario tb:\nthen exit 0\nwhen $ t'), at: 'then exit 0' },
  {
    key: 'callSecondThen',
    text: vmd('scenario t2:\nwhen f(1)\nthen ok\nthen returns 1'),
    at: 'then returns 1',
  },
  { key: 'thenMalformed', text: vmd('scenario bt:\nwhen f(1)\nthen explodes'), at: 'then explodes' },
  { key: 'thenMalformed', text: vmd('scenario bc:\nwhen $ t x\nthen explodes'), at: 'then explodes' },
  { key: 'thenReturnsInvalidJson', text: vmd('scenario rj:\nwhen f(1)\nthen returns oops'), at: 'oops' },
  {
    key: 'exitDuplicate',
    text: vmd('scenario de:\nwhen $ t x\nthen exit 1\nthen exit 2'),
    at: 'then exit 2',
  },
  { key: 'exitNotInteger', text: vmd('scenario be:\nwhen $ t x\nthen exit soon'), at: 'soon' },
  {
    key: 'streamDuplicate',
    text: vmd('scenario ds:\nwhen $ t x\nthen stdout has "a"\nthen stdout is "b"'),
    at: 'then stdout is "b"',
  },
  { key: 'streamExpectsString', text: vmd('scenario ss:\nwhen $ t x\nthen stdout has 42'), at: '42' },
  { key: 'streamEmptyWithValue', text: vmd('scenario ev:\nwhen $ t x\nthen stdout empty "x"'), at: '"x"' },
  {
    key: 'streamInvalidPattern',
    text: vmd('scenario ip:\nwhen $ t x\nthen stderr matches "(unclosed"'),
    at: '"(unclosed"',
  },
  { key: 'outputWithoutCommand', text: vmd('scenario ol:\n> hello\n> world\nwhen $ t'), at: '> hello' },
  {
    key: 'outputWithStdoutCheck',
    text: vmd('scenario oc:\nwhen $ t x\nthen stdout has "a"\n> hello\n> again'),
    at: '> hello',
  },
  {
    key: 'outputWithStdoutCheck',
    text: vmd('scenario oc:\nwhen $ t x\n> hello\nthen stdout has "a"'),
    at: 'then stdout has "a"',
  },
  { key: 'noCases', text: '@spec S\n', at: '@spec S' },
];

function where(c: Case): Range {
  return typeof c.at === 'string'
    ? rangeOf(c.text, c.at, c.occurrence ?? 0)
    : rangeIn(c.text, c.at[0], c.at[1]);
}

for (const c of CASES) {
  const info = VMD_CODES[c.key];
  test(`${info.code} ${c.key}: ${JSON.stringify(c.text.replace('@spec S\n\n', '').trim())}`, () => {
    const { diagnostics } = parseVmd(c.text, '/p/specs/s.vmd');
    const found = diagnostics.filter((d) => d.code === info.code);
    assert.equal(found.length, 1, `expected one ${info.code}, got ${JSON.stringify(diagnostics, null, 1)}`);
    const d = found[0]!;
    assert.deepEqual(d.range, where(c));
    assert.equal(d.severity, 'error');
    assert.equal(d.file, '/p/specs/s.vmd');
    assert.ok(d.message.length > 20, d.message);
    const others = diagnostics.filter((x) => x !== d).map((x) => x.code);
    const allowed = (c.also ?? []).map((k) => VMD_CODES[k].code);
    assert.deepEqual(
      others.sort(),
      allowed.sort(),
      `unexpected extra diagnostics: ${JSON.stringify(diagnostics)}`,
    );
  });
}

test('every VMD code has a failing fixture above', () => {
  const tested = new Set(CASES.map((c) => c.key));
  const missing = Object.keys(VMD_CODES).filter((k) => !tested.has(k as Key));
  assert.deepEqual(missing, []);
});

test('VMD codes stay within OSS300–OSS399', () => {
  for (const info of Object.values(VMD_CODES)) {
    const n = Number(info.code.slice(3));
    assert.ok(n >= 300 && n <= 399, info.code);
  }
});
