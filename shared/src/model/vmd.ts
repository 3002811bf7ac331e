import type { Range } from '../text/range';
import type { Located } from './common';

export const VMD_COMPARE_MODES = ['approx', 'unordered', 'matches', 'struct', 'decimal'] as const;
export type CompareMode = (typeof VMD_COMPARE_MODES)[number];

/** One target of `@covers`: an anchor slug or a quoted heading. */
export interface CoversTarget {
  text: string;
  quoted: boolean;
  range: Range;
}

export interface Fixture {
  name: string;
  nameRange: Range;
  range: Range;
  opaque: boolean;
  /** `!label` of an opaque fixture. */
  label?: string;
  /** Decoded JSON value of a value fixture. */
  value?: unknown;
  raw?: string;
}

export interface GroupParam {
  name: string;
  type?: 'decimal';
  range: Range;
}

export type ExpectKind = 'value' | 'error' | 'ok';

export interface ValueCase {
  name: string;
  nameRange: Range;
  range: Range;
  inputs: unknown[];
  rawInputs: string[];
  expectKind: ExpectKind;
  expected?: unknown;
  rawExpected: string;
  errorType?: string;
  errorMessage?: string;
  errorRange?: Range;
}

export interface Group {
  name: string;
  nameRange: Range;
  /** From the signature line to the last row. */
  range: Range;
  params: GroupParam[];
  /** Number of params that take a column (opaque-fixture params take none). */
  arity: number;
  returns?: string;
  compareModes: CompareMode[];
  approxTol?: number;
  covers: CoversTarget[];
  cases: ValueCase[];
}

export interface Given {
  name: string;
  range: Range;
  /** `given name = <JSON>`. */
  value?: unknown;
  /** `given FIXTURE`. */
  fixture?: string;
}

export interface CallStep {
  target: string;
  targetRange: Range;
  range: Range;
  args: unknown[];
  rawArgs: string[];
  expectKind?: ExpectKind;
  expected?: unknown;
  errorType?: string;
  errorMessage?: string;
  errorRange?: Range;
}

export type StreamMode = 'has' | 'is' | 'matches' | 'empty';

export interface CommandStep {
  /** Words of `when $ …`; a word with `\xNN` escapes that is not valid UTF-8 is kept as bytes. */
  argv: (string | Uint8Array)[];
  range: Range;
  /** Verbatim `> text` lines, or null. */
  stdoutLines: string[] | null;
  stdout: string | null;
  stdoutMode: StreamMode | null;
  exitCode: number;
  stderr: string | null;
  stderrMode: StreamMode | null;
}

export interface Scenario {
  /** The free words after `scenario`. */
  name: string;
  /** Lower-cased words joined by `_`. */
  slug: string;
  nameRange: Range;
  range: Range;
  kind: 'call' | 'command';
  covers: CoversTarget[];
  givens: Given[];
  call?: CallStep;
  steps: CommandStep[];
}

export interface VmdSpec {
  kind: 'vmd';
  /** Absolute path. */
  file: string;
  specId?: Located<string>;
  archId?: Located<string>;
  status?: Located<string>;
  fixtures: Fixture[];
  groups: Group[];
  scenarios: Scenario[];
}
