import { join } from 'node:path';
import {
  AUDIT_FINDINGS_FILE,
  AUDIT_FINDINGS_VERSION,
  type AuditFindingRecord,
  type AuditFindingsFile,
  type FindingPlace,
} from '../model/audit-findings';
import { writeFileAtomicSync } from '../store/atomic-write';
import { projectRelative } from './file-order';
import { locateFinding, titleLine } from './finding-location';
import type { SpecFileText } from './numbered-input';
import { utcTimestamp } from './timestamp';
import type { CrossSpecAuditReport, SpecAuditReport } from './types';

/**
 * Builds `.ossature/audit-findings.json` (schema in `model/audit-findings.ts`): each finding with the file and
 * line it points at, so the editor can show it in place.
 */

export interface SpecFindingsInput {
  specId: string;
  report: SpecAuditReport;
  /** The files of this spec's audit input, in prompt order (`SpecAuditInput.files`). */
  files: readonly SpecFileText[];
}

export interface AuditFindingsInput {
  root: string;
  date: Date;
  specs: readonly SpecFindingsInput[];
  crossSpec?: CrossSpecAuditReport;
  /** Spec id → its SMD (for cross-spec findings, which point at each spec's `# Title`). */
  smdById?: ReadonlyMap<string, Omit<SpecFileText, 'kind'>>;
}

export function buildAuditFindings(input: AuditFindingsInput): AuditFindingsFile {
  const rel = (file: string) => projectRelative(input.root, file);
  const findings: AuditFindingRecord[] = [];
  for (const spec of input.specs) {
    for (const f of spec.report.findings) {
      const at = locateFinding(f.location, spec.files);
      const related: FindingPlace[] = [];
      if (at) {
        for (const line of at.lines.slice(1)) {
          if (line !== at.line) related.push({ file: rel(at.file), line });
        }
      }
      findings.push({
        source: 'spec',
        specs: [spec.specId],
        severity: f.severity,
        location: f.location,
        issue: f.issue,
        suggestion: f.suggestion,
        ...(at ? { file: rel(at.file) } : {}),
        ...(at?.line !== undefined ? { line: at.line } : {}),
        related,
      });
    }
  }
  for (const f of input.crossSpec?.findings ?? []) {
    const places: FindingPlace[] = [];
    for (const id of f.specs) {
      const smd = input.smdById?.get(id);
      if (smd) places.push({ file: rel(smd.file), line: titleLine(smd.text) });
    }
    const [first, ...rest] = places;
    findings.push({
      source: 'cross-spec',
      specs: [...f.specs],
      severity: f.severity,
      location: f.specs.join(' <-> '),
      issue: f.issue,
      suggestion: f.suggestion,
      ...(first ? { file: first.file, line: first.line } : {}),
      related: rest,
    });
  }
  return { version: AUDIT_FINDINGS_VERSION, generated_at: utcTimestamp(input.date), findings };
}

/** The JSON text (two-space indent, final newline). */
export function renderAuditFindings(file: AuditFindingsFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Writes `<ossatureDir>/audit-findings.json` atomically and returns its path. */
export function writeAuditFindings(ossatureDir: string, file: AuditFindingsFile): string {
  const path = join(ossatureDir, AUDIT_FINDINGS_FILE);
  writeFileAtomicSync(path, renderAuditFindings(file));
  return path;
}
