import { defineCodes } from './code-info';

/** Codes for Requirement coverage ledger (OSS500–OSS549). */
export const COVERAGE_CODES = defineCodes({});
