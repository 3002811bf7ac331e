/**
 * Structural types for the deterministic half of `ossature audit` (reference §2.6, §4.2, §4.3, §4.8, §5.9).
 * Field names are those of the original's JSON (`response.json` files), so a stored report or planner
 * response can be used as it is. The zod schemas of the model layer describe the same shapes; these plain
 * interfaces keep this folder independent of it.
 */

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** One finding of the spec auditor: `location` reads like "Requirements > Token Format, L42". */
export interface AuditFinding {
  severity: Severity;
  location: string;
  issue: string;
  suggestion: string;
}

export interface SpecAuditReport {
  findings: AuditFinding[];
}

/** One finding of the cross-spec auditor, naming the specs it concerns. */
export interface CrossSpecFinding {
  severity: Severity;
  specs: string[];
  issue: string;
  suggestion: string;
}

export interface CrossSpecAuditReport {
  findings: CrossSpecFinding[];
}

/** A task the planner wrote in full. `depends_on` holds 1-based indices into the same spec's task list. */
export interface PlannerTask {
  kind: 'task';
  title: string;
  description: string;
  outputs: string[];
  depends_on: number[];
  spec_refs: string[];
  arch_refs: string[];
  verify: string[];
  context_files?: string[];
  source?: string[];
  covers?: string[];
}

/** "Keep previous task N" (re-plan only): `previous_index` is 1-based into the previous task list. */
export interface PreservedTaskRef {
  kind: 'preserved';
  previous_index: number;
  depends_on: number[];
}

export type SpecPlanEntry = PlannerTask | PreservedTaskRef;

/** The planner's structured output for one spec. */
export interface SpecTaskPlan {
  tasks: SpecPlanEntry[];
}

/** The language facts the verify-command validator needs (a subset of a LanguageProfile). */
export interface VerifyProfile {
  /** Profile name used in messages, e.g. `rust`. */
  name: string;
  /** Substrings that make a verify command a build invocation (`cargo build`). */
  buildInvocationTokens: readonly string[];
  /** Output name endings that count as source files (`.rs`). */
  sourceExtensions: readonly string[];
  /** Basenames that end like source files but are build manifests (`build.zig`). */
  manifestFilenames: readonly string[];
}
