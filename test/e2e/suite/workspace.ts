// Finding the corpus project's files and positions in them by text (never by line number).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OssatureApi } from '../../../client/src/extension';

export const extensionId = 'ossature.ossature-vscode';

/** Activates the extension (if the workspace has not already) and returns its API with a started client. */
export async function activateExtension(): Promise<OssatureApi> {
  const extension = vscode.extensions.getExtension<OssatureApi>(extensionId);
  assert.ok(extension, `extension ${extensionId} is not installed`);
  const api = await extension.activate();
  await api.ready;
  assert.ok(api.client.isRunning(), 'the language client is not running');
  return api;
}

/** The workspace file at `relative` (e.g. `specs/cli.smd`); the workspace is the copy of the corpus project. */
export function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder (the markman corpus project)');
  return vscode.Uri.joinPath(folder.uri, relative);
}

export async function openSpec(relative: string): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(workspaceUri(relative));
}

/** The position of `needle`'s first occurrence after `after` (if given), `offset` characters into it. */
export function positionOf(
  document: vscode.TextDocument,
  needle: string,
  options: { after?: string; offset?: number } = {},
): vscode.Position {
  const text = document.getText();
  const from = options.after ? text.indexOf(options.after) : 0;
  assert.ok(from >= 0, `"${options.after}" not found in ${document.uri.fsPath}`);
  const index = text.indexOf(needle, from);
  assert.ok(index >= 0, `"${needle}" not found in ${document.uri.fsPath}`);
  return document.positionAt(index + (options.offset ?? 0));
}

/** The 0-based line of the first line of `document` that contains `needle`. */
export function lineOf(document: vscode.TextDocument, needle: string): number {
  return positionOf(document, needle).line;
}
