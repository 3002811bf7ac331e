import { readFileSync } from 'node:fs';
import { CROSS_CODES, FRONTMATTER_CODES } from '../diagnostics/codes';
import type { Diagnostic, FileEdit } from '../diagnostics/diagnostic';
import { writeFileAtomicSync } from '../store/atomic-write';
import { SourceText } from '../text/source-text';

/**
 * Codes whose fix is mechanical and loses nothing, so `ossature validate --fix` may apply it unasked:
 * migrating legacy `@key` metadata to frontmatter, and dropping a repeated dependency. Did-you-mean fixes
 * are guesses and stay with the user (the editor offers them as quick fixes).
 */
export const SAFE_FIX_CODES: ReadonlySet<string> = new Set([
  FRONTMATTER_CODES.legacyMetadata.code,
  CROSS_CODES.duplicateDependency.code,
]);

export interface AppliedFixes {
  /** Absolute paths of the files rewritten. */
  files: string[];
  /** Number of fixes applied. */
  count: number;
}

/** Applies the first fix of every diagnostic with a safe code; overlapping edits in one file are skipped. */
export function applySafeFixes(diagnostics: Diagnostic[]): AppliedFixes {
  const byFile = new Map<string, FileEdit[][]>();
  for (const d of diagnostics) {
    const fix = SAFE_FIX_CODES.has(d.code) ? d.fixes[0] : undefined;
    if (!fix || fix.edits.length === 0 || fix.createFiles?.length) continue;
    const file = fix.edits[0]!.file;
    if (fix.edits.some((e) => e.file !== file)) continue;
    const list = byFile.get(file);
    if (list) list.push(fix.edits);
    else byFile.set(file, [fix.edits]);
  }
  let count = 0;
  for (const [file, fixes] of byFile) {
    const source = new SourceText(readFileSync(file, 'utf8'));
    const taken: { start: number; end: number; text: string }[] = [];
    for (const edits of fixes) {
      const spans = edits.map((e) => ({
        start: source.offsetAt(e.range.start),
        end: source.offsetAt(e.range.end),
        text: e.newText,
      }));
      const overlaps = spans.some((s) => taken.some((t) => s.start < t.end && t.start < s.end));
      if (overlaps) continue;
      taken.push(...spans);
      count++;
    }
    taken.sort((a, b) => b.start - a.start || b.end - a.end);
    let text = source.text;
    for (const span of taken) text = text.slice(0, span.start) + span.text + text.slice(span.end);
    writeFileAtomicSync(file, text);
  }
  return { files: [...byFile.keys()], count };
}
