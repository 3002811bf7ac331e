import { defineCodes } from './code-info';

/** Codes for Cross-file checks between specs, and spec warnings (OSS400–OSS499). */
export const CROSS_CODES = defineCodes({});
