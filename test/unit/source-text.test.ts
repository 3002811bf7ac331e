import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SourceText } from '../../shared/src/text/source-text';

test('SourceText splits LF and CRLF lines and maps offsets both ways', () => {
  const src = new SourceText('a\r\nbc\ndef');
  assert.deepEqual(src.lines, ['a', 'bc', 'def']);
  assert.deepEqual(src.positionAt(4), { line: 1, character: 1 });
  assert.equal(src.offsetAt({ line: 2, character: 2 }), 8);
  assert.deepEqual(src.endRange().end, { line: 2, character: 3 });
});

test('SourceText keeps a final empty line after a trailing newline', () => {
  const src = new SourceText('x\n');
  assert.deepEqual(src.lines, ['x', '']);
});
