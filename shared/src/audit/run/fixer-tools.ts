import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { z } from 'zod';
import { GREP_MAX_LINES, grepContext } from '../../build/tools/grep-context';
import { confine, normalizeToolPath } from '../../build/tools/sandbox';
import { type AgentTool, defineTool, ToolRetry } from '../../llm';
import { writeFileAtomicSync } from '../../store/atomic-write';
import { applyEdits } from './apply-edits';

/**
 * The spec fixer's tools (reference §4.2): `read_file`, `grep_file`, `edit_file`, sandboxed to the spec
 * folder. Paths are relative to it; anything outside (absolute paths, `..`, symlinks leading out) is refused.
 * `edit_file` may change only the files the finding is about, and records every file it changed.
 */

export { GREP_MAX_LINES } from '../../build/tools/grep-context';

export interface FixerToolContext {
  /** The spec folder (absolute). */
  specDir: string;
  /** Absolute paths the fixer may edit. */
  editable: ReadonlySet<string>;
  /** Absolute paths changed so far, in order of first change. */
  edited: string[];
}

/**
 * Resolves a tool path inside the spec folder, or throws a {@link ToolRetry} saying why not. The same
 * confinement as the build tools' sandbox (absolute paths, `~`, `..` and symlinks leading out refused);
 * the path returned is the lexical one, as the fixer's list of editable files names them.
 */
export function sandboxedPath(specDir: string, path: string): string {
  const rel = normalizeToolPath(path, 'spec folder');
  if (rel === '') throw new ToolRetry(`"${path}" is the spec folder itself; give a file like "auth.smd".`);
  const realRoot = realpathSync(specDir);
  confine(realRoot, join(realRoot, rel), path, 'spec folder');
  return join(specDir, rel);
}

function readText(full: string, path: string): string {
  if (!existsSync(full) || !statSync(full).isFile()) {
    throw new ToolRetry(`There is no file "${path}" in the spec folder.`);
  }
  return readFileSync(full, 'utf8');
}

/** Matching lines with one line of context, `L<n>: text`, groups separated by `--`; at most 200 lines. */
export function grepText(text: string, pattern: string): string {
  const lines = text.split(/\r\n|\r|\n/);
  const result = grepContext(lines, pattern);
  if (result.shown.length === 0) return `No line matches /${pattern}/i.`;
  const out: string[] = [];
  for (const line of result.shown) {
    if (line.afterGap) out.push('--');
    out.push(`L${line.index + 1}: ${lines[line.index]}`);
  }
  if (result.truncated) out.push(`… (stopped at ${GREP_MAX_LINES} lines; narrow the pattern)`);
  return out.join('\n');
}

const editSchema = z.object({
  old: z.string().describe('Exact text to replace; must occur exactly once in the file'),
  new: z.string().describe('The replacement text'),
});

export function fixerTools(ctx: FixerToolContext): AgentTool[] {
  const readFile = defineTool({
    name: 'read_file',
    description: 'The whole text of a file in the spec folder.',
    input: z.object({ path: z.string().describe('Path relative to the spec folder, e.g. "auth.smd"') }),
    run: ({ path }) => readText(sandboxedPath(ctx.specDir, path), path),
  });
  const grepFile = defineTool({
    name: 'grep_file',
    description:
      'The lines of a file matching a case-insensitive regular expression, each with one line of context, numbered L<n>.',
    input: z.object({
      path: z.string().describe('Path relative to the spec folder'),
      pattern: z.string().describe('Regular expression, matched case-insensitively per line'),
    }),
    run: ({ path, pattern }) => grepText(readText(sandboxedPath(ctx.specDir, path), path), pattern),
  });
  const editFile = defineTool({
    name: 'edit_file',
    description:
      'Changes a file: the edits apply in order; each "old" must occur exactly once in the file at that moment and differ from its "new".',
    input: z.object({
      path: z.string().describe('Path relative to the spec folder'),
      edits: z.array(editSchema).describe('The replacements, applied in order'),
    }),
    run: ({ path, edits }) => {
      const full = sandboxedPath(ctx.specDir, path);
      if (!ctx.editable.has(full)) {
        const allowed = [...ctx.editable].map((file) => relative(ctx.specDir, file).split(sep).join('/'));
        throw new ToolRetry(`You may only edit the files of this finding: ${allowed.join(', ')}.`);
      }
      const outcome = applyEdits(readText(full, path), edits);
      if (!outcome.ok) throw new ToolRetry(outcome.problem);
      writeFileAtomicSync(full, outcome.text);
      if (!ctx.edited.includes(full)) ctx.edited.push(full);
      return `Applied ${outcome.applied} edit(s) to ${path}.`;
    },
  });
  return [readFile, grepFile, editFile];
}
