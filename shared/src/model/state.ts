import { z } from 'zod';
import { stringList } from './plan';

/** `.ossature/state.toml` (reference §2.7): per-task hashes of the last successful build. */

/** Files with a lower `[meta] version` (or none: version 1) are discarded, forcing hashes to be rebuilt. */
export const STATE_VERSION = 2;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Older state files named the created files `written_files`; read them as `created_files`. */
function migrateTaskState(value: unknown): unknown {
  if (!isRecord(value) || 'created_files' in value || !('written_files' in value)) return value;
  const { written_files, ...rest } = value;
  return { ...rest, created_files: written_files };
}

export const taskStateSchema = z.preprocess(
  migrateTaskState,
  z.looseObject({
    input_hash: z.string({ error: 'expected a "sha256:<hex>" string' }).default(''),
    output_hash: z.string({ error: 'expected a "sha256:<hex>" string' }).default(''),
    /** Files the task created; only these count towards the output hash. */
    created_files: stringList.default([]),
    /** Files the task edited but another task created (informational). */
    edited_files: stringList.default([]),
  }),
);

export type TaskState = z.infer<typeof taskStateSchema>;

/** Entries that are not tables are skipped, as the original does. */
const tasksRecord = z.preprocess(
  (value) =>
    isRecord(value) ? Object.fromEntries(Object.entries(value).filter(([, v]) => isRecord(v))) : value,
  z.record(z.string(), taskStateSchema),
);

export const stateSchema = z.looseObject({
  meta: z
    .looseObject({ version: z.int({ error: 'expected an integer' }).default(1) })
    .default({ version: 1 }),
  tasks: tasksRecord.default({}),
});

export type BuildState = z.infer<typeof stateSchema>;

export const TASK_STATE_KEYS = ['input_hash', 'output_hash', 'created_files', 'edited_files'] as const;

/** An empty state at the current version. */
export function emptyState(): BuildState {
  return { meta: { version: STATE_VERSION }, tasks: {} };
}
