import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ToolRetry } from '../../llm';
import { compareCodePoints, HASH_PREFIX } from '../hashing';

/**
 * The per-task sandbox of the build tools (reference §5.5): every path a tool is given is relative to the
 * output directory (or the context directory for the `*_context_file` tools) and must stay inside it after
 * symlinks are resolved. `..` segments, absolute paths, `~`, NUL bytes and backslash separators are refused
 * with a retryable "Access denied" error; writes under `checks/` or to a protected path are refused too.
 *
 * It also keeps the task's `created_files` / `edited_files` lists and, for no-op detection by content rather
 * than by path sets, the content each touched file had before the task first touched it
 * ({@link TaskSandbox.touchedContentHash}).
 */

export interface TaskSandboxOptions {
  /** The project's output directory; created when missing. */
  outputDir: string;
  /** The context directory read by `copy_context_file` / `read_context_file`; absent → those tools refuse. */
  contextDir?: string;
  /** Paths (relative to the output dir, or absolute inside it) that write_file/edit_file must not change. */
  protectedPaths?: Iterable<string>;
  /**
   * Files the task already created / edited (a fix attempt continuing the task), relative, `/`-separated.
   * Their content at construction is the baseline {@link TaskSandbox.touchedContentHash} compares with.
   */
  createdFiles?: readonly string[];
  editedFiles?: readonly string[];
  /** Called once per path, before a tool first writes it in this sandbox (the task's "before" snapshot). */
  beforeFirstWrite?: (rel: string) => void;
}

/** A path inside a sandbox root: `rel` as the tools report it (`/`-separated, '' for the root), `real` to use. */
export interface SandboxedPath {
  rel: string;
  real: string;
}

const CASE_INSENSITIVE = process.platform === 'darwin' || process.platform === 'win32';
const fold = (path: string) => (CASE_INSENSITIVE ? path.toLowerCase() : path);

export class TaskSandbox {
  readonly outputDir: string;
  readonly contextDir: string | undefined;
  /** Files written by write_file / copy_context_file, in order of first write (§5.5). */
  readonly createdFiles: string[];
  /** Files changed by edit_file that were not already created or edited (§5.5). */
  readonly editedFiles: string[];
  private readonly outputReal: string;
  private readonly protectedRel: Set<string>;
  /** Content hash (or null: absent) of each touched file before the task first touched it. */
  private readonly baseline = new Map<string, string | null>();
  private readonly beforeFirstWrite: ((rel: string) => void) | undefined;

  constructor(options: TaskSandboxOptions) {
    this.outputDir = resolve(options.outputDir);
    mkdirSync(this.outputDir, { recursive: true });
    this.outputReal = realpathSync(this.outputDir);
    this.contextDir = options.contextDir === undefined ? undefined : resolve(options.contextDir);
    this.protectedRel = new Set(
      [...(options.protectedPaths ?? [])].map((path) => {
        const rel = isAbsolute(path) ? relative(this.outputDir, path).split(sep).join('/') : path;
        return fold(rel.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, ''));
      }),
    );
    this.createdFiles = [...(options.createdFiles ?? [])];
    this.editedFiles = [...(options.editedFiles ?? [])];
    // Files touched before this sandbox existed: their baseline is now (the snapshot hook already saw them).
    for (const rel of [...this.createdFiles, ...this.editedFiles])
      if (!this.baseline.has(rel)) this.baseline.set(rel, this.currentHash(rel));
    this.beforeFirstWrite = options.beforeFirstWrite;
  }

  /** Resolves a path for reading inside the output dir ('' or '.' is the dir itself), or throws ToolRetry. */
  readPath(path: string): SandboxedPath {
    const rel = normalizeToolPath(path, 'output directory');
    return { rel, real: confine(this.outputReal, join(this.outputReal, rel), path, 'output directory') };
  }

  /** Resolves a path for writing: a file inside the output dir, not under `checks/`, not protected. */
  writePath(path: string): SandboxedPath {
    const target = this.readPath(path);
    if (target.rel === '')
      throw new ToolRetry(`Access denied: "${path}" is the output directory; give a file path.`);
    const realRel = relative(this.outputReal, target.real).split(sep).join('/');
    for (const rel of [target.rel, realRel]) {
      if (fold(rel) === 'checks' || fold(rel).startsWith('checks/')) {
        throw new ToolRetry(
          `Access denied: "${path}" is under checks/, which holds the verification fixtures and is read-only. Change the implementation files instead.`,
        );
      }
      const folded = fold(rel);
      for (const guarded of this.protectedRel) {
        if (folded === guarded || folded.startsWith(`${guarded}/`)) {
          throw new ToolRetry(
            `Access denied: "${path}" is protected in this task and may not be written. Change the implementation files instead.`,
          );
        }
      }
    }
    return target;
  }

  /** Resolves a path inside the context directory, or throws ToolRetry. */
  contextPath(path: string): SandboxedPath {
    if (this.contextDir === undefined) {
      throw new ToolRetry('This project has no context directory, so there are no context files to use.');
    }
    let root: string;
    try {
      root = realpathSync(this.contextDir);
    } catch {
      throw new ToolRetry(`The context directory ${this.contextDir} does not exist.`);
    }
    const rel = normalizeToolPath(path, 'context directory');
    return { rel, real: confine(root, join(root, rel), path, 'context directory') };
  }

  /**
   * Call before a tool writes `rel`: remembers its content from before the task touched it (a hash here;
   * the bytes through `beforeFirstWrite`, for the review diff).
   */
  noteBaseline(rel: string): void {
    if (this.baseline.has(rel)) return;
    this.beforeFirstWrite?.(rel);
    this.baseline.set(rel, this.currentHash(rel));
  }

  /** Records a file write_file or copy_context_file wrote (§5.5: added unless already in created_files). */
  recordCreated(rel: string): void {
    if (!this.createdFiles.includes(rel)) this.createdFiles.push(rel);
  }

  /** Records a file edit_file changed (§5.5: added unless already in created_files or edited_files). */
  recordEdited(rel: string): void {
    if (!this.createdFiles.includes(rel) && !this.editedFiles.includes(rel)) this.editedFiles.push(rel);
  }

  /**
   * A hash of the task's net change so far: every touched file whose content now differs from what it was
   * before the task first touched it, with its current content (or "deleted"). Take it before and after a
   * fix attempt; equal hashes mean the attempt changed nothing, even when it rewrote files with the same
   * content or touched files already in the lists (the original compared path sets and missed those).
   * Only tool writes are seen: files changed by run_command are not tracked.
   */
  touchedContentHash(): string {
    const hash = createHash('sha256');
    for (const rel of [...this.baseline.keys()].sort(compareCodePoints)) {
      const now = this.currentHash(rel);
      if (now === this.baseline.get(rel)) continue;
      hash.update(`${rel}\0${now ?? 'deleted'}\0`, 'utf8');
    }
    return `${HASH_PREFIX}${hash.digest('hex')}`;
  }

  private currentHash(rel: string): string | null {
    try {
      const full = join(this.outputReal, rel);
      if (!statSync(full).isFile()) return null;
      return createHash('sha256').update(readFileSync(full)).digest('hex');
    } catch {
      return null;
    }
  }
}

/**
 * A tool path as `/`-separated segments relative to a root ('' for the root itself), or a ToolRetry saying
 * why it is refused: NUL bytes, absolute paths (`/x`, `C:\x`, `\\server`), `~`, and any `..` segment.
 * Backslashes count as separators, so `..\x` is refused like `../x`.
 */
export function normalizeToolPath(path: string, root: string): string {
  const deny = (why: string) =>
    new ToolRetry(
      `Access denied: "${path.replace(/\0/g, '\\0')}" ${why}. Give a path relative to the ${root} without "..", e.g. "src/app.ts".`,
    );
  if (path.includes('\0')) throw deny('contains a NUL byte');
  const slashed = path.trim().replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed)) throw deny('is an absolute path');
  if (slashed.startsWith('~')) throw deny('starts with "~" (a home directory)');
  const segments = slashed.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) throw deny('leaves its folder with ".."');
  return segments.join('/');
}

/** True when `path` is `root` or inside it (both absolute, resolved). */
export function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * The real location of `full` (lexically inside `root`): the realpath of its nearest existing ancestor (a
 * symlink counts as existing even when dangling) joined with the part that does not exist yet. Refuses
 * (ToolRetry) when that leads outside `root` or through a broken or looping symlink.
 */
export function confine(root: string, full: string, shown: string, label: string): string {
  if (!within(root, full)) throw new ToolRetry(`Access denied: "${shown}" is outside the ${label}.`);
  let existing = full;
  const tail: string[] = [];
  for (;;) {
    try {
      lstatSync(existing);
      break;
    } catch {
      const parent = dirname(existing);
      if (parent === existing) break;
      tail.unshift(existing.slice(parent.length).replace(/^[\\/]/, ''));
      existing = parent;
    }
  }
  let real: string;
  try {
    real = realpathSync(existing);
  } catch {
    throw new ToolRetry(
      `Access denied: "${shown}" goes through a broken or looping symbolic link; use a different path in the ${label}.`,
    );
  }
  if (!within(root, real)) {
    throw new ToolRetry(`Access denied: "${shown}" leads outside the ${label} through a symbolic link.`);
  }
  return tail.length === 0 ? real : join(real, ...tail);
}
