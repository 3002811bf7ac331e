import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CodeInfo } from '../../shared/src/diagnostics/code-info';
import {
  ALL_CODES,
  AMD_CODES,
  CONFIG_CODES,
  COVERAGE_CODES,
  CROSS_CODES,
  FRONTMATTER_CODES,
  PLAN_CODES,
  SMD_CODES,
  VMD_CODES,
} from '../../shared/src/diagnostics/codes';
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

test('every diagnostic code is exercised by at least one test (by code, CODES.key or a fixture-table key)', () => {
  const sources: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'fixtures') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.test.ts')) sources.push(readFileSync(path, 'utf8'));
    }
  };
  walk(join(__dirname, '..'));
  const all = sources.join('\n');
  const tables = [
    CONFIG_CODES,
    FRONTMATTER_CODES,
    SMD_CODES,
    AMD_CODES,
    VMD_CODES,
    CROSS_CODES,
    COVERAGE_CODES,
    PLAN_CODES,
  ];
  const untested = tables
    .flatMap((table) => Object.entries(table as Record<string, CodeInfo>))
    .filter(
      ([key, info]) =>
        ![info.code, `_CODES.${key}`, `key: '${key}'`].some((mention) => all.includes(mention)),
    )
    .map(([, info]) => info.code);
  assert.deepEqual(untested, []);
});
