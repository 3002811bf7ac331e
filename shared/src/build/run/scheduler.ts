import type { PlanTask } from '../../model/plan';

/**
 * Which tasks may start now (reference §5.2 runs them one by one in plan order; here independent ones may
 * run side by side). A task waits for every earlier task in plan order that it could observe:
 * - tasks of its own spec (a spec's tasks stay in plan order: they share files and inject each other),
 * - tasks of every spec its spec depends on, transitively (SMD `depends`, specs of cross-spec
 *   `depends_on`, `cross_spec_interfaces`) — so upstream interfaces are final before it is judged,
 * - tasks it names in `depends_on`,
 * - tasks that declare one of its outputs or inject files (never two writers of a file at once).
 * With one job this is exactly plan order; with more, only unrelated specs overlap.
 */
export class TaskScheduler {
  /** Task index → indexes of the earlier tasks it waits for directly (the rest follows transitively). */
  readonly #waitsFor: number[][];
  readonly #successors: number[][];
  readonly #remaining: number[];
  readonly #ready = new Set<number>();

  constructor(tasks: readonly PlanTask[], specDepends: Readonly<Record<string, readonly string[]>>) {
    const indexById = new Map(tasks.map((task, i) => [task.id, i]));
    const upstream = upstreamSpecs(tasks, specDepends);
    /** Spec → index of its latest task so far; file → index of its latest writer so far. */
    const lastOfSpec = new Map<string, number>();
    const lastWriter = new Map<string, number>();
    this.#waitsFor = tasks.map((task, i) => {
      const waits = new Set<number>();
      for (const spec of [task.spec, ...(upstream.get(task.spec) ?? [])]) {
        const j = lastOfSpec.get(spec);
        if (j !== undefined) waits.add(j);
      }
      for (const id of task.depends_on) {
        const j = indexById.get(id);
        if (j !== undefined && j < i) waits.add(j);
      }
      for (const file of new Set([...task.outputs, ...task.inject_files])) {
        const j = lastWriter.get(file);
        if (j !== undefined) waits.add(j);
        lastWriter.set(file, i);
      }
      lastOfSpec.set(task.spec, i);
      return [...waits].sort((a, b) => a - b);
    });
    this.#successors = tasks.map(() => []);
    this.#remaining = this.#waitsFor.map((waits, i) => {
      for (const j of waits) this.#successors[j]?.push(i);
      if (waits.length === 0) this.#ready.add(i);
      return waits.length;
    });
  }

  /** Indexes of the tasks that may start now (not started, every wait settled), in plan order. */
  ready(): number[] {
    return [...this.#ready].sort((a, b) => a - b);
  }

  /** Task `i` is starting: it leaves the ready set. */
  start(i: number): void {
    this.#ready.delete(i);
  }

  /** Task `i` is settled (ran, was checked, or was held): its followers may become ready. */
  settle(i: number): void {
    this.#ready.delete(i);
    for (const k of this.#successors[i] ?? []) {
      const left = (this.#remaining[k] ?? 0) - 1;
      this.#remaining[k] = left;
      if (left === 0) this.#ready.add(k);
    }
  }

  /** The earlier tasks task `i` waits for directly (tests, the benchmark's critical path). */
  waitsFor(i: number): readonly number[] {
    return this.#waitsFor[i] as number[];
  }
}

/** Spec → every spec it depends on, transitively. */
function upstreamSpecs(
  tasks: readonly PlanTask[],
  specDepends: Readonly<Record<string, readonly string[]>>,
): Map<string, Set<string>> {
  const specOf = new Map(tasks.map((task) => [task.id, task.spec]));
  const direct = new Map<string, Set<string>>();
  const add = (from: string, to: string | undefined) => {
    if (to === undefined || to === from) return;
    const set = direct.get(from) ?? new Set<string>();
    set.add(to);
    direct.set(from, set);
  };
  for (const [spec, deps] of Object.entries(specDepends)) for (const dep of deps) add(spec, dep);
  for (const task of tasks) {
    for (const id of task.depends_on) add(task.spec, specOf.get(id));
    for (const spec of task.cross_spec_interfaces) add(task.spec, spec);
  }
  const closure = new Map<string, Set<string>>();
  for (const spec of new Set([...direct.keys(), ...tasks.map((t) => t.spec)])) {
    const seen = new Set<string>();
    const queue = [...(direct.get(spec) ?? [])];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(...(direct.get(next) ?? []));
    }
    closure.set(spec, seen);
  }
  return closure;
}
