import { z } from 'zod';

/**
 * `.ossature/audit-findings.json`: every audit finding with the file and line it points at, so the editor
 * can show findings as diagnostics. This file is ours (the original writes only `audit-report.md`).
 *
 * Paths are project-root-relative with `/` separators (`specs/a.smd`); lines are 1-based, like the `L<n>`
 * numbers of the audit input.
 */

export const AUDIT_FINDINGS_FILE = 'audit-findings.json';
export const AUDIT_FINDINGS_VERSION = 1;

export const findingSeveritySchema = z.enum(['error', 'warning', 'info']);

export const findingPlaceSchema = z.object({
  /** Project-root-relative path, `/` separators. */
  file: z.string(),
  /** 1-based line; absent when the finding names no line the file has. */
  line: z.int().positive().optional(),
});

export type FindingPlace = z.infer<typeof findingPlaceSchema>;

export const auditFindingRecordSchema = z.object({
  /** `spec`: from one spec's audit; `cross-spec`: from the cross-spec audit. */
  source: z.enum(['spec', 'cross-spec']),
  /** The spec ids concerned: the audited spec, or the cross-spec finding's specs. */
  specs: z.array(z.string()),
  severity: findingSeveritySchema,
  /** As the auditor wrote it ("Requirements > Token Format, L42"); `A <-> B` for cross-spec findings. */
  location: z.string(),
  issue: z.string(),
  suggestion: z.string(),
  /** Where the finding points: a spec finding's cited line; a cross-spec finding's first spec title. */
  file: z.string().optional(),
  line: z.int().positive().optional(),
  /** Further places: other cited lines, the other specs of a cross-spec finding. */
  related: z.array(findingPlaceSchema).default([]),
});

export type AuditFindingRecord = z.infer<typeof auditFindingRecordSchema>;

export const auditFindingsFileSchema = z.object({
  version: z.literal(AUDIT_FINDINGS_VERSION),
  /** UTC, `YYYY-MM-DDTHH:MM:SSZ`. */
  generated_at: z.string(),
  findings: z.array(auditFindingRecordSchema),
});

export type AuditFindingsFile = z.infer<typeof auditFindingsFileSchema>;
