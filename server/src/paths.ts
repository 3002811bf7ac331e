import { URI } from 'vscode-uri';

/** The file path of a `file:` URI; undefined for any other scheme (untitled, git, …). */
export function uriToPath(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath : undefined;
}

const uris = new Map<string, string>();

/** The `file:` URI of an absolute path, as vscode-uri (and so VS Code) spells it; cached. */
export function pathToUri(path: string): string {
  let uri = uris.get(path);
  if (uri === undefined) {
    uri = URI.file(path).toString();
    if (uris.size > 50_000) uris.clear();
    uris.set(path, uri);
  }
  return uri;
}
