import { relative, sep } from 'node:path';
import { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { ValidationResult } from '../project/project-api';

const location = {
  /** Relative to the project root, with `/` separators. */
  file: z.string(),
  /** 1-based. */
  line: z.int().positive(),
  /** 1-based, UTF-16 code units. */
  column: z.int().positive(),
  endLine: z.int().positive(),
  endColumn: z.int().positive(),
};

export const jsonDiagnosticSchema = z.object({
  ...location,
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string().regex(/^OSS\d{3}$/),
  message: z.string(),
  related: z.array(z.object({ ...location, message: z.string() })),
});

/** The shape `ossature validate --json` prints. */
export const validateReportSchema = z.object({
  diagnostics: z.array(jsonDiagnosticSchema),
  summary: z.object({
    smd: z.int().nonnegative(),
    amd: z.int().nonnegative(),
    vmd: z.int().nonnegative(),
    errors: z.int().nonnegative(),
    warnings: z.int().nonnegative(),
    infos: z.int().nonnegative(),
  }),
});

export type ValidateReport = z.infer<typeof validateReportSchema>;
export type JsonDiagnostic = z.infer<typeof jsonDiagnosticSchema>;

export function projectRelative(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}

function jsonLocation(root: string, file: string, r: Diagnostic['range']) {
  return {
    file: projectRelative(root, file),
    line: r.start.line + 1,
    column: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
  };
}

export function toValidateReport(result: ValidationResult): ValidateReport {
  return {
    diagnostics: result.diagnostics.map((d) => ({
      ...jsonLocation(result.root, d.file, d.range),
      severity: d.severity,
      code: d.code,
      message: d.message,
      related: d.related.map((r) => ({ ...jsonLocation(result.root, r.file, r.range), message: r.message })),
    })),
    summary: result.summary,
  };
}
