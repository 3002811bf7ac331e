import { resolve } from 'node:path';
import type { CompletionItem, CompletionList } from 'vscode-languageserver';
import type { Workspace } from '../../../shared/src/project/workspace';
import type { Position } from '../../../shared/src/text/range';
import { provideCompletion } from './completion';

/** Above this many candidates the list is cut and marked incomplete; the editor asks again as the user types. */
export const COMPLETION_LIMIT = 200;

/** Whether the letters of `typed` appear in `label` in order (case-insensitive), like the editor's filter. */
function matchesTyped(label: string, typed: string): boolean {
  let at = 0;
  const lower = label.toLowerCase();
  for (const ch of typed.toLowerCase()) {
    at = lower.indexOf(ch, at);
    if (at === -1) return false;
    at++;
  }
  return true;
}

/** The text between the start of the range the items replace and the cursor, without a leading quote. */
function typedPrefix(
  ws: Workspace,
  file: string,
  position: Position,
  item: CompletionItem | undefined,
): string {
  const edit = item?.textEdit;
  if (!edit || !('range' in edit) || edit.range.start.line !== position.line) return '';
  const text = resolve(file) === ws.planFile ? ws.planText : ws.file(file)?.text;
  const line = text?.split('\n', position.line + 1)[position.line] ?? '';
  return line.slice(edit.range.start.character, position.character).replace(/^"/, '');
}

/**
 * What the server answers for `textDocument/completion`: every candidate, or, on a large workspace, the
 * first {@link COMPLETION_LIMIT} that match what is already typed, marked incomplete so the editor asks
 * again with more letters. Serialising thousands of items on each keystroke is what made it slow.
 */
export function provideCompletionList(ws: Workspace, file: string, position: Position): CompletionList {
  const items = provideCompletion(ws, file, position);
  if (items.length <= COMPLETION_LIMIT) return { isIncomplete: false, items };
  const typed = typedPrefix(ws, file, position, items[0]);
  const matching = typed ? items.filter((i) => matchesTyped(i.label, typed)) : items;
  if (matching.length <= COMPLETION_LIMIT) return { isIncomplete: false, items: matching };
  return { isIncomplete: true, items: matching.slice(0, COMPLETION_LIMIT) };
}
