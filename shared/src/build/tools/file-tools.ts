import { lstatSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { applyEdits } from '../../audit/run/apply-edits';
import { type AgentTool, defineTool, ToolRetry } from '../../llm';
import { GREP_MAX_LINES, grepContext } from './grep-context';
import type { TaskSandbox } from './sandbox';

/**
 * The file tools of the implementer and fixer (reference §5.5), over a {@link TaskSandbox}: write_file,
 * edit_file, read_file, read_lines, grep_file, list_files. Sandbox refusals and failed writes are retryable
 * errors (ToolRetry); a read of a file that does not exist answers with an "Error: …" text, as the original.
 */

export const LIST_MAX_ENTRIES = 200;

/** Lines in a text as an editor counts them (a final newline does not start a new line). */
export function countLines(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** The text of a file, or a message (not thrown) explaining why there is none: missing, a folder, binary. */
export function readTextFile(real: string, shown: string): { text: string } | { error: string } {
  let bytes: Buffer;
  try {
    if (!statSync(real).isFile()) return { error: `Error: "${shown}" is not a file.` };
    bytes = readFileSync(real);
  } catch {
    return { error: `Error: file not found: "${shown}".` };
  }
  try {
    if (bytes.subarray(0, 8192).includes(0)) throw new Error('binary');
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { error: `Error: "${shown}" is a binary file (${bytes.length} bytes), not text.` };
  }
}

/** Writes a file the sandbox resolved (parents created); failures become retryable errors. */
export function writeSandboxed(sandbox: TaskSandbox, rel: string, real: string, data: string | Buffer): void {
  try {
    if (lstatSync(real, { throwIfNoEntry: false })?.isDirectory()) {
      throw new ToolRetry(`"${rel}" is a directory; give a file path.`);
    }
    sandbox.noteBaseline(rel);
    mkdirSync(dirname(real), { recursive: true });
    writeFileSync(real, data);
  } catch (error) {
    if (error instanceof ToolRetry) throw error;
    throw new ToolRetry(`Could not write "${rel}": ${(error as Error).message}`);
  }
}

/** `Lines a-b of N:` then the lines numbered from a; start and end are 1-based, inclusive and clamped. */
export function numberedLines(text: string, start: number, end: number): string {
  const lines = text === '' ? [] : text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  const total = lines.length;
  if (total === 0) return 'Lines 0-0 of 0: (the file is empty)';
  const from = Math.min(Math.max(1, start), total);
  const to = Math.max(from, Math.min(end, total));
  const width = String(to).length;
  const body = lines.slice(from - 1, to).map((line, i) => `${String(from + i).padStart(width)}: ${line}`);
  return [`Lines ${from}-${to} of ${total}:`, ...body].join('\n');
}

/** Case-insensitive matches with one line of context: hits marked `>`, groups split by `---`, ≤ 200 lines. */
export function grepLines(text: string, pattern: string, shown: string): string {
  const lines = text.split(/\r\n|\r|\n/);
  if (text.endsWith('\n')) lines.pop();
  const result = grepContext(lines, pattern);
  if (result.shown.length === 0) return `No matches for /${pattern}/i in ${shown}.`;
  const out: string[] = [];
  for (const line of result.shown) {
    if (line.afterGap) out.push('---');
    out.push(`${line.hit ? '>' : ' '}${line.index + 1}: ${lines[line.index]}`);
  }
  if (result.truncated) out.push(`... (stopped at ${GREP_MAX_LINES} lines; narrow the pattern)`);
  return out.join('\n');
}

const pathInput = z.string().describe('Path relative to the output directory, e.g. "src/app.ts"');

export function fileTools(sandbox: TaskSandbox): AgentTool[] {
  const writeFile = defineTool({
    name: 'write_file',
    description:
      'Creates or overwrites a file in the output directory with the given content; parent folders are created.',
    input: z.object({ path: pathInput, content: z.string().describe('The complete file content') }),
    run: ({ path, content }) => {
      const { rel, real } = sandbox.writePath(path);
      writeSandboxed(sandbox, rel, real, content);
      sandbox.recordCreated(rel);
      return `Wrote ${rel} (${countLines(content)} lines).`;
    },
  });
  const editFile = defineTool({
    name: 'edit_file',
    description:
      'Changes an existing file: the edits apply in order; each "old" must occur exactly once in the file at that moment and differ from its "new". Use write_file to create a file.',
    input: z.object({
      path: pathInput,
      edits: z
        .array(
          z.object({
            old: z.string().describe('Exact text to replace; must occur exactly once in the file'),
            new: z.string().describe('The replacement text'),
          }),
        )
        .describe('The replacements, applied in order'),
    }),
    run: ({ path, edits }) => {
      const { rel, real } = sandbox.writePath(path);
      const current = readTextFile(real, rel);
      if ('error' in current) {
        throw new ToolRetry(
          current.error.startsWith('Error: file not found')
            ? `"${rel}" does not exist; use write_file to create it.`
            : current.error.replace(/^Error: /, ''),
        );
      }
      const outcome = applyEdits(current.text, edits);
      if (!outcome.ok) throw new ToolRetry(outcome.problem);
      writeSandboxed(sandbox, rel, real, outcome.text);
      sandbox.recordEdited(rel);
      return `Applied ${outcome.applied} edit(s) to ${rel} (${countLines(outcome.text)} lines).`;
    },
  });
  const readFile = defineTool({
    name: 'read_file',
    description: 'The whole text of a file in the output directory.',
    input: z.object({ path: pathInput }),
    run: ({ path }) => {
      const { rel, real } = sandbox.readPath(path);
      const result = readTextFile(real, rel || path);
      return 'error' in result ? result.error : result.text;
    },
  });
  const readLines = defineTool({
    name: 'read_lines',
    description: 'Lines start_line to end_line (1-based, inclusive) of a file, numbered.',
    input: z.object({
      path: pathInput,
      start_line: z.number().int().describe('First line, 1-based'),
      end_line: z.number().int().describe('Last line, inclusive'),
    }),
    run: ({ path, start_line, end_line }) => {
      const { rel, real } = sandbox.readPath(path);
      const result = readTextFile(real, rel || path);
      return 'error' in result ? result.error : numberedLines(result.text, start_line, end_line);
    },
  });
  const grepFile = defineTool({
    name: 'grep_file',
    description:
      'The lines of a file matching a case-insensitive regular expression, each with one line of context; matching lines are marked ">".',
    input: z.object({
      path: pathInput,
      pattern: z.string().describe('Regular expression, matched case-insensitively per line'),
    }),
    run: ({ path, pattern }) => {
      const { rel, real } = sandbox.readPath(path);
      const result = readTextFile(real, rel || path);
      return 'error' in result ? result.error : grepLines(result.text, pattern, rel);
    },
  });
  const listFiles = defineTool({
    name: 'list_files',
    description:
      'The entries of a folder in the output directory ("." for the top): folders end with "/", files show their size.',
    input: z.object({
      directory: z.string().describe('Folder relative to the output directory, "." for the top'),
    }),
    run: ({ directory }) => listDirectory(sandbox, directory),
  });
  return [writeFile, editFile, readFile, readLines, grepFile, listFiles];
}

function listDirectory(sandbox: TaskSandbox, directory: string): string {
  const { rel, real } = sandbox.readPath(directory);
  const shown = rel === '' ? '.' : rel;
  let names: string[];
  try {
    if (!statSync(real).isDirectory()) return `Error: "${shown}" is not a directory.`;
    names = readdirSync(real).sort();
  } catch {
    return `Error: directory not found: "${shown}".`;
  }
  if (names.length === 0) return `${shown}/ is empty.`;
  const lines = names.slice(0, LIST_MAX_ENTRIES).map((name) => {
    const entry = lstatSync(`${real}/${name}`);
    if (entry.isDirectory()) return `${name}/`;
    if (entry.isSymbolicLink()) return `${name} (symbolic link)`;
    return `${name} (${entry.size} bytes)`;
  });
  if (names.length > LIST_MAX_ENTRIES) {
    lines.push(`... and ${names.length - LIST_MAX_ENTRIES} more (${names.length} entries in all)`);
  }
  return lines.join('\n');
}
