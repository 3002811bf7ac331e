// The left side of a review diff: `ossature-before:<the file's own path>?<snapshot>` serves the snapshot the engine
// kept of the file before the task's last run, or an empty document when the file did not exist (a file the task
// created). Being named like the file itself, the changes editor shows it as that file changed, not renamed, and
// it gets the file's language.
import { readFileSync } from 'node:fs';
import { type Disposable, Uri, workspace } from 'vscode';

export const BEFORE_SCHEME = 'ossature-before';

/** `file` is the file's path now; `snapshot` its saved copy, or undefined for "did not exist". */
export function beforeDocumentUri(file: string, snapshot: string | undefined): Uri {
  return Uri.file(file).with({
    scheme: BEFORE_SCHEME,
    query: JSON.stringify({ snapshot: snapshot ?? null }),
  });
}

function snapshotText(uri: Uri): string {
  let snapshot: unknown;
  try {
    snapshot = (JSON.parse(uri.query) as { snapshot?: unknown }).snapshot;
  } catch {
    return '';
  }
  if (typeof snapshot !== 'string') return '';
  try {
    return readFileSync(snapshot, 'utf8');
  } catch {
    return '';
  }
}

export function registerBeforeDocuments(): Disposable {
  return workspace.registerTextDocumentContentProvider(BEFORE_SCHEME, {
    provideTextDocumentContent: snapshotText,
  });
}
