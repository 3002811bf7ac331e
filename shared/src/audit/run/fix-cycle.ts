import type { Severity } from '../types';
import { AuditInterrupted } from './errors';
import type { AskFunction, AuditEventListener } from './events';
import { countFindings, describeCounts } from './events';

/**
 * The audit → fix → re-audit cycle shared by the spec audits and the cross-spec audit (reference §4.2):
 * at most `maxCycles` fix rounds, so at most `maxCycles + 1` audits.
 *
 * - `none` (`--no-fix`): one audit, no fixes.
 * - `auto` (default): fixes only ERROR findings that come with a suggestion; stops when there are none.
 * - `interactive` (`-i`): offers every finding with a suggestion (info ones only when there is no error or
 *   warning), asks "Auto-fix N finding(s) in <ID>?" (default yes).
 *
 * A fix round that edits nothing ends the cycle ("No edits made").
 */

export type FixMode = 'auto' | 'interactive' | 'none';

export interface Fixable {
  severity: Severity;
  suggestion: string;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The findings a fix round works on, in severity order (error → warning → info). */
export function findingsToFix<F extends Fixable>(findings: readonly F[], mode: FixMode): F[] {
  if (mode === 'none') return [];
  const withSuggestion = findings.filter((f) => f.suggestion.trim() !== '');
  if (mode === 'auto') return withSuggestion.filter((f) => f.severity === 'error');
  const sorted = [...withSuggestion].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  const serious = sorted.some((f) => f.severity !== 'info');
  return serious ? sorted.filter((f) => f.severity !== 'info') : sorted;
}

export interface FixCycleOptions<F extends Fixable, R extends { findings: F[] }> {
  /** A spec id, or `cross-spec`. */
  scope: string;
  mode: FixMode;
  maxCycles: number;
  /** Audits (again); `cycle` 0 is the first audit. */
  audit: (cycle: number) => Promise<R>;
  /** Fixes the findings; returns the files it changed. */
  fix: (findings: F[]) => Promise<string[]>;
  /** Shows the findings about to be offered for fixing (interactive mode). */
  show?: (findings: F[]) => void;
  ask?: AskFunction;
  emit: AuditEventListener;
}

export interface FixCycleResult<R> {
  report: R;
  /** Audits made (1 + fix rounds that changed something). */
  audits: number;
  /** Files changed and kept, each once. */
  edited: string[];
}

export async function auditWithFixes<F extends Fixable, R extends { findings: F[] }>(
  options: FixCycleOptions<F, R>,
): Promise<FixCycleResult<R>> {
  const { scope, mode, maxCycles, emit } = options;
  const edited: string[] = [];
  for (let cycle = 0; ; cycle++) {
    const report = await options.audit(cycle);
    emit({ type: 'report', scope, counts: countFindings(report.findings), cycle, cached: false });
    const done = { report, audits: cycle + 1, edited };
    if (mode === 'none' || cycle >= maxCycles) return done;
    const selected = findingsToFix(report.findings, mode);
    if (selected.length === 0) return done;
    if (mode === 'interactive') {
      options.show?.(selected);
      const yes = await (options.ask ?? noAnswer)(
        `Auto-fix ${selected.length} finding(s) in ${scope}?`,
        true,
      );
      if (!yes) return done;
    }
    emit({
      type: 'log',
      level: 'info',
      message: `${scope}: fixing ${selected.length} finding(s) (cycle ${cycle + 1} of ${maxCycles}; ${describeCounts(countFindings(report.findings))})`,
    });
    const changed = await options.fix(selected);
    if (changed.length === 0) {
      emit({ type: 'log', level: 'info', message: `${scope}: no edits made` });
      return done;
    }
    for (const file of changed) if (!edited.includes(file)) edited.push(file);
  }
}

function noAnswer(): Promise<boolean> {
  return Promise.reject(new AuditInterrupted());
}
