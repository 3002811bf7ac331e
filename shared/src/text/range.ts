/** Zero-based line and UTF-16 column, the same convention as the Language Server Protocol. */
export interface Position {
  line: number;
  character: number;
}

/** A half-open span of text: `start` is inclusive, `end` exclusive. */
export interface Range {
  start: Position;
  end: Position;
}

export function position(line: number, character: number): Position {
  return { line, character };
}

export function range(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

/** A range covering `length` characters of one line. */
export function lineSpan(line: number, startChar: number, length: number): Range {
  return range(line, startChar, line, startChar + length);
}

export const EMPTY_RANGE: Range = range(0, 0, 0, 0);

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function containsPosition(r: Range, p: Position): boolean {
  return comparePositions(r.start, p) <= 0 && comparePositions(p, r.end) <= 0;
}
