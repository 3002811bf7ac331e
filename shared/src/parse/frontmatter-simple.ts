import type { FrontmatterEntry } from '../model/common';
import { type Range, range } from '../text/range';

/**
 * A fast path for the frontmatter nearly every spec has: `key: Word` and `key: [A, B]` lines. It gives exactly
 * what the YAML parser would (a test compares the two), and returns undefined for anything else — comments
 * after values, quotes, nesting, numbers, booleans, duplicate keys — so the YAML parser decides those.
 */
export function readSimpleFrontmatter(
  lines: readonly string[],
  first: number,
  end: number,
): { entries: Map<string, FrontmatterEntry>; ok: true } | undefined {
  const entries = new Map<string, FrontmatterEntry>();
  for (let i = first; i < end; i++) {
    const line = lines[i]!;
    if (line.length === 0) continue;
    if (!isKeyStart(line.charCodeAt(0))) {
      if (line.charCodeAt(0) === 35 || line.trim() === '') continue; // `# comment` or blank line
      return undefined;
    }
    let k = 1;
    while (k < line.length && isKeyChar(line.charCodeAt(k))) k++;
    if (line.charCodeAt(k) !== 58) return undefined; // ':'
    if (k + 1 < line.length && line.charCodeAt(k + 1) !== 32) return undefined;
    const key = line.slice(0, k);
    if (entries.has(key)) return undefined;
    let vs = k + 1;
    while (vs < line.length && isBlank(line.charCodeAt(vs))) vs++;
    let ve = line.length;
    while (ve > vs && isBlank(line.charCodeAt(ve - 1))) ve--;
    const keyRange = range(i, 0, i, k);
    if (vs === ve) {
      const block = readBlockList(lines, i + 1, end);
      if (block === undefined) return undefined;
      if (block.values.length > 0) {
        const last = i + block.values.length;
        const valueRange = range(i + 1, block.indent, last + 1, 0);
        entries.set(key, { key, keyRange, value: block.values, valueRange, itemRanges: block.ranges });
        i = last;
        continue;
      }
      entries.set(key, { key, keyRange, value: null, valueRange: range(i, k + 1, i, k + 1), itemRanges: [] });
      continue;
    }
    const valueRange = range(i, vs, i, ve);
    if (line.charCodeAt(vs) === 91) {
      if (line.charCodeAt(ve - 1) !== 93) return undefined;
      const items = readFlowList(line, i, vs + 1, ve - 1);
      if (!items) return undefined;
      entries.set(key, { key, keyRange, value: items.values, valueRange, itemRanges: items.ranges });
      continue;
    }
    if (!isSimpleScalar(line, vs, ve)) return undefined;
    entries.set(key, { key, keyRange, value: line.slice(vs, ve), valueRange, itemRanges: [] });
  }
  return { entries, ok: true };
}

/**
 * A block sequence of plain scalars right under a key (`  - A` lines, one indent for all), or an empty list
 * when the next line is not an item; undefined for anything the YAML parser should decide.
 */
function readBlockList(
  lines: readonly string[],
  from: number,
  end: number,
): { values: string[]; ranges: Range[]; indent: number } | undefined {
  const values: string[] = [];
  const ranges: Range[] = [];
  let indent = -1;
  for (let i = from; i < end; i++) {
    const line = lines[i]!;
    let d = 0;
    while (d < line.length && line.charCodeAt(d) === 32) d++;
    if (line.charCodeAt(d) !== 45 || line.charCodeAt(d + 1) !== 32) {
      // Not an item: the list ended, unless this line is indented deeper (nesting: leave it to YAML).
      return d > 0 && d < line.length && (indent === -1 || d >= indent)
        ? undefined
        : { values, ranges, indent };
    }
    if (indent === -1) indent = d;
    else if (d !== indent) return undefined;
    let s = d + 2;
    while (s < line.length && isBlank(line.charCodeAt(s))) s++;
    let e = line.length;
    while (e > s && isBlank(line.charCodeAt(e - 1))) e--;
    if (s === e || !isSimpleScalar(line, s, e)) return undefined;
    values.push(line.slice(s, e));
    ranges.push(range(i, s, i, e));
  }
  return { values, ranges, indent };
}

function readFlowList(
  line: string,
  index: number,
  from: number,
  to: number,
): { values: string[]; ranges: Range[] } | undefined {
  const values: string[] = [];
  const ranges: Range[] = [];
  let start = from;
  while (start < to && isBlank(line.charCodeAt(start))) start++;
  if (start === to) return { values, ranges };
  let pos = from;
  while (pos <= to) {
    let comma = line.indexOf(',', pos);
    if (comma === -1 || comma > to) comma = to;
    let s = pos;
    while (s < comma && isBlank(line.charCodeAt(s))) s++;
    let e = comma;
    while (e > s && isBlank(line.charCodeAt(e - 1))) e--;
    if (s === e || !isSimpleScalar(line, s, e)) return undefined;
    values.push(line.slice(s, e));
    ranges.push(range(index, s, index, e));
    pos = comma + 1;
  }
  return { values, ranges };
}

const YAML_WORDS = new Set(['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null']);

/** A plain YAML scalar that is certainly a string: a letter, then letters, digits, `_ - . /` and inner spaces. */
function isSimpleScalar(line: string, start: number, end: number): boolean {
  const c0 = line.charCodeAt(start);
  if (!isLetter(c0) && c0 !== 95) return false;
  for (let j = start + 1; j < end; j++) {
    const c = line.charCodeAt(j);
    if (!(isKeyChar(c) || c === 46 || c === 47 || c === 32)) return false;
  }
  return end - start > 5 || !YAML_WORDS.has(line.slice(start, end).toLowerCase());
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isKeyStart(c: number): boolean {
  return isLetter(c) || c === 95;
}

function isKeyChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** `value` as a YAML scalar: plain when that reads back as the same string, else double-quoted. */
export function yamlScalar(value: string): string {
  return value.length > 0 && isSimpleScalar(value, 0, value.length) && value.trim() === value
    ? value
    : JSON.stringify(value);
}
