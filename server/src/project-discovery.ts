import { type Dirent, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE, findConfigFile, ProjectNotFoundError } from '../../shared/src/project/discovery';

/** How far below a workspace folder to look for projects, and how many folders to read at most. */
export const DISCOVERY_DEPTH = 4;
const DISCOVERY_FOLDER_LIMIT = 4000;

/**
 * The ossature.toml files a workspace folder opens, sorted:
 * - the folder's own, or the nearest one above it (the folder is part of a project, e.g. `specs/`);
 * - every one up to DISCOVERY_DEPTH folders below it (a repository holding several projects, e.g.
 *   `examples/todo/`), skipping hidden folders and node_modules, reading at most a few thousand folders.
 * A folder with none gives an empty list: the server stays quiet until an ossature.toml appears.
 */
export function discoverProjects(folder: string): string[] {
  const found = new Set<string>();
  try {
    found.add(findConfigFile(folder));
  } catch (error) {
    if (!(error instanceof ProjectNotFoundError)) throw error;
  }
  let budget = DISCOVERY_FOLDER_LIMIT;
  const walk = (dir: string, depth: number) => {
    if (budget-- <= 0) return;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const child = join(dir, entry.name);
      const config = join(child, CONFIG_FILE);
      if (existsSync(config)) found.add(config);
      if (depth < DISCOVERY_DEPTH) walk(child, depth + 1);
    }
  };
  walk(folder, 1);
  return [...found].sort();
}
