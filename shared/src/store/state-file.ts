import {
  type BuildState,
  emptyState,
  STATE_VERSION,
  stateSchema,
  TASK_STATE_KEYS,
  type TaskState,
} from '../model/state';
import { nonEmpty, orderedTable, parseTomlWith, writeTomlFile } from './toml-file';
import { readTextIfExists, StoreError } from './toml-read';
import { stringifyToml, type TomlWritable } from './toml-write';

/**
 * `.ossature/state.toml` (reference §2.7). Like the original, an unreadable file or one below
 * {@link STATE_VERSION} (older files have no `[meta]`) reads as an empty state, which makes the next build
 * recompute every hash. Written with `[meta] version = 2`, tasks sorted by id, `edited_files` only when
 * non-empty; keys a user added (to `[meta]` or a task) are kept after the known ones.
 */

export const STATE_HEADER = ['# .ossature/state.toml — Build state (auto-generated, do not edit)'] as const;

export interface StateDocument {
  state: BuildState;
  header: string[];
  /** Why the file's contents were not used (the state is then empty). */
  discarded?: { reason: 'unreadable' | 'old-version'; message: string };
}

/** Parses state text; never throws — problems give an empty state with `discarded` set. */
export function parseStateText(text: string, file = 'state.toml'): StateDocument {
  let parsed: { value: BuildState; header: string[] };
  try {
    parsed = parseTomlWith(text, stateSchema, file);
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    return {
      state: emptyState(),
      header: [...STATE_HEADER],
      discarded: { reason: 'unreadable', message: error.message },
    };
  }
  const version = parsed.value.meta.version;
  if (version < STATE_VERSION) {
    return {
      state: emptyState(),
      header: parsed.header,
      discarded: {
        reason: 'old-version',
        message: `state.toml is version ${version} (current: ${STATE_VERSION}); its hashes are recomputed on the next build.`,
      },
    };
  }
  return { state: parsed.value, header: parsed.header };
}

/** Reads a state file; a missing file gives an empty state. */
export function readStateFile(file: string): StateDocument {
  const text = readTextIfExists(file);
  if (text === undefined) return { state: emptyState(), header: [...STATE_HEADER] };
  return parseStateText(text, file);
}

/** The state as the TOML table the original writes. */
export function stateToToml(state: BuildState): Map<string, TomlWritable> {
  const tasks = new Map<string, TomlWritable>();
  for (const id of Object.keys(state.tasks).sort(comparePython)) {
    tasks.set(id, taskStateToToml(state.tasks[id] as TaskState));
  }
  return orderedTable(state, ['meta', 'tasks'], undefined, (key, item) =>
    key === 'meta'
      ? orderedTable({ ...(item as BuildState['meta']), version: STATE_VERSION }, ['version'])
      : tasks,
  );
}

export function taskStateToToml(task: TaskState): Map<string, TomlWritable> {
  return orderedTable(task, TASK_STATE_KEYS, (key, item) => key !== 'edited_files' || nonEmpty(item));
}

export function renderStateText(state: BuildState, header: readonly string[] = STATE_HEADER): string {
  return stringifyToml(stateToToml(state), { header });
}

export function writeStateFile(
  file: string,
  state: BuildState,
  header: readonly string[] = STATE_HEADER,
): void {
  writeTomlFile(file, stateToToml(state), header);
}

/** Python's `sorted()` on strings: by code point. */
function comparePython(a: string, b: string): number {
  const ca = [...a];
  const cb = [...b];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const d = (ca[i]?.codePointAt(0) ?? 0) - (cb[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return ca.length - cb.length;
}
