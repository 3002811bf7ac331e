import { writeFileAtomicSync } from '../store/atomic-write';
import { utcTimestamp } from './timestamp';
import type { CrossSpecAuditReport, Severity, SpecAuditReport } from './types';

/**
 * `.ossature/audit-report.md` (reference §4.6), byte for byte as the original writes it:
 *
 *     # Audit Report: <name> v<version>
 *
 *     **Date:** <UTC>
 *     **Specs:** A, B
 *
 *     ## Cross-Spec Findings        ← only when a cross-spec report exists
 *
 *     ### WARNING: A <-> B
 *
 *     **Issue:** …
 *
 *     **Suggestion:** …
 *
 *     ## A Findings
 *     …                             ← "No findings identified." when empty
 */

export interface AuditReportInput {
  name: string;
  version: string;
  date: Date;
  /** Spec id → its report, in the order the specs are listed (the original's spec-file order). */
  specReports: ReadonlyArray<readonly [string, SpecAuditReport]>;
  crossSpec?: CrossSpecAuditReport;
}

const label = (severity: Severity) => severity.toUpperCase();

export function renderAuditReport(input: AuditReportInput): string {
  const out: string[] = [
    `# Audit Report: ${input.name} v${input.version}\n\n`,
    `**Date:** ${utcTimestamp(input.date)}\n`,
    `**Specs:** ${input.specReports.map(([id]) => id).join(', ')}\n\n`,
  ];
  const entry = (heading: string, issue: string, suggestion: string) =>
    out.push(`### ${heading}\n\n`, `**Issue:** ${issue}\n\n`, `**Suggestion:** ${suggestion}\n\n`);

  if (input.crossSpec) {
    out.push('## Cross-Spec Findings\n\n');
    if (input.crossSpec.findings.length === 0) out.push('No cross-spec findings identified.\n\n');
    for (const f of input.crossSpec.findings) {
      entry(`${label(f.severity)}: ${f.specs.join(' <-> ')}`, f.issue, f.suggestion);
    }
  }
  for (const [id, report] of input.specReports) {
    out.push(`## ${id} Findings\n\n`);
    if (report.findings.length === 0) out.push('No findings identified.\n\n');
    for (const f of report.findings) entry(`${label(f.severity)}: ${f.location}`, f.issue, f.suggestion);
  }
  return out.join('');
}

/** Writes the report atomically. */
export function writeAuditReport(file: string, input: AuditReportInput): void {
  writeFileAtomicSync(file, renderAuditReport(input));
}

/** Finding counts per severity (for the summary panel and the exit decision). */
export function severityCounts(
  reports: Iterable<SpecAuditReport | CrossSpecAuditReport>,
): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const report of reports) for (const f of report.findings) counts[f.severity]++;
  return counts;
}

/** Findings sorted info → warning → error, as the console table lists them (stable within a severity). */
export function findingsForTable<T extends { severity: Severity }>(findings: readonly T[]): T[] {
  const rank: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
  return [...findings].sort((a, b) => rank[a.severity] - rank[b.severity]);
}
