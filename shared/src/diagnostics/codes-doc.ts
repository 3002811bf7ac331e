import type { CodeInfo } from './code-info';
import {
  AMD_CODES,
  CONFIG_CODES,
  COVERAGE_CODES,
  CROSS_CODES,
  FRONTMATTER_CODES,
  PLAN_CODES,
  SMD_CODES,
  VMD_CODES,
} from './codes';

const AREAS: [string, Record<string, CodeInfo>][] = [
  ['ossature.toml and project discovery', CONFIG_CODES],
  ['Frontmatter and legacy metadata (.smd, .amd)', FRONTMATTER_CODES],
  ['Specs (.smd)', SMD_CODES],
  ['Architectures (.amd)', AMD_CODES],
  ['Verification cases (.vmd)', VMD_CODES],
  ['Between specs, and spec warnings', CROSS_CODES],
  ['Requirement coverage', COVERAGE_CODES],
  ['Plan (.ossature/plan.toml)', PLAN_CODES],
];

/** docs/diagnostics.md, generated from the code tables so the two cannot drift (a test compares them). */
export function renderDiagnosticsDoc(): string {
  const parts = [
    '# Diagnostic codes',
    '',
    '<!-- Generated from shared/src/diagnostics/codes-*.ts by `npm run docs:diagnostics`; do not edit. -->',
    '',
    'Every problem `ossature validate` and the editor report carries one of these stable codes. The severity',
    'shown is the default; `[test] require_coverage = true` raises OSS500 to an error. Each message says what',
    'is wrong and what to do, and points at the exact text (file, line, column).',
    '',
  ];
  for (const [area, table] of AREAS) {
    const codes = Object.values(table).sort((a, b) => a.code.localeCompare(b.code));
    if (codes.length === 0) continue;
    parts.push(`## ${area}`, '', '| Code | Severity | What it reports |', '|---|---|---|');
    for (const c of codes) parts.push(`| ${c.code} | ${c.severity} | ${c.title.replace(/\|/g, '\\|')} |`);
    parts.push('');
  }
  return parts.join('\n');
}
