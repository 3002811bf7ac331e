import { defineCodes } from './code-info';

/** Codes for .vmd verification files (OSS300–OSS399). */
export const VMD_CODES = defineCodes({});
