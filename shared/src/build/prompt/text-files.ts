import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, posix, relative, resolve, sep } from 'node:path';

/**
 * Reading the files a build prompt quotes (briefs, interface files, context files, outputs) the way the
 * original read them: Python's `Path.read_text()`, i.e. UTF-8 with universal newlines (`\r\n` and a lone
 * `\r` become `\n`) and a byte-order mark kept as a character. Prompts embed this text and are hashed, so
 * reading it any other way would change every input hash of a project with CRLF files.
 */

const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
const strict = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });

/** The size in bytes of the regular file at `file` (symlinks followed), or undefined when there is none. */
export function fileSize(file: string): number | undefined {
  try {
    const stat = statSync(file);
    return stat.isFile() ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

function universalNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/**
 * The text of the regular file at `file`, or undefined when there is none. With `requireUtf8`, a file that is
 * not valid UTF-8 (a binary) is undefined too; without, invalid bytes become U+FFFD.
 */
export function readText(file: string, requireUtf8 = false): string | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  try {
    return universalNewlines((requireUtf8 ? strict : lenient).decode(bytes));
  } catch {
    return undefined;
  }
}

/**
 * A path as the task-to-component link compares it (reference §2.2): trimmed, backslashes to `/`,
 * normalised (`./src/a.py` is `src/a.py`) and lower-cased.
 */
export function normalizeOutputPath(path: string): string {
  const normal = posix.normalize(path.trim().replace(/\\/g, '/'));
  return (normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal).toLowerCase();
}

/**
 * The absolute path of `path` under `dir`, or undefined when it leads out of `dir` (`..`, an absolute
 * path): prompts never quote a file from outside the folder a plan entry is relative to.
 */
export function pathWithin(dir: string, path: string): string | undefined {
  const root = resolve(dir);
  const file = resolve(root, path);
  const rel = relative(root, file);
  return rel !== '' && rel.split(sep)[0] !== '..' && !isAbsolute(rel) ? file : undefined;
}
