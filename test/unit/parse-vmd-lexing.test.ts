import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pythonRegexProblem } from '../../shared/src/parse/vmd/command-steps';
import { splitCommandWords } from '../../shared/src/parse/vmd/command-words';
import {
  commentStart,
  parseJson,
  parseJsonPrefix,
  splitOutsideStrings,
} from '../../shared/src/parse/vmd/json-cell';

const value = (text: string): unknown => {
  const r = parseJson(text);
  assert.ok(r.ok, `${text}: ${r.ok ? '' : r.message}`);
  return r.value;
};

test('JSON: standard values, and bare NaN / Infinity / -Infinity anywhere', () => {
  assert.deepEqual(value(' {"a": [1, -2.5e3, true, false, null], "b": "x\\u00e9\\n\\"q\\""} '), {
    a: [1, -2500, true, false, null],
    b: 'xé\n"q"',
  });
  assert.equal(value('Infinity'), Number.POSITIVE_INFINITY);
  assert.equal(value('-Infinity'), Number.NEGATIVE_INFINITY);
  assert.ok(Number.isNaN(value('NaN')));
  assert.deepEqual(value('{"x": [Infinity, -Infinity]}'), {
    x: [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
  });
  assert.equal(value('"😀"'), '😀');
  assert.deepEqual(Object.keys(value('{"__proto__": 1}') as object), ['__proto__']);
});

test('JSON: what Python json.loads rejects is rejected', () => {
  for (const bad of [
    '',
    'hello',
    "'x'",
    '01',
    '1.',
    '.5',
    '+1',
    '[1,]',
    '{"a":1,}',
    '{a:1}',
    '"a\tb"',
    '"\\x"',
    '1 2',
    '-NaN',
    'nan',
    'True',
  ]) {
    assert.equal(parseJson(bad).ok, false, bad);
  }
});

test('JSON prefix: reads one value and says where it ends', () => {
  const r = parseJsonPrefix('x [1, "a)"] , 2', 2);
  assert.deepEqual(r, { ok: true, value: [1, 'a)'], end: 11 });
  assert.deepEqual(parseJsonPrefix('{"a" 1}', 0), {
    ok: false,
    message: "expected ':' after an object key",
    at: 5,
  });
});

test('comments and separators count only outside JSON strings', () => {
  assert.equal(commentStart('a | "b # c" | d # note'), 16);
  assert.equal(commentStart('no comment'), 10);
  assert.equal(commentStart('"esc \\" # still string" # here'), 24);
  assert.deepEqual(splitOutsideStrings('a | "b|c" | d', '|'), [
    [0, 2],
    [3, 10],
    [11, 13],
  ]);
  assert.deepEqual(splitOutsideStrings('"q \\" |" | x', '|'), [
    [0, 9],
    [10, 12],
  ]);
});

test('command words: quotes, escapes and byte words', () => {
  const split = (s: string) => splitCommandWords(s);
  assert.deepEqual(split('tool "two words"  a\\"b c\\ d\te').words, ['tool', 'two words', 'a"b', 'c d', 'e']);
  assert.deepEqual(split('a"b c"d "x\\\\y" "p\\q"').words, ['ab cd', 'x\\y', 'p\\q']);
  assert.deepEqual(split('"a|b;c" "&<>"').words, ['a|b;c', '&<>']);
  // Bytes that form valid UTF-8 give a string; others give the raw bytes.
  assert.deepEqual(split('\\x41B \\xc3\\xa9 "\\x68i"').words, ['AB', 'é', 'hi']);
  assert.deepEqual(split('yep \\xff\\xfe').words, ['yep', new Uint8Array([0xff, 0xfe])]);
  assert.deepEqual(split('pre\\x80😀').words, [
    new Uint8Array([0x70, 0x72, 0x65, 0x80, 0xf0, 0x9f, 0x98, 0x80]),
  ]);
  assert.deepEqual(split('a  bb').offsets, [
    [0, 1],
    [3, 5],
  ]);
  // An escape that is not \xNN with two hex digits is invalid outside quotes…
  assert.equal(split('\\x4').error?.kind, 'invalidEscape');
  assert.equal(split('a\\').error?.kind, 'invalidEscape');
  // …and literal inside them.
  assert.deepEqual(split('"\\x4"').words, ['\\x4']);
});

test('command words: errors say where', () => {
  assert.deepEqual(splitCommandWords('ok "open').error?.kind, 'unterminatedQuote');
  assert.deepEqual(
    [splitCommandWords('ok "open').error?.start, splitCommandWords('ok "open').error?.end],
    [3, 8],
  );
  const meta = splitCommandWords('a b;c');
  assert.equal(meta.error?.kind, 'shellMetachar');
  assert.deepEqual([meta.error?.start, meta.error?.end], [3, 4]);
  assert.deepEqual(meta.words, ['a']);
  assert.equal(splitCommandWords('   ').error?.kind, 'empty');
});

test('matches patterns are checked with Python spellings translated', () => {
  assert.equal(pythonRegexProblem('(?i)utf-?8'), undefined);
  assert.equal(pythonRegexProblem('(?P<n>a+)(?P=n)(?#note)'), undefined);
  assert.equal(pythonRegexProblem('^\\d+ items?$'), undefined);
  assert.ok(pythonRegexProblem('(unclosed'));
  assert.ok(pythonRegexProblem('*x'));
});
