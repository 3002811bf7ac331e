import { defineCodes } from './code-info';

/** Codes for ossature.toml and project discovery (OSS001–OSS099). */
export const CONFIG_CODES = defineCodes({});
