import { z } from 'zod';

/** Structured outputs of the spec audit and the cross-spec audit (reference §4.2, §4.3). */

export const FINDING_SEVERITIES = ['error', 'warning', 'info'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

const severity = z
  .enum(FINDING_SEVERITIES)
  .describe('error: the spec cannot be built as written; warning: likely problem; info: suggestion');

export const auditFindingSchema = z.object({
  severity,
  location: z
    .string()
    .describe(
      'Where in the spec, as "Section > Subsection, L<line>", e.g. "Requirements > Token Format, L42"',
    ),
  issue: z.string().describe('What is wrong, in one or two sentences'),
  suggestion: z.string().describe('The concrete change that fixes it; empty if none'),
});
export type AuditFinding = z.output<typeof auditFindingSchema>;

export const specAuditReportSchema = z.object({
  findings: z.array(auditFindingSchema).describe('Every problem found; an empty list when there are none'),
});
export type SpecAuditReport = z.output<typeof specAuditReportSchema>;

export const crossSpecFindingSchema = z.object({
  severity,
  specs: z.array(z.string()).min(1).describe('Ids of the specs involved, e.g. ["AUTH", "API"]'),
  issue: z.string().describe('The inconsistency between the specs'),
  suggestion: z.string().describe('The concrete change that resolves it; empty if none'),
});
export type CrossSpecFinding = z.output<typeof crossSpecFindingSchema>;

export const crossSpecAuditReportSchema = z.object({
  findings: z
    .array(crossSpecFindingSchema)
    .describe('Every cross-spec problem; an empty list when there are none'),
});
export type CrossSpecAuditReport = z.output<typeof crossSpecAuditReportSchema>;
