import type { Range } from '../text/range';
import type { Frontmatter, Located, Section } from './common';

export const SMD_SECTIONS = [
  'Overview',
  'Goals',
  'Non-Goals',
  'Requirements',
  'Constraints',
  'Examples',
  'Acceptance Criteria',
  'Notes',
] as const;

export interface RequirementError {
  condition: string;
  response: string;
  range: Range;
}

/** A `### Title {#anchor .no-verify}` chunk under `## Requirements`. */
export interface Requirement {
  /** Heading text without `### ` and without a recognised brace marker. */
  title: string;
  titleRange: Range;
  /** From the `###` line to the end of the chunk. */
  range: Range;
  anchor?: string;
  noVerify: boolean;
  description: string;
  accepts?: Located<string>;
  returns?: Located<string>;
  errors: RequirementError[];
}

export interface Example {
  name: string;
  nameRange: Range;
  range: Range;
  input?: string;
  output?: string;
}

/**
 * A parsed `.smd`. Parsers always return one, filled as far as the text allows; what is missing or
 * wrong is reported as diagnostics next to it.
 */
export interface SmdSpec {
  kind: 'smd';
  /** Absolute path. */
  file: string;
  frontmatter?: Frontmatter;
  id?: Located<string>;
  status?: Located<string>;
  priority?: Located<string>;
  depends: Located<string>[];
  /** The H1 text. */
  title?: Located<string>;
  /** Every `##` section in order, known or not. */
  sections: Section[];
  overview: string;
  goals: Located<string>[];
  nonGoals: Located<string>[];
  requirements: Requirement[];
  constraints: Located<string>[];
  examples: Example[];
  acceptanceCriteria: Located<string>[];
  notes: string;
}
