import { ToolRetry } from '../../llm';

/** How many lines a grep answer shows at most (matches plus context), for the build and audit tools alike. */
export const GREP_MAX_LINES = 200;

/** One line of a grep answer: its 0-based index, whether it matched, and whether a gap precedes it. */
export interface GrepLine {
  index: number;
  hit: boolean;
  /** True when lines were skipped between the previous shown line and this one. */
  afterGap: boolean;
}

/**
 * The lines a `grep_file` answer shows: every line matching `pattern` (case-insensitive) with one line of
 * context either side, in order, at most {@link GREP_MAX_LINES}. An invalid pattern is a retryable error.
 * The two tools (build and audit fixer) format these lines their own way.
 */
export function grepContext(
  lines: readonly string[],
  pattern: string,
): { shown: GrepLine[]; truncated: boolean } {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'i');
  } catch (error) {
    throw new ToolRetry(`"${pattern}" is not a valid regular expression (${(error as Error).message}).`);
  }
  const hits = new Set<number>();
  const wanted = new Set<number>();
  lines.forEach((line, i) => {
    if (!regex.test(line)) return;
    hits.add(i);
    for (let j = Math.max(0, i - 1); j <= Math.min(lines.length - 1, i + 1); j++) wanted.add(j);
  });
  const sorted = [...wanted].sort((a, b) => a - b);
  const shown = sorted.slice(0, GREP_MAX_LINES).map((index, k) => ({
    index,
    hit: hits.has(index),
    afterGap: k > 0 && index > (sorted[k - 1] ?? -2) + 1,
  }));
  return { shown, truncated: sorted.length > GREP_MAX_LINES };
}
