import type { Range } from '../text/range';

export const SPEC_STATUSES = ['draft', 'review', 'approved', 'implemented', 'deprecated'] as const;
export type SpecStatus = (typeof SPEC_STATUSES)[number];

export const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** A value together with the range of the text it was read from. */
export interface Located<T> {
  value: T;
  range: Range;
}

/** A `## Heading` section of a Markdown spec. */
export interface Section {
  name: string;
  /** The `## Name` line. */
  headingRange: Range;
  /** From the heading to the last line before the next `## ` heading (or end of file). */
  range: Range;
  /** First and last line (0-based, inclusive) of the section body, after the heading. */
  bodyStartLine: number;
  bodyEndLine: number;
}

/** One `key: value` of a YAML frontmatter block (or a legacy `@key: value` line). */
export interface FrontmatterEntry {
  key: string;
  keyRange: Range;
  value: unknown;
  valueRange: Range;
  /** For YAML sequences: the range of each item, in order. */
  itemRanges: Range[];
}

export interface Frontmatter {
  /** From the opening `---` to the closing `---` (or the legacy metadata lines). */
  range: Range;
  entries: Map<string, FrontmatterEntry>;
  /** True when read from pre-0.0.5 `@key: value` lines instead of YAML. */
  legacy: boolean;
}
