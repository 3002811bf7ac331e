import type { Located } from '../model/common';
import { type Range, range } from '../text/range';

/**
 * Line-level Markdown helpers shared by the SMD and AMD parsers. Everything works on the line array of a
 * `SourceText` plus a per-line fence map computed once, so a spec is scanned in linear time and no helper
 * needs a regular expression.
 */

/** Fence map values: an ordinary line, or the opening line, a content line, or the closing line of a fence. */
export const TEXT = 0;
export const FENCE_OPEN = 1;
export const FENCE_BODY = 2;
export const FENCE_CLOSE = 3;

const SPACE = 32;
const BACKTICK = 96;

/** Backticks opening a fence on this line (up to 3 spaces, then 3 or more backticks), or 0. */
export function fenceTicks(line: string): number {
  let i = 0;
  while (i < 3 && line.charCodeAt(i) === SPACE) i++;
  if (line.charCodeAt(i) !== BACKTICK) return 0;
  let n = 1;
  while (line.charCodeAt(i + n) === BACKTICK) n++;
  return n >= 3 ? n : 0;
}

/** A bare closing fence: up to 3 spaces, at least `ticks` backticks, then only whitespace. */
function closesFence(line: string, ticks: number): boolean {
  const n = fenceTicks(line);
  if (n < ticks) return false;
  return line.trimEnd().length === line.indexOf('`') + n;
}

/**
 * Marks every line from `from` on: a line starting with up to 3 spaces and N ≥ 3 backticks opens a fence;
 * only a bare line of at least N backticks (trailing spaces allowed) closes it. An unclosed fence runs to the
 * end of the text. Lines before `from` are ordinary text.
 */
export function scanFences(lines: readonly string[], from = 0): Uint8Array {
  const map = new Uint8Array(lines.length);
  let open = 0;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    if (open > 0) {
      if (line.charCodeAt(0) === BACKTICK || line.charCodeAt(0) === SPACE) {
        if (closesFence(line, open)) {
          map[i] = FENCE_CLOSE;
          open = 0;
          continue;
        }
      }
      map[i] = FENCE_BODY;
      continue;
    }
    const c = line.charCodeAt(0);
    if (c === BACKTICK || c === SPACE) {
      const ticks = fenceTicks(line);
      if (ticks > 0) {
        map[i] = FENCE_OPEN;
        open = ticks;
      }
    }
  }
  return map;
}

/** The lines a parser reads, with their fence map. */
export interface Lines {
  lines: readonly string[];
  fences: Uint8Array;
}

/** A `## ` or `### ` heading and the lines it owns. */
export interface HeadingBlock {
  /** Heading text after the `#` prefix, trimmed. */
  name: string;
  nameRange: Range;
  headingLine: number;
  /** First line after the heading. */
  bodyStart: number;
  /** Line after the last line of the block (the next heading, or the end of the region). */
  bodyEnd: number;
}

/** Whether `line` starts with `prefix` and is ordinary text (not inside a fence). */
function isHeading(doc: Lines, i: number, prefix: string): boolean {
  return doc.fences[i] === TEXT && doc.lines[i]!.startsWith(prefix);
}

/** The range of a line's trimmed text from `from` on (empty at `from` when nothing is left). */
export function trimmedRange(line: string, index: number, from = 0): Range {
  let start = from;
  while (start < line.length && isSpace(line.charCodeAt(start))) start++;
  let end = line.length;
  while (end > start && isSpace(line.charCodeAt(end - 1))) end--;
  return range(index, start, index, end);
}

function isSpace(c: number): boolean {
  return c === SPACE || c === 9 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff;
}

/**
 * Splits lines `[start, end)` on headings starting with `prefix` (`'## '` or `'### '`), skipping fenced
 * lines. `preambleEnd` is the first heading line (or `end`): the text before it belongs to no block.
 */
export function splitHeadings(
  doc: Lines,
  start: number,
  end: number,
  prefix: string,
): { preambleEnd: number; blocks: HeadingBlock[] } {
  const blocks: HeadingBlock[] = [];
  let preambleEnd = end;
  for (let i = start; i < end; i++) {
    if (!isHeading(doc, i, prefix)) continue;
    if (blocks.length === 0) preambleEnd = i;
    else blocks[blocks.length - 1]!.bodyEnd = i;
    const line = doc.lines[i]!;
    const nameRange = trimmedRange(line, i, prefix.length);
    blocks.push({
      name: line.slice(nameRange.start.character, nameRange.end.character),
      nameRange,
      headingLine: i,
      bodyStart: i + 1,
      bodyEnd: end,
    });
  }
  return { preambleEnd, blocks };
}

/** First ordinary line in `[start, end)` starting with `prefix`, or -1. */
export function findHeading(doc: Lines, start: number, end: number, prefix: string): number {
  for (let i = start; i < end; i++) if (isHeading(doc, i, prefix)) return i;
  return -1;
}

/** First line in `[start, end)` with non-blank text (fenced or not), or -1. */
export function firstNonBlank(doc: Lines, start: number, end: number): number {
  for (let i = start; i < end; i++) if (doc.lines[i]!.trim() !== '') return i;
  return -1;
}

/** Lines `[start, end)` joined with `\n` and trimmed, as Python's `"\n".join(lines).strip()`. */
export function textOf(doc: Lines, start: number, end: number): string {
  let first = start;
  while (first < end && doc.lines[first]!.trim() === '') first++;
  let last = end - 1;
  while (last >= first && doc.lines[last]!.trim() === '') last--;
  if (first > last) return '';
  if (first === last) return doc.lines[first]!.trim();
  return doc.lines
    .slice(first, last + 1)
    .join('\n')
    .trim();
}

/**
 * Bullet items in `[start, end)`: ordinary lines whose trimmed text starts with `- `, each with the range of
 * its text after the dash.
 */
export function bulletItems(doc: Lines, start: number, end: number): Located<string>[] {
  const items: Located<string>[] = [];
  for (let i = start; i < end; i++) {
    if (doc.fences[i] !== TEXT) continue;
    const item = bulletAt(doc.lines[i]!, i);
    if (item) items.push(item);
  }
  return items;
}

/** The item of a `- text` line (leading spaces allowed) read from column `from`, or undefined when none. */
export function bulletAt(line: string, index: number, from = 0): Located<string> | undefined {
  let i = from;
  while (i < line.length && isSpace(line.charCodeAt(i))) i++;
  if (line.charCodeAt(i) !== 45 || !isSpace(line.charCodeAt(i + 1))) return undefined;
  const r = trimmedRange(line, index, i + 1);
  if (r.end.character === r.start.character) return undefined;
  return { value: line.slice(r.start.character, r.end.character), range: r };
}

/** A fenced code block. */
export interface CodeBlock {
  openLine: number;
  /** The closing fence line, or the last line of the region when the fence is not closed. */
  closeLine: number;
  /** First word of the info string after the opening backticks ('' when none). */
  language: string;
  /** The lines between the fences, trimmed like Python's `str.strip()`. */
  content: string;
  /** From the opening fence to the closing fence. */
  range: Range;
}

/** The first fenced code block opening in `[start, end)`. */
export function firstCodeBlock(doc: Lines, start: number, end: number): CodeBlock | undefined {
  for (let i = start; i < end; i++) {
    if (doc.fences[i] === FENCE_OPEN) return codeBlockAt(doc, i, end);
  }
  return undefined;
}

/** The code block opening at `openLine`; its content stops at the closing fence or at `end`. */
export function codeBlockAt(doc: Lines, openLine: number, end: number): CodeBlock {
  let close = openLine + 1;
  while (close < end && doc.fences[close] === FENCE_BODY) close++;
  const closed = close < end && doc.fences[close] === FENCE_CLOSE;
  const open = doc.lines[openLine]!;
  const ticksAt = open.indexOf('`');
  const info = open.slice(ticksAt + fenceTicks(open)).trim();
  const space = info.search(/\s/);
  const closeLine = closed ? close : Math.max(openLine, close - 1);
  return {
    openLine,
    closeLine,
    language: space === -1 ? info : info.slice(0, space),
    content: textOf(doc, openLine + 1, close),
    range: range(openLine, 0, closeLine, doc.lines[closeLine]!.length),
  };
}

/** Where a marker was found. */
export interface MarkerHit {
  line: number;
  /** Column of the marker's first character. */
  start: number;
  /** Column after the marker. */
  end: number;
}

/**
 * The first ordinary line in `[start, end)` holding `marker`: anywhere on the line, or only at its very
 * start when `atLineStart`.
 */
export function findMarker(
  doc: Lines,
  start: number,
  end: number,
  marker: string,
  atLineStart = false,
): MarkerHit | undefined {
  for (let i = start; i < end; i++) {
    if (doc.fences[i] !== TEXT) continue;
    const line = doc.lines[i]!;
    const at = atLineStart ? (line.startsWith(marker) ? 0 : -1) : line.indexOf(marker);
    if (at !== -1) return { line: i, start: at, end: at + marker.length };
  }
  return undefined;
}

/** The range of a marker hit. */
export function markerRange(hit: MarkerHit): Range {
  return range(hit.line, hit.start, hit.line, hit.end);
}

/**
 * Text from `(fromLine, fromChar)` up to `(toLine, toChar)` (exclusive), lines joined with `\n`, trimmed.
 * Used for descriptions that end where a marker starts mid-line.
 */
export function textBetween(
  doc: Lines,
  fromLine: number,
  fromChar: number,
  toLine: number,
  toChar: number,
): string {
  if (fromLine > toLine || (fromLine === toLine && fromChar >= toChar)) return '';
  if (fromLine === toLine) return doc.lines[fromLine]!.slice(fromChar, toChar).trim();
  const parts: string[] = [doc.lines[fromLine]!.slice(fromChar)];
  for (let i = fromLine + 1; i < toLine; i++) parts.push(doc.lines[i]!);
  parts.push(doc.lines[toLine]!.slice(0, toChar));
  return parts.join('\n').trim();
}

/**
 * A near miss of the `**Label:**` marker that the original would not read — `**Label**:` (colon outside the
 * bold) or a different letter case — so a "missing marker" diagnostic can point at it and offer the fix.
 */
export function findMarkerVariant(
  doc: Lines,
  start: number,
  end: number,
  label: string,
  atLineStart = false,
): (MarkerHit & { text: string }) | undefined {
  const exact = `**${label}:**`;
  const lowerExact = exact.toLowerCase();
  const outside = `**${label}**:`.toLowerCase();
  for (let i = start; i < end; i++) {
    if (doc.fences[i] !== TEXT) continue;
    const lower = doc.lines[i]!.toLowerCase();
    for (const needle of [lowerExact, outside]) {
      const at = lower.indexOf(needle);
      if (at === -1 || (atLineStart && at !== 0)) continue;
      const text = doc.lines[i]!.slice(at, at + needle.length);
      if (text !== exact) return { line: i, start: at, end: at + needle.length, text };
    }
  }
  return undefined;
}
