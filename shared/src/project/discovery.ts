import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const CONFIG_FILE = 'ossature.toml';

/** Thrown when no project can be found or `--config` names nothing; the CLI exits with status 2. */
export class ProjectNotFoundError extends Error {}

/**
 * The ossature.toml to use: `--config` if given (it must exist), else the first one found walking up
 * from `cwd` (reference §2.4).
 */
export function findConfigFile(cwd: string, configOption?: string): string {
  if (configOption !== undefined) {
    const file = resolve(cwd, configOption);
    if (!existsSync(file)) {
      throw new ProjectNotFoundError(`--config ${configOption}: no such file (looked for ${file}).`);
    }
    if (statSync(file).isDirectory()) {
      const inside = join(file, CONFIG_FILE);
      if (existsSync(inside)) return inside;
      throw new ProjectNotFoundError(`--config ${configOption} is a folder without ${CONFIG_FILE}.`);
    }
    return file;
  }
  let dir = resolve(cwd);
  while (true) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new ProjectNotFoundError(
        `No ${CONFIG_FILE} found in ${resolve(cwd)} or any folder above it. Run \`ossature init\` to create a project, or pass --config <path>.`,
      );
    }
    dir = parent;
  }
}
