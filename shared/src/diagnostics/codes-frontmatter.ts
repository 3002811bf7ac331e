import { defineCodes } from './code-info';

/** Codes for Frontmatter and legacy metadata of .smd/.amd (OSS100–OSS149). */
export const FRONTMATTER_CODES = defineCodes({});
