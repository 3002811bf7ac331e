import { defineCodes } from './code-info';

/** Codes for .amd architecture files (OSS200–OSS249). */
export const AMD_CODES = defineCodes({});
