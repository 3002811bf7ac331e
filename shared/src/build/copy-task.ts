import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  realpathSync,
  statSync,
  utimesSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { type PlanTask, sourcePattern } from '../model/plan';
import { filesBelow } from '../project/files-below';
import { compareCodePoints } from './hashing';

/**
 * Verbatim copy tasks (reference §5.8): a task with `source` patterns copies files from the context
 * directory to the output directory, with no model. `source[i]` pairs with `outputs[i]`. A pattern holds at
 * most one `*` (any characters within one path segment) or `**` (as a whole segment: any number of folders;
 * at the end: every file below). A literal source must match exactly one file and pair with a literal
 * output; a wildcard source pairs with a wildcard output, and the text its wildcard matched fills the
 * output's wildcard. Matching is over regular files, sorted by code point, and every source and
 * destination must stay inside its folder once symlinks are resolved.
 *
 * Like the original's glob, `*` also matches names that start with a dot.
 *
 * Departures from the original: `?` and `[` are ordinary characters here (the original's glob treated them
 * as wildcards it did not pair); a matched symlink keeps its own name (the original reported the link's
 * target); a context symlink leading outside the context directory is an error rather than silently
 * dropped; destination paths are normalised (`a//b` → `a/b`).
 */

/** A copy task that cannot run; the message says what is wrong and what to change in plan.toml. */
export class CopyTaskError extends Error {
  override readonly name = 'CopyTaskError';
  /** Destinations already copied when a copy failed part-way (they are on disk). */
  created: string[] = [];
}

/** One file to copy: context-relative source → output-relative destination (both `/`-separated). */
export interface CopyPair {
  source: string;
  dest: string;
}

export interface CopyResult {
  /** Destinations, in copy order, each once. */
  created: string[];
  /** The `response.md` text: a summary line, then `- src -> dest` per file. */
  response: string;
  /** `Copied N file(s) from context to output.` */
  verifyOutput: string;
}

interface Wildcard {
  prefix: string;
  star: '*' | '**';
  suffix: string;
}

/** Splits a pattern around its one wildcard; undefined for a literal; throws for more than one. */
function wildcardOf(pattern: string, task: PlanTask): Wildcard | undefined {
  const first = pattern.indexOf('*');
  if (first === -1) return undefined;
  const star = pattern.startsWith('**', first) ? '**' : '*';
  const suffix = pattern.slice(first + star.length);
  if (suffix.includes('*')) {
    throw new CopyTaskError(
      `Copy task ${task.id}: pattern '${pattern}' has more than one wildcard; a pattern may hold one '*' or '**'. In plan.toml, split it into several source/outputs pairs.`,
    );
  }
  return { prefix: pattern.slice(0, first), star, suffix };
}

const CASE_INSENSITIVE = process.platform === 'darwin' || process.platform === 'win32';

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  if (rel === '') return true;
  const first = rel.split(sep)[0];
  return first !== '..' && !isAbsolute(rel);
}

/**
 * The real path of `rel` under `root` (which must exist) when it stays inside `root` once symlinks are
 * resolved (the deepest existing ancestor is resolved; the rest is appended), else undefined.
 */
export function confinedPath(root: string, rel: string): string | undefined {
  if (isAbsolute(rel) || rel.includes('\0')) return undefined;
  const rootReal = realpathSync(root);
  const target = resolve(rootReal, rel);
  if (!isInside(rootReal, target)) return undefined;
  let existing = target;
  const rest: string[] = [];
  for (;;) {
    try {
      lstatSync(existing);
      break;
    } catch {
      rest.unshift(basename(existing));
      existing = dirname(existing);
    }
  }
  let real: string;
  try {
    real = join(realpathSync(existing), ...rest);
  } catch {
    return undefined; // a dangling symlink: where it leads is not known until it is written through
  }
  return isInside(rootReal, real) ? real : undefined;
}

function segmentRegExp(segment: string): RegExp {
  const parts = segment.split(/\*+/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[^/]*')}$`, CASE_INSENSITIVE ? 'i' : '');
}

/** Context-relative paths (files or folders) matching `segments`, walking from `base`. */
function walk(root: string, base: string, segments: readonly string[], out: string[]): void {
  if (segments.length === 0) {
    out.push(base);
    return;
  }
  const [segment, ...rest] = segments as [string, ...string[]];
  const dir = base ? join(root, base) : root;
  const child = (name: string) => (base ? `${base}/${name}` : name);
  if (segment === '**') {
    if (rest.length === 0) {
      out.push(...filesBelow(dir, { prefix: base, withLinks: true }));
      return;
    }
    walk(root, base, rest, out);
    let entries: import('node:fs').Dirent[] = [];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      // not a folder
    }
    for (const entry of entries) if (entry.isDirectory()) walk(root, child(entry.name), segments, out);
    return;
  }
  if (!segment.includes('*')) {
    walk(root, child(segment), rest, out);
    return;
  }
  const match = segmentRegExp(segment);
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    // not a folder
  }
  for (const name of names) if (match.test(name)) walk(root, child(name), rest, out);
}

interface Matches {
  files: string[];
  /** Matched files whose real path is outside the context directory. */
  outside: string[];
}

function matchPattern(contextDir: string, pattern: string): Matches {
  const segments = pattern
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '' && s !== '.');
  const found: string[] = [];
  walk(contextDir, '', segments, found);
  const rootReal = realpathSync(contextDir);
  const files: string[] = [];
  const outside: string[] = [];
  for (const rel of new Set(found)) {
    let real: string;
    try {
      real = realpathSync(join(contextDir, rel));
      if (!statSync(real).isFile()) continue;
    } catch {
      continue;
    }
    (isInside(rootReal, real) ? files : outside).push(rel);
  }
  return { files: files.sort(compareCodePoints), outside: outside.sort(compareCodePoints) };
}

const isDir = (dir: string) => existsSync(dir) && statSync(dir).isDirectory();

/** Every context file the task's sources match now (sorted, each once); [] without a context directory. */
export function matchedContextFiles(task: PlanTask, contextDir: string): string[] {
  if (!isDir(contextDir)) return [];
  const all = new Set<string>();
  for (const source of task.source) {
    try {
      for (const file of matchPattern(contextDir, sourcePattern(source)).files) all.add(file);
    } catch {
      // an unreadable pattern matches nothing; planCopy reports it
    }
  }
  return [...all].sort(compareCodePoints);
}

/** Pairs every matched source file with its destination; throws {@link CopyTaskError} when it cannot. */
export function planCopy(task: PlanTask, contextDir: string): CopyPair[] {
  const where = `Copy task ${task.id}`;
  if (task.source.length === 0) {
    throw new CopyTaskError(`${where} has no source patterns; give it \`source\` entries in plan.toml.`);
  }
  if (!isDir(contextDir)) {
    throw new CopyTaskError(
      `${where} copies from the context directory ${contextDir}, which does not exist. Create it and put the source files there (or set [project] context_dir in ossature.toml).`,
    );
  }
  if (task.source.length !== task.outputs.length) {
    throw new CopyTaskError(
      `${where} has ${task.source.length} source pattern(s) but ${task.outputs.length} output(s); in plan.toml, source[i] pairs with outputs[i], so give them the same number of entries.`,
    );
  }
  const pairs: CopyPair[] = [];
  task.source.forEach((source, i) => {
    const pattern = sourcePattern(source);
    const output = task.outputs[i]!;
    const sourceWild = wildcardOf(pattern, task);
    const outputWild = wildcardOf(output, task);
    const { files, outside } = matchPattern(contextDir, pattern);
    if (outside.length > 0) {
      throw new CopyTaskError(
        `${where}: source '${pattern}' matches ${outside.map((f) => `'${f}'`).join(', ')}, which lead${outside.length === 1 ? 's' : ''} outside the context directory through a symlink. Copy the file into the context directory instead, or narrow the pattern.`,
      );
    }
    if (files.length === 0) {
      throw new CopyTaskError(
        `${where}: source '${pattern}' matched no files in the context directory ${contextDir}. Add the files there, or fix the pattern in plan.toml.`,
      );
    }
    if (!sourceWild) {
      if (files.length !== 1) {
        throw new CopyTaskError(
          `${where}: literal source '${pattern}' matched ${files.length} files; name exactly one file.`,
        );
      }
      if (outputWild) {
        throw new CopyTaskError(
          `${where}: source '${pattern}' is a single file but its output '${output}' has a wildcard; in plan.toml, give the output as a plain path.`,
        );
      }
      pairs.push({ source: files[0]!, dest: output });
      return;
    }
    if (!outputWild) {
      throw new CopyTaskError(
        `${where}: source '${pattern}' has a wildcard but its output '${output}' does not; in plan.toml, add a matching '*' or '**' to the output (e.g. 'assets/*.png' → 'static/*.png').`,
      );
    }
    for (const file of files) {
      const captured = captureOf(file, sourceWild);
      if (captured === undefined) {
        throw new CopyTaskError(`${where}: matched file '${file}' does not fit source pattern '${pattern}'.`);
      }
      pairs.push({ source: file, dest: `${outputWild.prefix}${captured}${outputWild.suffix}` });
    }
  });
  return pairs;
}

/** The text the wildcard matched in `file` (prefix and suffix compared as written, `./` and `//` aside). */
function captureOf(file: string, wild: Wildcard): string | undefined {
  const clean = (text: string) =>
    text
      .replace(/\\/g, '/')
      .replace(/\/{2,}/g, '/')
      .replace(/^(\.\/)+/, '');
  const prefix = clean(wild.prefix);
  const suffix = clean(wild.suffix);
  const fold = (text: string) => (CASE_INSENSITIVE ? text.toLowerCase() : text);
  if (!fold(file).startsWith(fold(prefix)) || !fold(file).endsWith(fold(suffix))) return undefined;
  return file.slice(prefix.length, Math.max(prefix.length, file.length - suffix.length));
}

/**
 * Copies the task's files (mode and times kept) and says what it did; throws {@link CopyTaskError}.
 * `beforeCopy` sees each destination (output-relative) just before it is overwritten.
 */
export function runCopyTask(
  task: PlanTask,
  contextDir: string,
  outputDir: string,
  beforeCopy?: (dest: string) => void,
): CopyResult {
  const pairs = planCopy(task, contextDir);
  mkdirSync(outputDir, { recursive: true });
  // Every path is checked before the first copy, so a refused task leaves the output dir as it was.
  const copies = pairs.map((pair) => {
    const source = confinedPath(contextDir, pair.source);
    if (source === undefined) {
      throw new CopyTaskError(
        `Copy task ${task.id}: source '${pair.source}' resolves outside the context directory.`,
      );
    }
    const dest = posix.normalize(pair.dest.replace(/\\/g, '/'));
    const target = confinedPath(outputDir, dest);
    if (target === undefined || dest === '.' || dest.endsWith('/')) {
      throw new CopyTaskError(
        `Copy task ${task.id}: output '${pair.dest}' is not a file path inside the output directory; in plan.toml, give a relative path such as 'assets/logo.png'.`,
      );
    }
    return { ...pair, sourceFile: source, dest, target };
  });
  const created: string[] = [];
  for (const copy of copies) {
    try {
      beforeCopy?.(copy.dest);
      mkdirSync(dirname(copy.target), { recursive: true });
      copyFileSync(copy.sourceFile, copy.target);
      const stat = statSync(copy.sourceFile);
      chmodSync(copy.target, stat.mode & 0o7777);
      utimesSync(copy.target, stat.atime, stat.mtime);
    } catch (error) {
      const failure = new CopyTaskError(
        `Copy task ${task.id}: copying '${copy.source}' to '${copy.dest}' failed: ${(error as Error).message}`,
      );
      failure.created = created;
      throw failure;
    }
    if (!created.includes(copy.dest)) created.push(copy.dest);
  }
  const verifyOutput = `Copied ${created.length} file(s) from context to output.`;
  const lines = copies.map((copy) => `- ${copy.source} -> ${copy.dest}`);
  return { created, response: `${verifyOutput}\n\n${lines.join('\n')}\n`, verifyOutput };
}
