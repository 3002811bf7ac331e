import {
  type CodeAction,
  CodeActionKind,
  type CreateFile,
  type Diagnostic as LspDiagnostic,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Diagnostic, FileEdit, Fix } from '../../../shared/src/diagnostics/diagnostic';
import { comparePositions, type Range } from '../../../shared/src/text/range';
import { pathToUri } from '../paths';
import { toLspDiagnostic } from './diagnostics';

export interface CodeActionRequest {
  /** The diagnostics the client shows in the range (LSP form); empty to take every one in the range. */
  diagnostics: readonly LspDiagnostic[];
  /** Requested kinds (`only`); quick fixes are offered when absent or when it asks for `quickfix`. */
  only?: readonly string[];
}

function overlaps(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}

function wantsQuickFix(only: readonly string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some(
    (kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`),
  );
}

/** The client's diagnostic that is this validator diagnostic (same code, message and range). */
function shownAs(d: Diagnostic, shown: readonly LspDiagnostic[]): LspDiagnostic | undefined {
  return shown.find((s) => s.code === d.code && s.message === d.message && sameRange(s.range, d.range));
}

/**
 * Quick fixes for every fix the validator attached to the diagnostics in `range` of one file:
 * `fileDiagnostics` are that file's diagnostics from the last validation (each with its `fixes`). Each fix
 * becomes one quickfix CodeAction naming the diagnostic it resolves; `preferred` fixes are isPreferred;
 * fixes that create files (the missing spec) use CreateFile plus a TextDocumentEdit with the content.
 */
export function provideCodeActions(
  fileDiagnostics: readonly Diagnostic[],
  range: Range,
  request: CodeActionRequest,
): CodeAction[] {
  if (!wantsQuickFix(request.only)) return [];
  const actions: CodeAction[] = [];
  for (const d of fileDiagnostics) {
    if (d.fixes.length === 0 || !overlaps(d.range, range)) continue;
    const shown = request.diagnostics.length > 0 ? shownAs(d, request.diagnostics) : toLspDiagnostic(d);
    if (!shown) continue;
    for (const fix of d.fixes) {
      const action: CodeAction = {
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [shown],
        edit: workspaceEditOf(fix),
      };
      if (fix.preferred) action.isPreferred = true;
      actions.push(action);
    }
  }
  return actions;
}

function textEdit(edit: FileEdit): TextEdit {
  return { range: edit.range, newText: edit.newText };
}

/** A fix as a WorkspaceEdit: plain `changes` when it only edits, `documentChanges` when it creates files. */
export function workspaceEditOf(fix: Fix): WorkspaceEdit {
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of fix.edits) {
    const uri = pathToUri(edit.file);
    const list = byFile.get(uri);
    if (list) list.push(textEdit(edit));
    else byFile.set(uri, [textEdit(edit)]);
  }
  const creates = fix.createFiles ?? [];
  if (creates.length === 0) return { changes: Object.fromEntries(byFile) };
  const documentChanges: (CreateFile | TextDocumentEdit)[] = [];
  for (const { file, content } of creates) {
    const uri = pathToUri(file);
    documentChanges.push({ kind: 'create', uri });
    documentChanges.push({
      textDocument: { uri, version: null },
      edits: [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: content },
      ],
    });
  }
  for (const [uri, edits] of byFile) documentChanges.push({ textDocument: { uri, version: null }, edits });
  return { documentChanges };
}
