import { defineCodes } from './code-info';

/** Codes for .smd specs (OSS150–OSS199). */
export const SMD_CODES = defineCodes({});
