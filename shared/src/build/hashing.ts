import { createHash, type Hash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Input and output hashes of a build task (reference §5.6), stored in `state.toml` as `sha256:<hex>`.
 *
 * - **Input hash**: the assembled prompt text (UTF-8), then for each `context_files` entry in sorted order
 *   that exists under the context dir, the bytes of `context:<path>` followed by the file's bytes.
 * - **Output hash**: for each path in sorted `created_files` that exists under the output dir, the path
 *   (UTF-8) followed by the file's bytes. Missing files contribute nothing; an empty list hashes nothing.
 *
 * "Sorted" is Python's `sorted()` on `str`: by Unicode code point, duplicates kept.
 */

export const HASH_PREFIX = 'sha256:';

/** The output hash of a task that created no files: sha256 of nothing. */
export const EMPTY_HASH = `${HASH_PREFIX}e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855`;

/** One file that takes part in a hash: its path as listed and its bytes. */
export interface HashedFile {
  path: string;
  bytes: Uint8Array;
}

/** Orders strings by Unicode code point, as Python does (JS `<` compares UTF-16 code units). */
export function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const x = (left[i] as string).codePointAt(0) as number;
    const y = (right[i] as string).codePointAt(0) as number;
    if (x !== y) return x - y;
  }
  return left.length - right.length;
}

/** A sorted copy (code-point order, duplicates kept). */
export function sortedPaths(paths: readonly string[]): string[] {
  return [...paths].sort(compareCodePoints);
}

function digest(hash: Hash): string {
  return `${HASH_PREFIX}${hash.digest('hex')}`;
}

/**
 * The input hash from already-read context files. `files` holds only the context files that exist; they
 * are hashed in sorted path order whatever order they are given in.
 */
export function inputHashOf(promptText: string, files: readonly HashedFile[]): string {
  const hash = createHash('sha256').update(promptText, 'utf8');
  for (const file of [...files].sort((a, b) => compareCodePoints(a.path, b.path))) {
    hash.update(`context:${file.path}`, 'utf8');
    hash.update(file.bytes);
  }
  return digest(hash);
}

/** The output hash from already-read created files (only those that exist), hashed in sorted path order. */
export function outputHashOf(files: readonly HashedFile[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort((a, b) => compareCodePoints(a.path, b.path))) {
    hash.update(file.path, 'utf8');
    hash.update(file.bytes);
  }
  return digest(hash);
}

/** The bytes of a regular file (symlinks followed), or undefined when there is none at that path. */
function readIfFile(file: string): Uint8Array | undefined {
  try {
    if (!statSync(file).isFile()) return undefined;
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Reads the listed files that exist under `dir`, in sorted path order. */
export function readExisting(dir: string, paths: readonly string[]): HashedFile[] {
  const files: HashedFile[] = [];
  for (const path of sortedPaths(paths)) {
    const bytes = readIfFile(join(dir, path));
    if (bytes !== undefined) files.push({ path, bytes });
  }
  return files;
}

/** The input hash of a task: its assembled prompt plus its existing `context_files` under `contextDir`. */
export function inputHash(promptText: string, contextFiles: readonly string[], contextDir: string): string {
  return inputHashOf(promptText, readExisting(contextDir, contextFiles));
}

/** The output hash of a task: its existing `created_files` under `outputDir`. */
export function outputHash(outputDir: string, createdFiles: readonly string[]): string {
  return outputHashOf(readExisting(outputDir, createdFiles));
}
