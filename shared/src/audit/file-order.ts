import { relative, sep } from 'node:path';

/**
 * How audit names project files in `manifest.toml` and `graph.toml`: the path relative to the project root
 * with `/` separators and a leading `./` (`./specs/a.smd`), as the original writes them.
 */
export function projectKey(root: string, file: string): string {
  return `./${relative(root, file).split(sep).join('/')}`;
}

/** A project-root-relative path without the leading `./` (`specs/a.vmd`), as plan `vmd_file` is written. */
export function projectRelative(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}

/** Python's `sorted()` on strings: by code point (not UTF-16 unit). */
export function compareCodePoints(a: string, b: string): number {
  const ca = [...a];
  const cb = [...b];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const d = (ca[i]?.codePointAt(0) ?? 0) - (cb[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return ca.length - cb.length;
}

/**
 * `keys` in a stable order: those named in `previous` keep its order, the others follow sorted.
 *
 * The original lists spec files in directory-listing order (Python's `glob`), which is whatever the file
 * system returns. Reusing the order of the previous manifest / graph keeps our rewrites of those files
 * identical to the original's on an existing project, and new files land in a deterministic place.
 */
export function orderLike(keys: Iterable<string>, previous: readonly string[] = []): string[] {
  const rank = new Map<string, number>();
  previous.forEach((key, i) => {
    if (!rank.has(key)) rank.set(key, i);
  });
  const all = [...new Set(keys)];
  const known = all.filter((k) => rank.has(k)).sort((a, b) => rank.get(a)! - rank.get(b)!);
  const fresh = all.filter((k) => !rank.has(k)).sort(compareCodePoints);
  return [...known, ...fresh];
}
