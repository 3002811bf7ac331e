import { type Dirent, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The files under a folder, recursively, as paths relative to it with `/` separators (prefixed with
 * `prefix/` when given), in directory order. Symlinked folders are not entered. By default only regular
 * files are listed; `withLinks` also lists symlinks and other non-folder entries (copy tasks decide about
 * those themselves). A folder that cannot be read contributes nothing.
 */
export function filesBelow(dir: string, options: { prefix?: string; withLinks?: boolean } = {}): string[] {
  const out: string[] = [];
  const walk = (folder: string, prefix: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(folder, entry.name), rel);
      else if (options.withLinks || entry.isFile()) out.push(rel);
    }
  };
  walk(dir, options.prefix ?? '');
  return out;
}
