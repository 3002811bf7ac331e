import { KNOWN_TASK_KEYS, type PlanTask, type TaskStatus } from '../model/plan';
import type { ResolvedPlannerTask } from './preserved-refs';
import type { VerifyTaskSpec } from './vmd-tasks';

/**
 * What the fresh and the incremental merge share (reference §4.7, "Fresh merge rules"): global ids, the
 * wiring of a freshly planned task, verify-task appending, status carry-over and old-task matching.
 */

/** `%03d`: `1` → `"001"`. */
export function formatTaskId(n: number): string {
  return String(n).padStart(3, '0');
}

/** The state both merges build up while walking the specs in level order. */
export interface MergeState {
  tasks: PlanTask[];
  /** Spec id → id of its last task so far (its last verify task once those are appended). */
  specLastTask: Map<string, string>;
  /** Spec id → its SMD `depends` (as written). */
  depends: ReadonlyMap<string, readonly string[]>;
  /** The last id handed out. */
  counter: number;
}

export function newMergeState(depends: ReadonlyMap<string, readonly string[]>): MergeState {
  return { tasks: [], specLastTask: new Map(), depends, counter: 0 };
}

export function nextId(state: MergeState): string {
  state.counter += 1;
  return formatTaskId(state.counter);
}

export interface Wiring {
  depends_on: string[];
  cross_spec_interfaces: string[];
  inject_files: string[];
}

/**
 * Wiring of a freshly planned task:
 * - `depends_on`: local 1-based indices → global ids of earlier tasks of the spec (unknown, forward and
 *   self references dropped; repeats once); the spec's first task also depends on the last task of every
 *   upstream spec that has tasks;
 * - `cross_spec_interfaces`: the spec's SMD depends that already have tasks;
 * - `inject_files`: outputs of the task's dependencies that belong to the same spec (each file once).
 */
export function wireFreshTask(
  state: MergeState,
  specId: string,
  task: ResolvedPlannerTask,
  localIndex: number,
  localToGlobal: ReadonlyMap<number, string>,
): Wiring {
  const dependsOn: string[] = [];
  const add = (id: string | undefined) => {
    if (id !== undefined && !dependsOn.includes(id)) dependsOn.push(id);
  };
  for (const local of task.depends_on) if (local < localIndex) add(localToGlobal.get(local));
  const upstream = state.depends.get(specId) ?? [];
  if (localIndex === 1) for (const dep of upstream) add(state.specLastTask.get(dep));
  const crossSpec = upstream.filter((dep) => state.specLastTask.has(dep));
  const inject: string[] = [];
  for (const id of dependsOn) {
    const dep = state.tasks.find((t) => t.id === id);
    if (dep?.spec !== specId) continue;
    for (const file of dep.outputs) if (!inject.includes(file)) inject.push(file);
  }
  return { depends_on: dependsOn, cross_spec_interfaces: crossSpec, inject_files: inject };
}

/** Keys of a plan task that Ossature does not know (a user's additions), to carry with the task. */
export function extraKeys(task: PlanTask): Record<string, unknown> {
  return Object.fromEntries(Object.entries(task).filter(([key]) => !KNOWN_TASK_KEYS.has(key)));
}

/** A plan task from a planned task, its id and its wiring. */
export function planTaskFrom(
  task: ResolvedPlannerTask,
  id: string,
  specId: string,
  wiring: Wiring,
  carried: { status: TaskStatus; notes: string; extra?: Record<string, unknown> } = {
    status: 'pending',
    notes: '',
  },
): PlanTask {
  return {
    id,
    spec: specId,
    kind: 'task',
    vmd_file: '',
    vmd_group: '',
    title: task.title,
    description: task.description,
    outputs: [...task.outputs],
    depends_on: wiring.depends_on,
    spec_refs: [...task.spec_refs],
    arch_refs: [...task.arch_refs],
    status: carried.status,
    verify: [...task.verify],
    inject_files: wiring.inject_files,
    cross_spec_interfaces: wiring.cross_spec_interfaces,
    context_files: [...(task.context_files ?? [])],
    source: [...(task.source ?? [])],
    covers: [...(task.covers ?? [])],
    notes: carried.notes,
    ...(carried.extra ?? {}),
  };
}

/** The status a carried-over task keeps: done, manual and skipped stay; failed and pending become pending. */
export function carryOverStatus(status: TaskStatus): TaskStatus {
  return status === 'done' || status === 'manual' || status === 'skipped' ? status : 'pending';
}

/** Output-set key: the same files in any order give the same key. */
function outputKey(outputs: readonly string[]): string {
  return [...new Set(outputs)].sort().join('\u0000');
}

/**
 * Matches new tasks of a changed spec to its old tasks by exact output-file set: a match needs exactly one
 * old task with that set. Each old task is claimed at most once (the original could hand one old task, and
 * its task folder and state entry, to several new tasks).
 */
export class OldTaskMatcher {
  private readonly byOutputs = new Map<string, PlanTask[]>();
  private readonly claimed = new Set<string>();

  constructor(readonly oldTasks: readonly PlanTask[]) {
    for (const task of oldTasks) {
      const key = outputKey(task.outputs);
      const list = this.byOutputs.get(key);
      if (list) list.push(task);
      else this.byOutputs.set(key, [task]);
    }
  }

  /** The one unclaimed old task with exactly these outputs, if there is exactly one with them. */
  byOutputSet(outputs: readonly string[]): PlanTask | undefined {
    const candidates = this.byOutputs.get(outputKey(outputs));
    if (candidates?.length !== 1) return undefined;
    const [only] = candidates;
    return only && !this.claimed.has(only.id) ? only : undefined;
  }

  /** The old task with `task`'s id, if there is one and it is not claimed yet. */
  ifAvailable(task: PlanTask | undefined): PlanTask | undefined {
    if (task === undefined || this.claimed.has(task.id)) return undefined;
    return this.oldTasks.find((old) => old.id === task.id);
  }

  claim(task: PlanTask): void {
    this.claimed.add(task.id);
  }
}

/** Records a carried-over match: old id → new id. */
export interface MatchLog {
  idRemap: Map<string, string>;
  matchedOldIds: Set<string>;
}

/**
 * Appends a spec's verify tasks after its planned tasks. Each depends on the last earlier non-verify task
 * of the spec whose outputs contain its `targetFile`, else on the spec's last planned task; afterwards the
 * spec's last-task pointer is its last verify task, so dependent specs build on verified code. In an
 * incremental merge they are matched against the spec's old tasks like planned tasks.
 */
export function appendVerifyTasks(
  state: MergeState,
  specId: string,
  verifyTasks: readonly VerifyTaskSpec[],
  match?: { matcher: OldTaskMatcher; log: MatchLog },
): void {
  const implementationLast = state.specLastTask.get(specId);
  for (const vt of verifyTasks) {
    const id = nextId(state);
    let producer: string | undefined;
    if (vt.targetFile) {
      for (let i = state.tasks.length - 1; i >= 0; i--) {
        const t = state.tasks[i]!;
        if (t.spec === specId && t.kind !== 'verify' && t.outputs.includes(vt.targetFile)) {
          producer = t.id;
          break;
        }
      }
    }
    const dependency = producer ?? implementationLast;
    let status: TaskStatus = 'pending';
    let notes = '';
    const old = match?.matcher.byOutputSet(vt.outputs);
    if (match && old) {
      match.matcher.claim(old);
      status = carryOverStatus(old.status);
      notes = old.notes;
      match.log.matchedOldIds.add(old.id);
      match.log.idRemap.set(old.id, id);
    }
    state.tasks.push({
      id,
      spec: specId,
      kind: 'verify',
      vmd_file: vt.vmdFile,
      vmd_group: vt.vmdGroup,
      title: vt.title,
      description: vt.description,
      outputs: [...vt.outputs],
      depends_on: dependency ? [dependency] : [],
      spec_refs: [],
      arch_refs: [],
      status,
      verify: [...vt.verify],
      inject_files: [],
      cross_spec_interfaces: [],
      context_files: [],
      source: [],
      covers: [...vt.covers],
      notes,
    });
    state.specLastTask.set(specId, id);
  }
}
