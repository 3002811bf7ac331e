import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { compareCodePoints } from './hashing';
import { shellWords } from './tools/command-check';

/**
 * The pre-flight tool check of a build (reference §5.2): before any model call, every program the setup
 * and verify commands start must be on PATH, so a missing `cargo` stops the build at once instead of after
 * tokens were spent. A command is split into words as `sh` would (falling back to splitting at spaces
 * when its quoting does not parse) and into sub-commands at `&&`, `||`, `;`, `|`; the first word of each
 * sub-command that is not an env assignment (`FOO=bar`) nor a shell builtin, and has no `/` (a path such as
 * `./target/debug/app` is a build artifact, not a tool), must be an executable file in a PATH folder.
 *
 * Departures from the original, to avoid reporting tools that are not tools: words after a redirection
 * (`> out.txt`, `2>&1`) are file names; `&`, `(` and `)` start sub-commands too; shell keywords (`if`,
 * `then`, `do`, `!`, …) are looked through and `for`/`case` lines skipped; a few more builtins (`.`,
 * `source`, `pwd`, `printf`, `command`, `type`, …) need no PATH entry; and a word holding `$` or a
 * backtick is not checked (what it runs is known only when the shell expands it).
 */

export interface CommandGroup {
  /** Where the commands come from, for the message: `[build] setup`, `task 003 verify`. */
  label: string;
  commands: readonly string[];
}

export interface MissingTool {
  tool: string;
  /** The commands that start it, each once, in the order met. */
  commands: string[];
  /** The labels of the groups those commands are in, each once. */
  usedIn: string[];
}

const BUILTINS = new Set([
  'cd',
  'echo',
  'export',
  'test',
  '[',
  'true',
  'false',
  ':',
  'exit',
  'set',
  'unset',
  '.',
  'source',
  'pwd',
  'printf',
  'read',
  'shift',
  'return',
  'trap',
  'wait',
  'umask',
  'ulimit',
  'eval',
  'type',
  'command',
  'alias',
]);

/** Keywords after which a command still follows. */
const LEADING_KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time']);
/** Keywords whose following words are not commands (up to the next separator). */
const OTHER_KEYWORDS = new Set(['fi', 'done', 'esac', '}', 'for', 'case', 'in']);

const SEPARATORS = new Set([';', '&', '|', '(', ')', '\n']);
const FALLBACK_OPERATORS = new Set(['&&', '||', ';', '|']);
const ENV_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

type Item = { text: string } | { op: string };

/** The programs a command starts that the shell looks up on PATH, in order, each once. */
export function commandTools(command: string): string[] {
  const tools: string[] = [];
  let expectCommand = true;
  let redirect = false;
  for (const item of items(command)) {
    if ('op' in item) {
      if (item.op === '<' || item.op === '>') redirect = true;
      else if (redirect && (item.op === '&' || item.op === '|')) continue;
      else if (SEPARATORS.has(item.op)) expectCommand = true;
      continue;
    }
    const word = item.text;
    if (redirect) {
      redirect = false;
      continue;
    }
    if (!expectCommand) continue;
    if (ENV_ASSIGNMENT.test(word) || LEADING_KEYWORDS.has(word)) continue;
    expectCommand = false;
    if (BUILTINS.has(word) || OTHER_KEYWORDS.has(word) || /[/$`]/.test(word) || word === '') continue;
    if (!tools.includes(word)) tools.push(word);
  }
  return tools;
}

function items(command: string): Item[] {
  try {
    return shellWords(command);
  } catch {
    return command
      .split(/\s+/)
      .filter((word) => word !== '')
      .map((word) => (FALLBACK_OPERATORS.has(word) ? { op: ';' } : { text: word }));
  }
}

/** The tools used by `groups` that are not executable files on `env`'s PATH, sorted by name. */
export function missingTools(groups: readonly CommandGroup[], env: NodeJS.ProcessEnv): MissingTool[] {
  const found = new Map<string, boolean>();
  const missing = new Map<string, MissingTool>();
  const folders = pathFolders(env);
  const extensions = executableExtensions(env);
  for (const group of groups) {
    for (const command of group.commands) {
      for (const tool of commandTools(command)) {
        let present = found.get(tool);
        if (present === undefined) {
          present = onPath(tool, folders, extensions);
          found.set(tool, present);
        }
        if (present) continue;
        let entry = missing.get(tool);
        if (!entry) {
          entry = { tool, commands: [], usedIn: [] };
          missing.set(tool, entry);
        }
        if (!entry.commands.includes(command)) entry.commands.push(command);
        if (!entry.usedIn.includes(group.label)) entry.usedIn.push(group.label);
      }
    }
  }
  return [...missing.values()].sort((a, b) => compareCodePoints(a.tool, b.tool));
}

/** The message shown when tools are missing: each tool with the commands using it, then what to do. */
export function formatMissingTools(missing: readonly MissingTool[]): string {
  const lines = [`Missing required tools: ${missing.map((m) => m.tool).join(', ')}`, ''];
  for (const entry of missing) {
    lines.push(`  x ${entry.tool} not found on PATH (in ${entry.usedIn.join(', ')})`);
    for (const command of entry.commands) lines.push(`    used by: ${command}`);
  }
  lines.push(
    '',
    'Install the missing tools (or add their folder to PATH) before running the build, so no model tokens ' +
      'are spent on tasks that cannot be verified — or change the commands: [build] setup and verify in ' +
      'ossature.toml, a task’s verify in .ossature/plan.toml.',
  );
  return lines.join('\n');
}

function pathFolders(env: NodeJS.ProcessEnv): string[] {
  const path = env.PATH ?? env.Path ?? '';
  return path.split(delimiter).filter((folder) => folder !== '');
}

function executableExtensions(env: NodeJS.ProcessEnv): string[] {
  if (process.platform !== 'win32') return [''];
  const exts = (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter((ext) => ext !== '');
  return ['', ...exts, ...exts.map((ext) => ext.toLowerCase())];
}

function onPath(tool: string, folders: readonly string[], extensions: readonly string[]): boolean {
  for (const folder of folders) {
    for (const ext of extensions) {
      const candidate = join(folder, tool + ext);
      try {
        if (!statSync(candidate).isFile()) continue;
        accessSync(candidate, constants.X_OK);
        return true;
      } catch {
        // Not there, or not executable: keep looking.
      }
    }
  }
  return false;
}
