import { defineCodes } from './code-info';

/** Codes for the requirement coverage ledger (OSS500–OSS549). */
export const COVERAGE_CODES = defineCodes({
  uncoveredRequirement: {
    code: 'OSS500',
    severity: 'warning',
    title: 'A requirement is covered by no VMD case and no plan task (an error with [test] require_coverage)',
  },
  danglingTarget: {
    code: 'OSS501',
    severity: 'warning',
    title: 'A `@covers` or plan `covers` target names no requirement of its spec',
  },
  errorTypeNotCovered: {
    code: 'OSS502',
    severity: 'warning',
    title: 'A requirement declares an error type no covering case expects',
  },
});
