import type { FileEdit } from '../diagnostics/diagnostic';
import type { Position, Range } from '../text/range';
import { findSpecIdOccurrences } from './symbol-occurrences';
import { symbolAt } from './symbols';
import type { Workspace } from './workspace';

/** What a spec id may be (the validator's rule); the convention is UPPER_SNAKE_CASE. */
export const SPEC_ID_PATTERN = /^[A-Za-z0-9_-]+$/;

/** A rename the user asked for that cannot be done; the message says why and what to do. */
export class RenameError extends Error {
  override name = 'RenameError';
}

/** The spec id at a position and the range to rename, or undefined when there is no spec id there. */
export function prepareSpecRename(
  ws: Workspace,
  file: string,
  position: Position,
): { range: Range; id: string } | undefined {
  const symbol = symbolAt(ws, file, position);
  return symbol?.kind === 'specId' ? { range: symbol.range, id: symbol.id } : undefined;
}

/** Why `newId` cannot replace `oldId`, or undefined when it can. */
export function newSpecIdProblem(ws: Workspace, oldId: string, newId: string): string | undefined {
  if (!SPEC_ID_PATTERN.test(newId)) {
    return `'${newId}' is not a valid spec id: use only letters, digits, '_' and '-' (the convention is UPPER_SNAKE_CASE, e.g. ${suggestion(newId)}).`;
  }
  if (newId !== oldId && ws.index.smdById.has(newId)) {
    const other = ws.index.smdById.get(newId)?.[0]?.file ?? 'another spec';
    return `The spec id '${newId}' is already used by ${other}; choose another name.`;
  }
  return undefined;
}

function suggestion(text: string): string {
  const upper = text
    .trim()
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return upper === '' ? 'MY_SPEC' : upper;
}

/**
 * The edits renaming spec `oldId` to `newId` in every file that names it (SMD `id` and `depends`, AMD
 * `spec:`, VMD `@spec`/`@arch`, plan.toml `spec`, `cross_spec_interfaces`, `[meta] specs` and legacy
 * ref prefixes). Throws {@link RenameError} when `newId` is not a valid id or another spec has it.
 */
export function specIdRenameEdits(ws: Workspace, oldId: string, newId: string): FileEdit[] {
  const problem = newSpecIdProblem(ws, oldId, newId);
  if (problem) throw new RenameError(problem);
  if (newId === oldId) return [];
  return findSpecIdOccurrences(ws, oldId).map((o) => ({ file: o.file, range: o.range, newText: newId }));
}
