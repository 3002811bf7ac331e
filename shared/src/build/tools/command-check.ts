import { lstatSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ToolRetry } from '../../llm';
import { confine, within } from './sandbox';

/**
 * The checks `run_command` makes before a command reaches the shell (reference §5.5). Refused, with a
 * retryable error: backticks, `$(`, `${`, `$VAR` (and `$'…'`), quoting the shell could not parse, and
 * any path-like word — after the shell's own quote and backslash removal, so `'..'/x` and `.\./x` count —
 * that is absolute outside the output dir, starts with `~`, has a `..` segment leading outside, leads out
 * through a symlink, or is a glob that could match `..` (`.*`, `.?`). Also refused: `cd` / `pushd` with no
 * argument or `-` (home / previous directory), and brace expansions (`{a,b}`, `{1..3}`).
 *
 * `..` is judged from the output dir (the command's starting directory), so `cd sub && cat ../x` is refused
 * too; it is walked physically (a link to `.` makes `dot/..` the output dir's parent), and a `..` after a
 * path that does not exist yet is refused, since the same command could create it as a link first.
 *
 * These checks stop a model's mistakes, not a determined attacker: a program the command runs can still
 * open any file the user can. They are a guard, not a security boundary.
 */

/** Absolute paths outside the output dir that commands may still name. */
const ALLOWED_ABSOLUTE = new Set(['/dev/null']);

const OPERATORS = new Set([';', '&', '|', '<', '>', '(', ')', '\n']);

export interface Word {
  /** The word as the shell sees it after quote removal. */
  text: string;
}

/** Splits a command into words and operators as `sh` would (quotes, backslashes, comments), or throws. */
export function shellWords(command: string): (Word | { op: string })[] {
  const out: (Word | { op: string })[] = [];
  let word: string | undefined;
  const end = () => {
    if (word !== undefined) out.push({ text: word });
    word = undefined;
  };
  for (let i = 0; i < command.length; i++) {
    const c = command[i] as string;
    if (c === ' ' || c === '\t' || c === '\r') {
      end();
    } else if (OPERATORS.has(c)) {
      end();
      out.push({ op: c });
    } else if (c === '#' && word === undefined) {
      const newline = command.indexOf('\n', i);
      if (newline === -1) break;
      i = newline - 1;
    } else if (c === '\\') {
      if (i + 1 >= command.length) throw unparseable('it ends with a lone backslash');
      i++;
      if (command[i] !== '\n') word = (word ?? '') + command[i];
    } else if (c === "'") {
      const close = command.indexOf("'", i + 1);
      if (close === -1) throw unparseable('a single quote is never closed');
      word = (word ?? '') + command.slice(i + 1, close);
      i = close;
    } else if (c === '"') {
      let text = '';
      let j = i + 1;
      for (; j < command.length && command[j] !== '"'; j++) {
        if (command[j] === '\\' && j + 1 < command.length && '"\\$`\n'.includes(command[j + 1] as string))
          j++;
        text += command[j];
      }
      if (j >= command.length) throw unparseable('a double quote is never closed');
      word = (word ?? '') + text;
      i = j;
    } else {
      word = (word ?? '') + c;
    }
  }
  end();
  return out;
}

function unparseable(why: string): ToolRetry {
  return new ToolRetry(
    `Command rejected: its quoting cannot be parsed (${why}). Balance the quotes and retry.`,
  );
}

const reject = (why: string) =>
  new ToolRetry(
    `Command rejected: ${why}. Commands run in the output directory; use paths relative to it without leaving it, and no shell substitutions or variables.`,
  );

/** Throws a ToolRetry when `command` may not run in the output dir whose realpath is `root`. */
export function checkCommand(command: string, root: string): void {
  if (command.includes('\0')) throw reject('it contains a NUL byte');
  if (command.trim() === '') throw new ToolRetry('Command rejected: the command is empty.');
  if (command.includes('`')) throw reject('backticks (command substitution) are not allowed');
  if (command.includes('$(')) throw reject('"$(" (command substitution) is not allowed');
  if (command.includes('${')) throw reject('"${" (parameter expansion) is not allowed');
  const variable = /\$[A-Za-z0-9_@*#?!$'"-]/.exec(command);
  if (variable) throw reject(`"${variable[0]}" (a shell variable or expansion) is not allowed`);
  const items = shellWords(command);
  items.forEach((item, index) => {
    if (!('text' in item)) return;
    if ((item.text === 'cd' || item.text === 'pushd') && isCommandStart(items, index)) {
      const next = items[index + 1];
      if (next === undefined || !('text' in next) || next.text === '-' || next.text === '~') {
        throw reject(`"${item.text}" without a directory would go to the home or previous directory`);
      }
    }
    if (/\{[^}]*(,|\.\.)[^}]*\}/.test(item.text)) throw reject(`"${item.text}" uses brace expansion`);
    for (const run of pathRuns(item.text)) checkPathRun(run, root);
  });
}

function isCommandStart(items: readonly (Word | { op: string })[], index: number): boolean {
  const before = items[index - 1];
  return before === undefined || !('text' in before);
}

/** The path-like stretches of a word: `--out=/etc/x` → `--out`, `/etc/x`; web URLs are skipped. */
function pathRuns(text: string): string[] {
  const withoutUrls = text.replace(/\bhttps?:\/\/\S*/gi, ' ');
  return withoutUrls.match(/[\w.\-~/+@%*?[\]]+/g) ?? [];
}

function checkPathRun(run: string, root: string): void {
  if (run.startsWith('~')) throw reject(`"${run}" names a home directory`);
  const segments = run.split('/');
  for (const segment of segments) {
    if (segment.startsWith('.') && /[*?[]/.test(segment) && globMatchesDotDot(segment)) {
      throw reject(`"${run}" is a pattern that matches ".." (the parent directory)`);
    }
  }
  if (isAbsolute(run)) {
    if (ALLOWED_ABSOLUTE.has(run)) return;
    if (!within(root, resolve(run)))
      throw reject(`"${run}" is an absolute path outside the output directory`);
  } else if (segments.includes('..') && !within(root, resolve(root, run))) {
    throw reject(`"${run}" leaves the output directory with ".."`);
  }
  // The kernel takes ".." after a symlink from the link's target (a link to "." makes "dot/.." the parent
  // of the output dir), so the path is walked one segment at a time, resolving links before each "..".
  let current = isAbsolute(run) ? '/' : root;
  for (const segment of segments) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') {
      current = join(current, segment);
      continue;
    }
    if (!lstatSync(current, { throwIfNoEntry: false })) {
      // It could be a symlink the same command creates first; what ".." then means cannot be known here.
      throw reject(
        `"${run}" goes up with ".." from "${relative(root, current) || '.'}", which does not exist yet (it could become a link); avoid ".." or run the commands separately`,
      );
    }
    current = dirname(physical(root, current, run));
    if (!within(root, current)) throw reject(`"${run}" leaves the output directory through a symbolic link`);
  }
  physical(root, current, run);
}

function physical(root: string, path: string, run: string): string {
  try {
    return confine(root, path, run, 'output directory');
  } catch {
    throw reject(`"${run}" leads outside the output directory through a symbolic link`);
  }
}

function globMatchesDotDot(segment: string): boolean {
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] as string;
    if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close === -1) source += '\\[';
      else {
        source += `[${segment
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else source += c.replace(/[.+^$(){}|\\]/g, '\\$&');
  }
  try {
    return new RegExp(`^${source}$`).test('..');
  } catch {
    return true;
  }
}
