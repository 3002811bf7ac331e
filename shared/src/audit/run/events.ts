import type { LlmEvent } from '../../llm';
import type { Severity } from '../types';

/**
 * What an audit run reports while it works. The run prints nothing itself: the CLI renders these events
 * (and the extension can), so every UI shows the same run.
 */

export type SeverityCounts = Record<Severity, number>;

/** One finding as the console table shows it. */
export interface FindingRow {
  severity: Severity;
  /** The location of a spec finding; the specs of a cross-spec finding joined with `-`. */
  where: string;
  issue: string;
  suggestion: string;
}

export type AuditEvent =
  /** A progress line. `detail` lines are shown only in verbose mode. */
  | { type: 'log'; level: 'info' | 'warn' | 'success' | 'detail'; message: string }
  /** A spec (or `cross-spec`) report is in: audited in cycle `cycle` (0 = first audit) or loaded from the cache. */
  | { type: 'report'; scope: string; counts: SeverityCounts; cycle: number; cached: boolean }
  /** The findings of a scope audited this run, once its fix cycles are over (for the findings table). */
  | { type: 'findings'; scope: string; findings: FindingRow[] }
  /** Finding counts over every spec report, after the spec audits. */
  | { type: 'summary'; counts: SeverityCounts; audited: string[]; cached: string[] }
  /** What the new plan changed, one line each (added / removed / preserved). */
  | { type: 'plan-changes'; lines: string[] }
  /** Something from the model layer (requests, retries, streamed output). */
  | { type: 'llm'; event: LlmEvent };

export type AuditEventListener = (event: AuditEvent) => void;

/** Asks the user a yes/no question (interactive mode only); rejects with AuditInterrupted on Ctrl-C. */
export type AskFunction = (question: string, defaultAnswer: boolean) => Promise<boolean>;

export function emptyCounts(): SeverityCounts {
  return { error: 0, warning: 0, info: 0 };
}

export function countFindings(findings: readonly { severity: Severity }[]): SeverityCounts {
  const counts = emptyCounts();
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** `2 error(s), 1 warning(s)`, or `no findings`. */
export function describeCounts(counts: SeverityCounts): string {
  const parts: string[] = [];
  if (counts.error) parts.push(`${counts.error} error(s)`);
  if (counts.warning) parts.push(`${counts.warning} warning(s)`);
  if (counts.info) parts.push(`${counts.info} info`);
  return parts.length > 0 ? parts.join(', ') : 'no findings';
}
