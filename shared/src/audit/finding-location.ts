import { basename } from 'node:path';
import type { SpecFileText } from './numbered-input';
import { textLines } from './numbered-input';

/**
 * Maps an auditor's `location` ("Requirements > Token Format, L42") back to a file and line.
 *
 * The L-numbers refer to the numbered audit input, where the SMD, each AMD and each VMD restart at L1
 * (see `numbered-input.ts`), so the number alone is ambiguous when a spec has AMDs. The file is chosen by
 * what the location names, scored per file:
 * - the file's name (`expense_tracker.amd`) or its kind (`AMD`, `SMD`, `VMD`) written in the location;
 * - the first path segment matching one of the file's `##` headings, more when the L-number falls inside
 *   that section; each further segment matching a heading inside it;
 * - files shorter than the L-number are left out.
 * Ties go to the earlier file in prompt order (the SMD first). Without an L-number the line is that of the
 * deepest heading the path matched.
 */

export interface LocatedFinding {
  /** Absolute path of the file the location points into. */
  file: string;
  /** 1-based line, when the location gives one or names a heading. */
  line?: number;
  /** Every L-number the location mentions (`L45, L59`; a range `L10-L12` gives 10 and 12), in order. */
  lines: number[];
}

interface Heading {
  level: number;
  text: string;
  /** 1-based line of the heading. */
  line: number;
  /** 1-based last line of its section (before the next heading of the same or a higher level). */
  endLine: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*$/;
const BRACE_MARKER = /\s*\{[^{}]*\}\s*$/;
const L_NUMBER = /\bL(\d+)(?:\s*[-–]\s*L?(\d+))?\b/g;

/** Markdown headings of a text, outside fenced blocks. */
export function headingsOf(text: string): Heading[] {
  const lines = textLines(text);
  const found: Omit<Heading, 'endLine'>[] = [];
  let fence: string | undefined;
  lines.forEach((line, i) => {
    const f = FENCE.exec(line);
    if (fence !== undefined) {
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length && line.trim() === f[1])
        fence = undefined;
      return;
    }
    if (f) {
      fence = f[1]!;
      return;
    }
    const h = HEADING.exec(line);
    if (h) found.push({ level: h[1]!.length, text: h[2]!.replace(BRACE_MARKER, ''), line: i + 1 });
  });
  return found.map((h, i) => {
    const next = found.slice(i + 1).find((other) => other.level <= h.level);
    return { ...h, endLine: next ? next.line - 1 : lines.length };
  });
}

/** Lower-cased, whitespace collapsed, surrounding quotes/backticks and a trailing `(…)` removed. */
function normalize(text: string): string {
  return text
    .replace(/\s*\([^()]*\)\s*$/, '')
    .trim()
    .replace(/^[`'"*]+|[`'"*]+$/g, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** The L-numbers a location mentions, in order. */
export function locationLineNumbers(location: string): number[] {
  const out: number[] = [];
  for (const m of location.matchAll(L_NUMBER)) {
    out.push(Number(m[1]));
    if (m[2] !== undefined) out.push(Number(m[2]));
  }
  return out;
}

/** The `A > B > C` path of a location, without its L-numbers. */
export function locationPath(location: string): string[] {
  const withoutLines = location.replace(L_NUMBER, '').replace(/[\s,;:]+$/, '');
  return withoutLines
    .split('>')
    .map((part) => part.replace(/[\s,;]+$/, '').trim())
    .filter((part) => part !== '');
}

interface Candidate {
  file: SpecFileText;
  score: number;
  headingLine?: number;
}

function scoreFile(
  file: SpecFileText,
  location: string,
  path: string[],
  line: number | undefined,
): Candidate {
  let score = 0;
  const lowered = location.toLowerCase();
  if (lowered.includes(basename(file.file).toLowerCase())) score += 4;
  if (new RegExp(`\\b${file.kind}\\b`, 'i').test(location)) score += 3;
  const headings = headingsOf(file.text);
  let scope: Heading | undefined;
  let headingLine: number | undefined;
  for (const [i, segment] of path.entries()) {
    const wanted = normalize(segment);
    const inScope = headings.filter(
      (h) => scope === undefined || (h.level > scope.level && h.line > scope.line && h.line <= scope.endLine),
    );
    const named = inScope.filter((h) => normalize(h.text) === wanted);
    // At the top, a `##` section is the expected first segment; any heading will do when none matches.
    const match = named.find((h) => scope !== undefined || h.level <= 2) ?? named[0];
    if (!match) break;
    score += i === 0 ? 2 : 1;
    if (line !== undefined && line >= match.line && line <= match.endLine) score += i === 0 ? 3 : 1;
    scope = match;
    headingLine = match.line;
  }
  return { file, score, ...(headingLine !== undefined ? { headingLine } : {}) };
}

/**
 * Where a finding's location points, among the files of the audit input (in prompt order). Undefined only
 * when there are no files.
 */
export function locateFinding(location: string, files: readonly SpecFileText[]): LocatedFinding | undefined {
  if (files.length === 0) return undefined;
  const lines = locationLineNumbers(location);
  const line = lines[0];
  const path = locationPath(location);
  const fits = files.filter((f) => line === undefined || line <= textLines(f.text).length);
  const pool = fits.length > 0 ? fits : files;
  let best: Candidate | undefined;
  for (const file of pool) {
    const candidate = scoreFile(file, location, path, line);
    if (best === undefined || candidate.score > best.score) best = candidate;
  }
  const chosen = best!;
  const resolvedLine = line ?? chosen.headingLine;
  return { file: chosen.file.file, ...(resolvedLine !== undefined ? { line: resolvedLine } : {}), lines };
}

/** The 1-based line of a text's `# Title` heading (the first level-1 heading), else 1. */
export function titleLine(text: string): number {
  return headingsOf(text).find((h) => h.level === 1)?.line ?? 1;
}
