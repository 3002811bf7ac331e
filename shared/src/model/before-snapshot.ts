/**
 * `.ossature/tasks/<id>-<slug>/before/` and `before.json`: what each file a task's last run touched looked
 * like before that run — the left side of the editor's per-task review diff. `before/<path>` holds the old
 * bytes of a file that existed; `before.json` lists every touched file in the order of first touch, with
 * `existed: false` for a file the task created. Paths are relative to the output directory, `/`-separated
 * (as `output.toml` lists them); `outputDir` is the output directory relative to the project root.
 *
 * Pure (no imports): the VS Code client reads these files with the same names and parser.
 */

export const BEFORE_DIR = 'before';
export const BEFORE_MANIFEST = 'before.json';

export interface BeforeFile {
  /** Relative to the output directory, `/`-separated. */
  path: string;
  /** False when the task created the file; otherwise `before/<path>` holds its old content. */
  existed: boolean;
}

export interface BeforeManifest {
  /** The output directory relative to the project root, `/`-separated (`.` for the root itself). */
  outputDir: string;
  files: BeforeFile[];
}

/** `before.json`'s text parsed, or undefined when it is not a manifest (unreadable, older, hand-edited). */
export function parseBeforeManifest(text: string): BeforeManifest | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { outputDir, files } = value as { outputDir?: unknown; files?: unknown };
  if (typeof outputDir !== 'string' || !Array.isArray(files)) return undefined;
  const parsed: BeforeFile[] = [];
  for (const file of files) {
    if (typeof file !== 'object' || file === null) return undefined;
    const { path, existed } = file as { path?: unknown; existed?: unknown };
    if (typeof path !== 'string' || typeof existed !== 'boolean' || !isSafeRelative(path)) return undefined;
    parsed.push({ path, existed });
  }
  return { outputDir, files: parsed };
}

/** A `/`-separated relative path with no empty, `.` or `..` segment, not absolute. */
export function isSafeRelative(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || /^[A-Za-z]:/.test(path)) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}
