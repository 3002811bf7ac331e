import { type Position, type Range, range } from './range';

/**
 * A document's text with a line index. Parsers work line by line on `lines` and turn offsets into
 * positions through this class, so every node they produce can carry its source range.
 */
export class SourceText {
  readonly text: string;
  /** Lines without their terminators (`\n` or `\r\n`). */
  readonly lines: string[];
  /** Offset in `text` where each line starts. */
  readonly lineStarts: number[];

  constructor(text: string) {
    this.text = text;
    const lines: string[] = [];
    const starts: number[] = [];
    let start = 0;
    const n = text.length;
    while (true) {
      const nl = text.indexOf('\n', start);
      starts.push(start);
      if (nl === -1) {
        lines.push(text.slice(start));
        break;
      }
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      lines.push(text.slice(start, end));
      start = nl + 1;
      if (start > n) break;
    }
    this.lines = lines;
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  line(index: number): string {
    return this.lines[index] ?? '';
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - (this.lineStarts[lo] ?? 0) };
  }

  offsetAt(pos: Position): number {
    const start = this.lineStarts[pos.line];
    if (start === undefined) return this.text.length;
    return start + Math.min(pos.character, this.line(pos.line).length);
  }

  rangeOfOffsets(startOffset: number, endOffset: number): Range {
    const s = this.positionAt(startOffset);
    const e = this.positionAt(endOffset);
    return range(s.line, s.character, e.line, e.character);
  }

  /** The whole of one line, without its terminator. */
  lineRange(index: number): Range {
    return range(index, 0, index, this.line(index).length);
  }

  /** The trimmed content of a line (leading and trailing whitespace excluded). */
  trimmedLineRange(index: number): Range {
    const text = this.line(index);
    const startChar = text.length - text.trimStart().length;
    const endChar = text.trimEnd().length;
    return range(index, startChar, index, Math.max(startChar, endChar));
  }

  /** From the start of `firstLine` to the end of `lastLine`. */
  linesRange(firstLine: number, lastLine: number): Range {
    return range(firstLine, 0, lastLine, this.line(lastLine).length);
  }

  /** The range of the first occurrence of `needle` on a line at or after `fromChar`, or the trimmed line. */
  findOnLine(index: number, needle: string, fromChar = 0): Range {
    const at = this.line(index).indexOf(needle, fromChar);
    if (at === -1) return this.trimmedLineRange(index);
    return range(index, at, index, at + needle.length);
  }

  /** End of the document. */
  endRange(): Range {
    const last = this.lines.length - 1;
    const ch = this.line(last).length;
    return range(last, ch, last, ch);
  }
}
