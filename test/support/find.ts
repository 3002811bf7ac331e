import type { Range } from '../../shared/src/text/range';
import { SourceText } from '../../shared/src/text/source-text';

/**
 * The range of the `occurrence`-th match of `needle` in `text`. Tests locate positions by text, never by
 * hard-coded line numbers.
 */
export function rangeOf(text: string, needle: string, occurrence = 0): Range {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`'${needle}' (occurrence ${occurrence}) not found in fixture`);
  }
  return new SourceText(text).rangeOfOffsets(at, at + needle.length);
}

/** Zero-based line of the first match of `needle`. */
export function lineOf(text: string, needle: string, occurrence = 0): number {
  return rangeOf(text, needle, occurrence).start.line;
}

/** The range of `needle` inside the first match of `context`, e.g. `rangeIn(text, 'depends: [A, B]', 'B')`. */
export function rangeIn(text: string, context: string, needle: string): Range {
  const at = text.indexOf(context);
  if (at === -1) throw new Error(`'${context}' not found in fixture`);
  const inner = context.indexOf(needle);
  if (inner === -1) throw new Error(`'${needle}' not found in '${context}'`);
  return new SourceText(text).rangeOfOffsets(at + inner, at + inner + needle.length);
}
