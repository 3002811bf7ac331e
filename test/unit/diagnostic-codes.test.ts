import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ALL_CODES } from '../../shared/src/diagnostics/codes';
import { renderDiagnosticsDoc } from '../../shared/src/diagnostics/codes-doc';

test('every diagnostic code is unique and well-formed', () => {
  const seen = new Set<string>();
  for (const info of ALL_CODES) {
    assert.match(info.code, /^OSS\d{3}$/);
    assert.ok(!seen.has(info.code), `${info.code} defined twice`);
    seen.add(info.code);
    assert.ok(info.title.length > 10, `${info.code} has a meaningful title`);
  }
});

test('docs/diagnostics.md documents exactly the current codes (run npm run docs:diagnostics)', () => {
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'diagnostics.md'), 'utf8');
  assert.equal(doc, renderDiagnosticsDoc());
  for (const info of ALL_CODES) assert.ok(doc.includes(`| ${info.code} |`), info.code);
});
