import type { CodeInfo } from './code-info';
import { AMD_CODES } from './codes-amd';
import { CONFIG_CODES } from './codes-config';
import { COVERAGE_CODES } from './codes-coverage';
import { CROSS_CODES } from './codes-cross';
import { FRONTMATTER_CODES } from './codes-frontmatter';
import { PLAN_CODES } from './codes-plan';
import { SMD_CODES } from './codes-smd';
import { VMD_CODES } from './codes-vmd';

export {
  AMD_CODES,
  CONFIG_CODES,
  COVERAGE_CODES,
  CROSS_CODES,
  FRONTMATTER_CODES,
  PLAN_CODES,
  SMD_CODES,
  VMD_CODES,
};

/** Every diagnostic code the engine can report, in code order. */
export const ALL_CODES: CodeInfo[] = [
  CONFIG_CODES,
  FRONTMATTER_CODES,
  SMD_CODES,
  AMD_CODES,
  VMD_CODES,
  CROSS_CODES,
  COVERAGE_CODES,
  PLAN_CODES,
]
  .flatMap((table) => Object.values(table) as CodeInfo[])
  .sort((a, b) => a.code.localeCompare(b.code));
