import type { PlanTask } from '../model/plan';

/**
 * Which tasks a build may touch (`--spec ID`, `--only ID`). A selection never changes a task's status:
 * the original persisted `skipped` on every other spec's unfinished tasks (§9); here they are simply
 * left out of this run.
 */

export interface SelectionOptions {
  /** `--spec ID` (case-insensitive, like the original, which upper-cases it). */
  spec?: string;
  /** The SMD `depends` of every spec, for the transitive closure of `--spec`. */
  specDepends?: Readonly<Record<string, readonly string[]>>;
  /** `--only ID`: exactly this one task (digits are zero-padded to 3, as `retry` does). */
  only?: string;
}

export interface Selection {
  mode: 'all' | 'spec' | 'only';
  /** For `spec`: the spec and everything it depends on, transitively, sorted. */
  specs?: string[];
  /** Ids of the selected tasks, in plan order. */
  ids: string[];
}

/** A selection the user asked for that cannot be made; `message` says what to do. */
export class SelectionError extends Error {
  override name = 'SelectionError';
}

/** `7` → `007`; anything not all digits is left as written. */
export function normalizeTaskId(id: string): string {
  const trimmed = id.trim();
  return /^\d+$/.test(trimmed) ? trimmed.padStart(3, '0') : trimmed;
}

/** The spec plus its transitive `depends` (unknown ids in `depends` are kept; cycles are fine). */
export function neededSpecs(spec: string, depends: Readonly<Record<string, readonly string[]>>): string[] {
  const seen = new Set<string>();
  const queue = [spec];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...(depends[next] ?? []));
  }
  return [...seen].sort();
}

/** The plan's id for a task id as typed (`7` → `007`), or a SelectionError naming the valid range. */
export function knownTaskId(tasks: readonly PlanTask[], typed: string): string {
  const id = normalizeTaskId(typed);
  if (tasks.some((task) => task.id === id)) return id;
  const range =
    tasks.length > 0 ? `${tasks[0]?.id}-${tasks[tasks.length - 1]?.id}` : 'none (the plan is empty)';
  throw new SelectionError(`Unknown task '${typed}'. Valid range: ${range}`);
}

export function selectTasks(tasks: readonly PlanTask[], options: SelectionOptions): Selection {
  if (options.spec !== undefined && options.only !== undefined) {
    throw new SelectionError('Give either --spec or --only, not both.');
  }
  if (options.only !== undefined) {
    return { mode: 'only', ids: [knownTaskId(tasks, options.only)] };
  }
  if (options.spec !== undefined) {
    const spec = options.spec.trim().toUpperCase();
    const depends = options.specDepends ?? {};
    const known = new Set([...Object.keys(depends), ...tasks.map((task) => task.spec)]);
    if (!known.has(spec)) {
      throw new SelectionError(`Unknown spec '${spec}'. Available: ${[...known].sort().join(', ')}`);
    }
    const specs = neededSpecs(spec, depends);
    const wanted = new Set(specs);
    return { mode: 'spec', specs, ids: tasks.filter((task) => wanted.has(task.spec)).map((task) => task.id) };
  }
  return { mode: 'all', ids: tasks.map((task) => task.id) };
}
