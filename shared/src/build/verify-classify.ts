import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import { within } from './tools/sandbox';

/**
 * Tells a verify command that cannot run as written from code that fails its checks (reference §5.4
 * step 6), so a bad `verify` entry in plan.toml is reported to the user instead of being "fixed" by
 * rewriting correct code. The output looks like a command problem when, after dropping `hint:` / `info:`
 * lines, it contains one of the invocation phrases and no error line points into the project.
 *
 * Departures from the original, each so that real compiler and test output is not mistaken for a bad
 * command, or a bad command for broken code:
 * - a line points into the project when it names a file under the output dir — an absolute path below it
 *   (the dir itself, as in pytest's `rootdir: /…`, does not count) or a relative path such as
 *   `src/main.rs:4:5` that exists there (the original only looks for the absolute dir); `$ <command>`
 *   headers written by the verify run are not counted;
 * - a few more phrases: Node's "bad option", tsc's "unknown compiler option", npm's "missing script",
 *   click's "no such option", Go's "unknown flag", and `sh: 1: name: not found` (dash's wording);
 * - the phrases are looked for after the hint/info lines are dropped (the original searches all lines).
 */

const HINT_PREFIXES = ['hint:', 'info:'];

const INVOCATION_PHRASES = [
  'arguments can only be given if',
  'unknown option',
  'unrecognized option',
  'invalid option',
  'unknown command',
  'unrecognized command',
  'command not found',
  'no such subcommand',
  'usage:',
  'unexpected argument',
  'invalid argument',
  'not a valid',
  'bad option',
  'unknown compiler option',
  'missing script',
  'no such option',
  'unknown flag',
];

/** `/bin/sh: 1: cargoo: not found` (dash) — a program name, not a path to a build artifact. */
const SHELL_NOT_FOUND = /^(?:\/bin\/)?(?:ba|da)?sh: (?:\d+: |line \d+: )?[^:\s/]+: not found$/m;

/** Path-like words with an extension: `src/main.rs`, `./tests/test_a.py`, `index.ts`. */
const RELATIVE_PATH =
  /(?:^|[\s'"`(<[=,])((?:\.\.?\/)?[\w@+-][\w.@+-]*(?:\/[\w.@+-]+)*\.[A-Za-z0-9]+)(?=[:\s'"`(),>\]]|$)/g;

/** The most relative paths checked on disk for one output (a long log is still cheap to judge). */
const MAX_PATH_CHECKS = 200;

/** True when a failed verify run's `output` looks like the command itself is wrong, not the code. */
export function looksLikeInvalidVerifyCommand(output: string, outputDir: string): boolean {
  const lines = output
    .trim()
    .split(/\r?\n/)
    .filter((line) => {
      const start = line.trim().toLowerCase();
      return !HINT_PREFIXES.some((prefix) => start.startsWith(prefix));
    });
  if (lines.every((line) => line.trim() === '')) return false;
  const text = lines.join('\n');
  const lower = text.toLowerCase();
  const invocation =
    INVOCATION_PHRASES.some((phrase) => lower.includes(phrase)) || SHELL_NOT_FOUND.test(text);
  if (!invocation) return false;
  return !pointsIntoProject(lines, outputDir);
}

function pointsIntoProject(lines: readonly string[], outputDir: string): boolean {
  const roots = new Set([resolve(outputDir)]);
  try {
    roots.add(realpathSync(outputDir));
  } catch {
    // The output dir is gone; relative paths cannot be checked either, absolute ones still can.
  }
  const prefixes = [...roots].map((root) => (root.endsWith(sep) ? root : root + sep));
  const root = resolve(outputDir);
  let checks = 0;
  for (const line of lines) {
    if (line.startsWith('$ ')) continue;
    if (line.includes('Error:') && line.includes('/')) return true;
    if (prefixes.some((prefix) => line.includes(prefix))) return true;
    for (const match of line.matchAll(RELATIVE_PATH)) {
      const path = match[1] as string;
      if (isAbsolute(path) || checks >= MAX_PATH_CHECKS) continue;
      checks++;
      const full = resolve(root, path);
      if (full !== root && within(root, full) && existsSync(full)) return true;
    }
  }
  return false;
}
