import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `.ossature/run.lock`: keeps two runs (audit, build) from interleaving their writes. Created with O_EXCL
 * and holding the owner's pid; a lock whose process is gone is taken over. Build can take the same lock.
 */

export const LOCK_FILE = 'run.lock';

interface LockHolder {
  pid: number;
  command: string;
  started: string;
}

/** Another live run holds the lock (the message names it and says what to do). */
export class RunLockBusyError extends Error {
  override name = 'RunLockBusyError';
}

export interface RunLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return typeof value.pid === 'number'
      ? { pid: value.pid, command: String(value.command ?? '?'), started: String(value.started ?? '?') }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the lock for `command`, or throws a {@link RunLockBusyError} naming the run that holds it. */
export function acquireRunLock(ossatureDir: string, command: string): RunLock {
  mkdirSync(ossatureDir, { recursive: true });
  const file = join(ossatureDir, LOCK_FILE);
  const holder: LockHolder = { pid: process.pid, command, started: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      try {
        writeSync(fd, JSON.stringify(holder));
      } finally {
        closeSync(fd);
      }
      return {
        release: () => {
          if (readHolder(file)?.pid === process.pid) unlinkSync(file);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const other = readHolder(file);
      if (other && other.pid !== process.pid && alive(other.pid)) {
        throw new RunLockBusyError(
          `Another ossature run (${other.command}, pid ${other.pid}, started ${other.started}) is using .ossature/. Wait for it to finish, or delete .ossature/${LOCK_FILE} if that process is gone.`,
        );
      }
      try {
        unlinkSync(file); // left behind by a run that no longer exists
      } catch {
        // someone else removed it first
      }
    }
  }
  throw new RunLockBusyError(`Could not take .ossature/${LOCK_FILE}; run the command again.`);
}
