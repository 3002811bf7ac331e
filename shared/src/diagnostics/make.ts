import type { Range } from '../text/range';
import type { CodeInfo } from './code-info';
import type { Diagnostic, Fix, RelatedLocation, Severity } from './diagnostic';

export interface DiagnosticExtras {
  related?: RelatedLocation[];
  fixes?: Fix[];
  severity?: Severity;
}

/** Builds a diagnostic for a registered code. */
export function diag(
  info: CodeInfo,
  file: string,
  range: Range,
  message: string,
  extras: DiagnosticExtras = {},
): Diagnostic {
  return {
    code: info.code,
    severity: extras.severity ?? info.severity,
    file,
    range,
    message,
    related: extras.related ?? [],
    fixes: extras.fixes ?? [],
  };
}
