import type { Position, Range } from '../../shared/src/text/range';
import { SourceText } from '../../shared/src/text/source-text';

/**
 * Cursor-marked positions: write the text around the cursor with a `|` where the cursor is, e.g.
 * `at(text, 'depends: [STO|RAGE]')`. The marked snippet (without the marker) must occur in `text`; the
 * first occurrence is used (pass `occurrence` for a later one). Use another `marker` for text that
 * contains `|` (VMD tables).
 */
export function at(text: string, marked: string, occurrence = 0, marker = '|'): Position {
  const cut = marked.indexOf(marker);
  if (cut === -1) throw new Error(`'${marked}' has no ${marker} cursor marker`);
  const snippet = marked.slice(0, cut) + marked.slice(cut + marker.length);
  let found = -1;
  for (let i = 0; i <= occurrence; i++) {
    found = text.indexOf(snippet, found + 1);
    if (found === -1) throw new Error(`'${snippet}' (occurrence ${occurrence}) not found in fixture`);
  }
  return new SourceText(text).positionAt(found + cut);
}

/** A document written with one `|` cursor: the text without the marker and the cursor's position. */
export function cursor(marked: string, marker = '|'): { text: string; position: Position } {
  const cut = marked.indexOf(marker);
  if (cut === -1) throw new Error(`no ${marker} cursor marker in the document`);
  const text = marked.slice(0, cut) + marked.slice(cut + marker.length);
  return { text, position: new SourceText(text).positionAt(cut) };
}

/** The text a range covers. */
export function textAt(text: string, range: Range): string {
  const source = new SourceText(text);
  return text.slice(source.offsetAt(range.start), source.offsetAt(range.end));
}

/** `text` with every edit applied (ranges in the original text's coordinates; they must not overlap). */
export function applyEdits(text: string, edits: readonly { range: Range; newText: string }[]): string {
  const source = new SourceText(text);
  const sorted = edits
    .map((e) => ({
      start: source.offsetAt(e.range.start),
      end: source.offsetAt(e.range.end),
      newText: e.newText,
    }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  let limit = Number.POSITIVE_INFINITY;
  for (const e of sorted) {
    if (e.end > limit) throw new Error('overlapping edits');
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    limit = e.start;
  }
  return out;
}
