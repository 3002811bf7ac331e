import type { Severity } from './diagnostic';

/** What a stable diagnostic code means. Every code is listed in docs/diagnostics.md. */
export interface CodeInfo {
  code: string;
  /** Default severity; a check may raise it (e.g. coverage with `require_coverage`). */
  severity: Severity;
  /** One line saying what the code reports. */
  title: string;
}

/** Declares a table of codes; keys are the names checks use, values carry code and severity. */
export function defineCodes<const T extends Record<string, CodeInfo>>(codes: T): T {
  return codes;
}
