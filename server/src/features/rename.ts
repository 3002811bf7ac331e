import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { prepareSpecRename, specIdRenameEdits } from '../../../shared/src/project/spec-rename';
import type { Workspace } from '../../../shared/src/project/workspace';
import type { Position, Range } from '../../../shared/src/text/range';

/** The spec id under the cursor and its range, or null: only spec ids can be renamed. */
export function prepareRename(
  ws: Workspace,
  file: string,
  position: Position,
): { range: Range; placeholder: string } | null {
  const found = prepareSpecRename(ws, file, position);
  return found ? { range: found.range, placeholder: found.id } : null;
}

/**
 * Renames the spec id under the cursor in every file that names it (SMD `id` and `depends`, AMD `spec:`,
 * VMD `@spec`/`@arch`, plan.toml). Throws an Error (a RenameError, with a message for the user) when
 * `newName` is not a valid spec id or another spec already has it. Null when there is no spec id there.
 */
export function provideRename(
  ws: Workspace,
  file: string,
  position: Position,
  newName: string,
): WorkspaceEdit | null {
  const found = prepareSpecRename(ws, file, position);
  if (!found) return null;
  const changes: Record<string, TextEdit[]> = {};
  for (const edit of specIdRenameEdits(ws, found.id, newName.trim())) {
    const uri = URI.file(edit.file).toString();
    const list = changes[uri] ?? [];
    list.push({ range: edit.range, newText: edit.newText });
    changes[uri] = list;
  }
  return { changes };
}
