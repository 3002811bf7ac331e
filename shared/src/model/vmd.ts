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
  /** The parameter as written (`name` or `name:type`). */
  range: Range;
  /** True when an opaque fixture of the same name supplies it: it takes no column. */
  opaque?: boolean;
}

export type ExpectKind = 'value' | 'error' | 'ok';

export interface ValueCase {
  name: string;
  nameRange: Range;
  range: Range;
  inputs: unknown[];
  rawInputs: string[];
  /** The cell of each input, in column order. */
  inputRanges: Range[];
  expectKind: ExpectKind;
  expected?: unknown;
  /** The JSON text of a value expectation (a fixture's text when a fixture is named); empty otherwise. */
  rawExpected: string;
  /** The expected cell (`!Type: message`, `Ok` or a value). */
  expectedRange: Range;
  errorType?: string;
  errorMessage?: string;
  /** The error type name of a `!Type` expectation. */
  errorRange?: Range;
}

export interface Group {
  name: string;
  nameRange: Range;
  /** From the signature line to the last row. */
  range: Range;
  /** The signature line (trimmed, without a trailing comment). */
  signatureRange: Range;
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
  nameRange: Range;
  /** `given name = <JSON>`, or the value of a referenced value fixture. */
  value?: unknown;
  /** The JSON text of the value (the fixture's text for `given FIXTURE`). */
  raw?: string;
  /** `given FIXTURE`. */
  fixture?: string;
  /** True when the referenced fixture is opaque (the harness cannot run the scenario). */
  opaque?: boolean;
}

export interface CallStep {
  target: string;
  targetRange: Range;
  range: Range;
  args: unknown[];
  rawArgs: string[];
  /** Each argument as written. */
  argRanges: Range[];
  /** Unset until a `then` gives the outcome. */
  expectKind?: ExpectKind;
  expected?: unknown;
  rawExpected?: string;
  errorType?: string;
  errorMessage?: string;
  /** The error type name of `then raises Type`. */
  errorRange?: Range;
  /** The `then` line. */
  thenRange?: Range;
}

export type StreamMode = 'has' | 'is' | 'matches' | 'empty';

export interface CommandStep {
  /** Words of `when $ …`; a word with `\xNN` escapes that is not valid UTF-8 is kept as bytes. */
  argv: (string | Uint8Array)[];
  /** From the `when $` line to the last line of the step (`then` or `>` lines). */
  range: Range;
  /** The `when $ …` line. */
  whenRange: Range;
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
  /** From the `scenario …:` line to its last step. */
  range: Range;
  /** `command` also for a scenario without any valid `when` (it has no steps). */
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
