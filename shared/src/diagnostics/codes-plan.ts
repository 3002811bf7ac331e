import { defineCodes } from './code-info';

/** Codes for .ossature/plan.toml and other .ossature files (OSS600–OSS699). */
export const PLAN_CODES = defineCodes({});
