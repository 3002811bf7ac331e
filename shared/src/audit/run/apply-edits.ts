/**
 * The `edit_file` semantics shared by the audit spec fixer (reference §4.2) and the build tools (§5.5): a
 * list of `{old, new}` replacements applied in order to the current text, each `old` occurring exactly once
 * at the moment it is applied. Pure: no file system, so the build's sandboxed tools can reuse it as is.
 *
 * All or nothing: when one edit cannot be applied the text is left unchanged and the problem names that
 * edit, so the model can correct it and send the whole list again.
 */

export interface TextEdit {
  old: string;
  new: string;
}

export type EditOutcome =
  | { ok: true; text: string; applied: number }
  | {
      ok: false;
      /** What is wrong, written for the model (it is sent back as a retryable tool error). */
      problem: string;
      /** 0-based index of the edit that failed; undefined when the list itself is the problem. */
      index?: number;
    };

/** Non-overlapping occurrences of `needle` in `text` (stops counting at `limit`). */
export function countOccurrences(text: string, needle: string, limit = Number.POSITIVE_INFINITY): number {
  if (needle === '') return 0;
  let count = 0;
  for (
    let at = text.indexOf(needle);
    at !== -1 && count < limit;
    at = text.indexOf(needle, at + needle.length)
  )
    count++;
  return count;
}

const preview = (text: string) => {
  const flat = JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
  return flat;
};

/** Applies `edits` to `text`, or explains why not (see the module comment). */
export function applyEdits(text: string, edits: readonly TextEdit[]): EditOutcome {
  if (edits.length === 0) {
    return {
      ok: false,
      problem: 'The edits list is empty. Give at least one {"old": "...", "new": "..."} object.',
    };
  }
  let current = text;
  for (const [index, edit] of edits.entries()) {
    const which = edits.length > 1 ? `Edit ${index + 1} of ${edits.length}` : 'The edit';
    const fail = (problem: string): EditOutcome => ({
      ok: false,
      problem: `${problem}${edits.length > 1 ? ' No edit was applied; send the corrected list again.' : ''}`,
      index,
    });
    if (edit.old === '') return fail(`${which} has an empty "old"; quote the exact text to replace.`);
    if (edit.old === edit.new)
      return fail(`${which} has "old" equal to "new", which changes nothing; give the new text.`);
    const count = countOccurrences(current, edit.old, 2);
    if (count === 0) {
      return fail(
        `${which}: "old" ${preview(edit.old)} does not occur in the file${index > 0 ? ' (after the edits before it)' : ''}. Copy the exact text, including spaces and line breaks, from read_file or grep_file.`,
      );
    }
    if (count > 1) {
      return fail(
        `${which}: "old" ${preview(edit.old)} occurs more than once; include more of the surrounding text so it matches exactly one place.`,
      );
    }
    const at = current.indexOf(edit.old);
    current = current.slice(0, at) + edit.new + current.slice(at + edit.old.length);
  }
  return { ok: true, text: current, applied: edits.length };
}
