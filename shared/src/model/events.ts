import { z } from 'zod';
import { TASK_STATUSES } from './plan';

/**
 * Run events (DESIGN.md "Run events are the contract between the engine and every UI"): what a build
 * emits while it runs. The CLI renders them, `--events <file>` writes them as NDJSON (one JSON object per
 * line), and the extension reads that file to drive its progress notification, status bar and plan
 * decorations. Every event carries `seq` (from 1, no gaps) and `time` (ISO 8601 UTC).
 */

export const tokensSchema = z.object({
  input: z.int().nonnegative(),
  output: z.int().nonnegative(),
  cacheRead: z.int().nonnegative(),
  cacheWrite: z.int().nonnegative(),
});

/** Model usage: tokens, requests and cost (null when a model's price is unknown). */
export const usageSchema = z.object({
  tokens: tokensSchema,
  requests: z.int().nonnegative(),
  costUsd: z.number().nonnegative().nullable(),
});
export type RunUsage = z.infer<typeof usageSchema>;

const base = { seq: z.int().positive(), time: z.string() };

export const TASK_PHASES = ['implement', 'verify', 'fix', 'review', 'review-fix', 'copy', 'prepare'] as const;
export type TaskPhase = (typeof TASK_PHASES)[number];

export const RUN_OUTCOMES = ['completed', 'stopped', 'failed', 'interrupted', 'up-to-date'] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

export const runEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('run-started'),
    command: z.enum(['build', 'retry']),
    project: z.string(),
    /** Tasks in the plan. */
    total: z.int().nonnegative(),
    /** Tasks already done before this run. */
    done: z.int().nonnegative(),
    /** Ids expected to run (a prediction: tasks waiting on an upstream interface may join). */
    planned: z.array(z.string()),
    /** Ids that run only if an upstream interface changes (known once that spec is rebuilt). */
    maybe: z.array(z.string()),
    jobs: z.int().positive(),
    mode: z.enum(['default', 'step', 'auto', 'auto-skip']),
  }),
  z.object({
    ...base,
    type: z.literal('setup'),
    command: z.string(),
    passed: z.boolean(),
    output: z.string(),
  }),
  z.object({
    ...base,
    type: z.literal('task-started'),
    id: z.string(),
    spec: z.string(),
    title: z.string(),
    /** Why it runs, e.g. `pending`, `input-changed`, `output-modified`, `dependency-rebuilt`. */
    reasons: z.array(z.string()),
  }),
  z.object({
    ...base,
    type: z.literal('task-phase'),
    id: z.string(),
    phase: z.enum(TASK_PHASES),
    attempt: z.int().positive().optional(),
  }),
  z.object({
    ...base,
    type: z.literal('verify-output'),
    id: z.string(),
    passed: z.boolean(),
    /** The verify output (long output keeps its start and end). */
    output: z.string(),
  }),
  z.object({
    ...base,
    type: z.literal('task-checked'),
    id: z.string(),
    /** A task that did not need to run: why. */
    result: z.enum(['up-to-date', 'backfilled', 'manual', 'skipped', 'unselected']),
  }),
  z.object({
    ...base,
    type: z.literal('task-finished'),
    id: z.string(),
    spec: z.string(),
    title: z.string(),
    /** `pending` when the run was interrupted while the task ran. */
    status: z.enum(TASK_STATUSES),
    created: z.array(z.string()),
    edited: z.array(z.string()),
    lines: z.int().nonnegative(),
    durationMs: z.number().nonnegative(),
    /** Of `durationMs`: time waiting for model responses, and running verify commands. */
    timings: z.object({ modelMs: z.number().nonnegative(), verifyMs: z.number().nonnegative() }),
    usage: usageSchema,
    /** What went wrong, for a failed task. */
    error: z.string().optional(),
  }),
  z.object({
    ...base,
    type: z.literal('interface'),
    spec: z.string(),
    result: z.enum(['written', 'unchanged', 'no-sources', 'failed']),
    message: z.string().optional(),
  }),
  z.object({
    ...base,
    type: z.literal('waiting'),
    /** `step`: after a task in --step mode; `failure`: a task failed and the user decides. */
    kind: z.enum(['step', 'failure']),
    id: z.string(),
    choices: z.array(z.string()),
  }),
  z.object({
    ...base,
    type: z.literal('usage'),
    /** Running totals of the whole run after a model call. */
    usage: usageSchema,
    id: z.string().optional(),
  }),
  z.object({
    ...base,
    type: z.literal('log'),
    level: z.enum(['info', 'warn', 'error']),
    message: z.string(),
    id: z.string().optional(),
  }),
  z.object({
    ...base,
    type: z.literal('run-finished'),
    outcome: z.enum(RUN_OUTCOMES),
    total: z.int().nonnegative(),
    done: z.int().nonnegative(),
    failed: z.int().nonnegative(),
    skipped: z.int().nonnegative(),
    pending: z.int().nonnegative(),
    /** Tasks that ran and finished done in this run. */
    built: z.int().nonnegative(),
    usage: usageSchema,
    durationMs: z.number().nonnegative(),
    exitCode: z.int(),
  }),
]);

export type RunEvent = z.infer<typeof runEventSchema>;
export type RunEventType = RunEvent['type'];
/** An event as the engine emits it; the emitter adds `seq` and `time`. */
export type RunEventBody = RunEvent extends infer E
  ? E extends RunEvent
    ? Omit<E, 'seq' | 'time'>
    : never
  : never;
export type RunEventListener = (event: RunEvent) => void;
