/**
 * The `ossature audit` run (reference §4): orchestration over the deterministic pieces in `audit/` and the
 * model layer in `llm/`. Entry point: {@link runAudit}.
 */

export { LOCK_FILE } from '../../store/run-lock';
export { applyEdits, countOccurrences, type EditOutcome, type TextEdit } from './apply-edits';
export { AUDIT_ROLES } from './context';
export type { DryRunReport, EstimatedCall } from './dry-run';
export { AuditError, AuditInterrupted } from './errors';
export * from './events';
export type { FixMode } from './fix-cycle';
export type { PlanPhaseResult } from './plan-phase';
export { type AuditRunOptions, type AuditRunResult, runAudit } from './run-audit';
