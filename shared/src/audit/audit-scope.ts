/**
 * The run decisions of `ossature audit` that need no model (reference §4.1 steps 4 and 11, §4.7): which
 * specs to audit, whether to plan, and whether the plan is merged incrementally or rebuilt.
 */

export interface AuditScopeInput {
  /** Every spec id, in the project's order. */
  allSpecIds: readonly string[];
  /** Specs whose files changed (see `changedSpecIds`). */
  changed: readonly string[];
  /** True when `.ossature/audits/<id>/response.json` exists. */
  hasCachedReport: (specId: string) => boolean;
  /** True when `.ossature/context/interfaces/<id>.md` exists. */
  hasInterface: (specId: string) => boolean;
}

export interface AuditScope {
  /** Specs audited this run: the changed ones plus any without a cached report, in project order. */
  audit: string[];
  /** Unchanged specs added to `audit` because their cached report is missing. */
  missingReport: string[];
  /** Specs whose interface file is missing (they get one this run). */
  missingInterface: string[];
}

export function auditScope(input: AuditScopeInput): AuditScope {
  const changed = new Set(input.changed);
  const missingReport = input.allSpecIds.filter((id) => !changed.has(id) && !input.hasCachedReport(id));
  const audit = new Set([...changed, ...missingReport]);
  return {
    audit: input.allSpecIds.filter((id) => audit.has(id)),
    missingReport,
    missingInterface: input.allSpecIds.filter((id) => !input.hasInterface(id)),
  };
}

export type PlanDecision =
  | { plan: false; reason: 'up-to-date' }
  | { plan: true; mode: 'full' | 'incremental'; reason: 'replan' | 'no-plan' | 'specs-audited' };

/**
 * Whether audit plans, and how: with `--replan` always (full); without a loadable plan, full; when specs
 * were audited, incremental over the existing plan; otherwise "Plan regeneration not required".
 */
export function planDecision(input: { audited: number; planExists: boolean; replan: boolean }): PlanDecision {
  if (input.replan) return { plan: true, mode: 'full', reason: 'replan' };
  if (!input.planExists) return { plan: true, mode: 'full', reason: 'no-plan' };
  if (input.audited > 0) return { plan: true, mode: 'incremental', reason: 'specs-audited' };
  return { plan: false, reason: 'up-to-date' };
}
