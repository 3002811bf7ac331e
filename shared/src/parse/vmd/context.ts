import type { CodeInfo } from '../../diagnostics/code-info';
import type { Diagnostic, Fix, RelatedLocation } from '../../diagnostics/diagnostic';
import { diag } from '../../diagnostics/make';
import type { CoversTarget, Fixture, VmdSpec } from '../../model/vmd';
import { lineSpan, type Range } from '../../text/range';
import type { SourceText } from '../../text/source-text';

/**
 * A piece of one line: `text` starts at column `start` of line `line`. Parsers narrow spans instead of
 * slicing strings, so every token they find still knows where it is.
 */
export interface Span {
  line: number;
  start: number;
  text: string;
}

export function span(line: number, start: number, text: string): Span {
  return { line, start, text };
}

/** The part of `s` from `from` to `to` (offsets into `s.text`). */
export function sub(s: Span, from: number, to = s.text.length): Span {
  return { line: s.line, start: s.start + from, text: s.text.slice(from, to) };
}

/** `s` without leading and trailing whitespace (the same characters `String.prototype.trim` drops). */
export function trimSpan(s: Span): Span {
  const lead = s.text.length - s.text.trimStart().length;
  if (lead === s.text.length) return { line: s.line, start: s.start + lead, text: '' };
  return sub(s, lead, s.text.trimEnd().length);
}

/**
 * The range of the part `[a, b)` of `s` (a cell or list item), made visible when the part is empty: its
 * whitespace, else the separator after it, else the one before it.
 */
export function partRange(s: Span, a: number, b: number): Range {
  const part = trimSpan(sub(s, a, b));
  if (part.text) return spanRange(part);
  if (b > a) return subRange(s, a, b);
  if (b < s.text.length) return subRange(s, b, b + 1);
  return subRange(s, Math.max(0, a - 1), a);
}

export function spanRange(s: Span): Range {
  return lineSpan(s.line, s.start, s.text.length);
}

/** The range of `s.text[from, to)`. */
export function subRange(s: Span, from: number, to: number): Range {
  return lineSpan(s.line, s.start + from, to - from);
}

/** The first whitespace-separated word of `s` and the trimmed rest. */
export function firstWord(s: Span): { word: Span; rest: Span } {
  const m = /^\S+/.exec(s.text);
  const end = m ? m[0].length : 0;
  return { word: sub(s, 0, end), rest: trimSpan(sub(s, end)) };
}

/**
 * State shared by the parts of one parse: the text, the spec being filled, the fixtures (collected by the
 * first pass) and the diagnostics found.
 */
export class VmdContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly fixtures = new Map<string, Fixture>();
  readonly spec: VmdSpec;
  /** `@spec` / `@arch` / `@status`: where each first appeared. */
  readonly directives = new Map<string, Range>();
  /** `@covers` targets waiting for the next group or scenario, and the last `@covers` line. */
  pendingCovers: CoversTarget[] = [];
  pendingCoversRange: Range | undefined;

  constructor(
    readonly src: SourceText,
    readonly file: string,
  ) {
    this.spec = { kind: 'vmd', file, fixtures: [], groups: [], scenarios: [] };
  }

  /** Hands the pending `@covers` targets to a group or scenario. */
  takeCovers(): CoversTarget[] {
    const covers = this.pendingCovers;
    this.pendingCovers = [];
    this.pendingCoversRange = undefined;
    return covers;
  }

  report(
    info: CodeInfo,
    range: Range,
    message: string,
    extras: { related?: { range: Range; message: string }[]; fixes?: Fix[] } = {},
  ): void {
    const related: RelatedLocation[] = (extras.related ?? []).map((r) => ({ file: this.file, ...r }));
    this.diagnostics.push(diag(info, this.file, range, message, { related, fixes: extras.fixes ?? [] }));
  }

  /** A quick fix replacing `range` with `newText`. */
  replaceFix(title: string, range: Range, newText: string, preferred = false): Fix {
    return { title, edits: [{ file: this.file, range, newText }], preferred };
  }
}
