import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../store/atomic-write';
import { fileTimestamp } from './timestamp';

/**
 * Before audit replaces `plan.toml`, the current file is copied byte for byte to
 * `.ossature/backups/plan-<UTC stamp>.toml`, so hand edits can always be recovered. Only the newest
 * `keep` backups are kept.
 */

export const BACKUP_DIR = 'backups';
const BACKUP_NAME = /^plan-\d{8}T\d{6}Z(?:-\d+)?\.toml$/;

/** Copies `<ossatureDir>/plan.toml` into the backup folder; returns the backup's path (none without a plan). */
export function backupPlanFile(ossatureDir: string, date: Date, keep = 20): string | undefined {
  const planFile = join(ossatureDir, 'plan.toml');
  if (!existsSync(planFile)) return undefined;
  const dir = join(ossatureDir, BACKUP_DIR);
  const stamp = fileTimestamp(date);
  let path = join(dir, `plan-${stamp}.toml`);
  for (let n = 1; existsSync(path); n++) path = join(dir, `plan-${stamp}-${n}.toml`);
  writeFileAtomicSync(path, readFileSync(planFile));
  pruneBackups(dir, keep);
  return path;
}

/** The backup files, oldest first. */
export function listPlanBackups(ossatureDir: string): string[] {
  const dir = join(ossatureDir, BACKUP_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => BACKUP_NAME.test(name))
    .sort(compareBackups)
    .map((name) => join(dir, name));
}

function pruneBackups(dir: string, keep: number): void {
  const names = readdirSync(dir)
    .filter((name) => BACKUP_NAME.test(name))
    .sort(compareBackups);
  for (const name of names.slice(0, Math.max(0, names.length - keep)))
    rmSync(join(dir, name), { force: true });
}

/** By stamp, then by the `-n` suffix (numerically). */
function compareBackups(a: string, b: string): number {
  const parse = (name: string) => {
    const m = /^plan-(\d{8}T\d{6}Z)(?:-(\d+))?\.toml$/.exec(name)!;
    return [m[1]!, Number(m[2] ?? 0)] as const;
  };
  const [sa, na] = parse(a);
  const [sb, nb] = parse(b);
  return sa < sb ? -1 : sa > sb ? 1 : na - nb;
}
