import type { PlanTask } from '../../model/plan';
import { fenceFor } from '../../parse/render-smd';
import { pathWithin, readText } from './text-files';

/**
 * The fixer's prompt after a failed verify (reference §5.4 step 8): `<error_output>` (fenced), the
 * `<verify_command>` (commands joined with ` && `), a `<current_file path="…">` for each output that
 * exists and is text (the inject files when the task has no outputs) — its whole content fenced, or, past
 * `max_inline_lines` lines, a stub with `total_lines` pointing at `read_lines`/`grep_file` — and the task
 * as `**title**: description`. Text as the original, except that fences grow past any backtick run in the
 * content they hold.
 */

export interface FixPromptInput {
  task: Pick<PlanTask, 'title' | 'description' | 'outputs' | 'inject_files'>;
  /** What the failed verify printed. */
  errorOutput: string;
  /** The task's verify commands; none leaves `<verify_command>` out (as in the review-fix prompt). */
  verifyCommands?: readonly string[];
  outputDir: string;
  /** `[build] max_inline_lines`: files with more lines are not inlined. */
  maxInlineLines: number;
}

function fencedBlock(content: string): string {
  const fence = fenceFor(content);
  return `${fence}\n${content}\n${fence}`;
}

/** Lines as the original counts them: newlines plus one (a trailing newline counts a last, empty line). */
function lineCount(text: string): number {
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** The `<current_file>` block of one output, or undefined when it is missing or not text. */
export function currentFileBlock(
  outputDir: string,
  path: string,
  maxInlineLines: number,
): string | undefined {
  const file = pathWithin(outputDir, path);
  const text = file === undefined ? undefined : readText(file, true);
  if (text === undefined) return undefined;
  const lines = lineCount(text);
  if (lines > maxInlineLines) {
    return (
      `<current_file path="${path}" total_lines="${lines}">\n` +
      'File is large. Use `read_lines` or `grep_file` to inspect the regions referenced in the error output above.\n' +
      '</current_file>'
    );
  }
  return `<current_file path="${path}">\n${fencedBlock(text)}\n</current_file>`;
}

export function fixPrompt(input: FixPromptInput): string {
  const { task } = input;
  const sections = [`<error_output>\n${fencedBlock(input.errorOutput)}\n</error_output>`];
  const verify = (input.verifyCommands ?? []).join(' && ');
  if (verify) sections.push(`<verify_command>\n${verify}\n</verify_command>`);
  const files = task.outputs.length > 0 ? task.outputs : task.inject_files;
  for (const path of files) {
    const block = currentFileBlock(input.outputDir, path, input.maxInlineLines);
    if (block !== undefined) sections.push(block);
  }
  sections.push(`<task>\n**${task.title}**: ${task.description}\n</task>`);
  return sections.join('\n\n');
}
