import type { LlmClient } from '../../llm';
import type { LlmRole } from '../../model/config';
import type { AskFunction, AuditEventListener } from './events';
import type { FixMode } from './fix-cycle';
import type { AuditProject } from './project';

/** What every step of a run gets. */
export interface RunContext {
  client: LlmClient;
  project: AuditProject;
  emit: AuditEventListener;
  signal?: AbortSignal;
  fixMode: FixMode;
  /** Present in interactive mode. */
  ask?: AskFunction;
  /** The run's timestamp (plan `generated_at`, report date, backup names). */
  date: Date;
}

/** `{ signal }` when there is one, for spreading into model-layer requests. */
export function signalOf(ctx: RunContext): { signal?: AbortSignal } {
  return ctx.signal ? { signal: ctx.signal } : {};
}

/** The roles audit uses; only these are checked before the run (build's roles are checked by build). */
export const AUDIT_ROLES: readonly LlmRole[] = ['audit', 'fixer', 'brief', 'interface', 'planner'];
