import { mimeTypeOf } from '../../audit/mime-types';
import { fenceFor } from '../../parse/render-smd';
import { fileSize, pathWithin, readText } from './text-files';

/**
 * The `<context_files>` block of a task prompt (reference §5.3 step 8): each of the task's `context_files`
 * (paths under the user's context dir) inlined under `### path` with its MIME type and byte size when its
 * type is text-like and it is UTF-8, listed with type and size otherwise, or marked "not found". Text as
 * the original, except that a fence grows past any backtick run in the file, and that a path leading out
 * of the context dir (`..`, absolute) is never read into the prompt.
 */

const TEXT_LIKE = new Set(['application/json', 'application/xml', 'application/toml', 'application/yaml']);

export function isTextMime(mime: string): boolean {
  return mime.startsWith('text/') || TEXT_LIKE.has(mime);
}

const INTRO =
  "The following files from the project's context directory are assigned to this task. Use " +
  '`copy_context_file(context_path, dest_path)` to copy assets into the appropriate location within the ' +
  'output directory (choose a destination path that fits the project structure, e.g. ' +
  '`assets/audio/music.mp3` or `sounds/correct.wav`). Use `read_context_file(context_path)` to read text ' +
  'files on demand.';

function entry(contextDir: string, path: string): string {
  const file = pathWithin(contextDir, path);
  if (file === undefined) return `- \`${path}\` — outside the context directory, not read`;
  const size = fileSize(file);
  if (size === undefined) return `- \`${path}\` — not found`;
  const mime = mimeTypeOf(path);
  if (!isTextMime(mime)) return `- \`${path}\` — \`${mime}\` (${size} bytes)`;
  const text = readText(file, true);
  if (text === undefined) {
    return `- \`${path}\` — \`${mime}\` (${size} bytes) — use \`read_context_file\` or \`copy_context_file\` to access`;
  }
  const fence = fenceFor(text);
  return `### ${path}\n\n**MIME type:** \`${mime}\` (${size} bytes)\n\n${fence}\n${text}\n${fence}`;
}

/** The block for `paths` under `contextDir`, or undefined when there are none. */
export function contextFilesBlock(contextDir: string, paths: readonly string[]): string | undefined {
  if (paths.length === 0) return undefined;
  return `<context_files>\n${INTRO}\n\n${paths.map((path) => entry(contextDir, path)).join('\n\n')}\n</context_files>`;
}
