import type { Plan, PlanTask, TaskStatus } from '../model/plan';
import type { MergeInput } from './fresh-merge';
import {
  appendVerifyTasks,
  carryOverStatus,
  extraKeys,
  type MatchLog,
  type MergeState,
  newMergeState,
  nextId,
  OldTaskMatcher,
  planTaskFrom,
  wireFreshTask,
} from './merge-wiring';
import type { ResolvedPlannerTask } from './preserved-refs';
import { utcTimestamp } from './timestamp';

/**
 * The incremental merge (reference §4.7, `incremental_merge_plan`): how a re-plan keeps work.
 *
 * Specs are walked in level order; ids are handed out anew from 001.
 * - Unchanged spec: its tasks are kept as they are (status, notes, refs, inject files, cross-spec list,
 *   kind and vmd fields, extra keys) but renumbered. A dependency on a task of the same spec follows it to
 *   its new id; a dependency on another spec's task is re-wired to that spec's new last task; the spec's
 *   first kept task also depends on each upstream spec's new last task.
 * - Changed spec: its freshly planned tasks, wired as in the fresh merge, then its verify tasks. A task the
 *   planner kept with a PreservedTaskRef takes over the old task it names — status (done/manual/skipped
 *   kept, failed/pending → pending), notes, extra keys, and its id in the remap, so its task folder and
 *   state entry survive. Any other new task (and each verify task) takes over the old task of the same spec
 *   with exactly the same output-file set, when exactly one has it. Otherwise it starts `pending`.
 * - Changed spec without a new plan, and specs no longer in the graph: their tasks are dropped.
 *
 * Differences from the original, on purpose: a preserved task keeps its status and notes even when its
 * outputs are shared with other tasks (the original matched by output set only, so a preserved task that
 * wrote the same file as another lost its `done`); kept tasks keep `kind`/`vmd_file`/`vmd_group` and extra
 * keys (the original turned kept verify tasks into ordinary tasks); an old task is taken over at most once;
 * a same-spec dependency that does not resolve to an earlier kept task is dropped instead of keeping an id
 * that now names another task.
 */

export interface IncrementalMergeInput extends MergeInput {
  /** The plan being replaced (plan.toml as it is now, hand edits included). */
  existing: Plan;
  /** Spec id → its planned tasks, for the changed specs. */
  specPlans: ReadonlyMap<string, readonly ResolvedPlannerTask[]>;
  /** Specs re-planned this run. */
  changed: ReadonlySet<string>;
}

export interface IncrementalMergeResult {
  plan: Plan;
  /** Old id → new id, for every task that was kept or taken over. */
  idRemap: Map<string, string>;
  /** Old ids of changed-spec tasks that a new task took over. */
  matchedOldIds: Set<string>;
}

export function mergeIncrementalPlan(input: IncrementalMergeInput): IncrementalMergeResult {
  const state = newMergeState(input.depends);
  const log: MatchLog = { idRemap: new Map(), matchedOldIds: new Set() };
  const oldSpecOf = new Map(input.existing.task.map((t) => [t.id, t.spec]));
  const oldBySpec = new Map<string, PlanTask[]>();
  for (const task of input.existing.task) {
    const list = oldBySpec.get(task.spec);
    if (list) list.push(task);
    else oldBySpec.set(task.spec, [task]);
  }

  const specs: string[] = [];
  for (const specId of input.levels.flat()) {
    if (input.changed.has(specId)) {
      const planned = input.specPlans.get(specId);
      if (planned === undefined) continue;
      specs.push(specId);
      const matcher = new OldTaskMatcher(oldBySpec.get(specId) ?? []);
      mergeChangedSpec(state, specId, planned, matcher, log);
      const verify = input.verifyTasks?.get(specId);
      if (verify) appendVerifyTasks(state, specId, verify, { matcher, log });
    } else {
      const kept = oldBySpec.get(specId);
      if (kept === undefined) continue;
      specs.push(specId);
      keepUnchangedSpec(state, specId, kept, oldSpecOf, log);
    }
  }
  return {
    plan: {
      meta: { generated_at: utcTimestamp(input.date), total_tasks: state.tasks.length, specs },
      task: state.tasks,
    },
    idRemap: log.idRemap,
    matchedOldIds: log.matchedOldIds,
  };
}

function mergeChangedSpec(
  state: MergeState,
  specId: string,
  planned: readonly ResolvedPlannerTask[],
  matcher: OldTaskMatcher,
  log: MatchLog,
): void {
  const localToGlobal = new Map<number, string>();
  // PreservedTaskRefs claim their old task first, so output-set matching cannot hand it to another task.
  const preserved = planned.map((task) => {
    const old = matcher.ifAvailable(task.preservedFrom);
    if (old) matcher.claim(old);
    return old;
  });
  planned.forEach((task, i) => {
    const id = nextId(state);
    localToGlobal.set(i + 1, id);
    const wiring = wireFreshTask(state, specId, task, i + 1, localToGlobal);
    let old = preserved[i];
    let extra: Record<string, unknown> = {};
    if (old) extra = extraKeys(old);
    else {
      old = matcher.byOutputSet(task.outputs);
      if (old) matcher.claim(old);
    }
    let carried: { status: TaskStatus; notes: string; extra?: Record<string, unknown> } = {
      status: 'pending',
      notes: '',
    };
    if (old) {
      carried = { status: carryOverStatus(old.status), notes: old.notes, extra };
      log.matchedOldIds.add(old.id);
      log.idRemap.set(old.id, id);
    }
    state.tasks.push(planTaskFrom(task, id, specId, wiring, carried));
  });
  if (planned.length > 0) state.specLastTask.set(specId, localToGlobal.get(planned.length)!);
}

function keepUnchangedSpec(
  state: MergeState,
  specId: string,
  kept: readonly PlanTask[],
  oldSpecOf: ReadonlyMap<string, string>,
  log: MatchLog,
): void {
  const localRemap = new Map<string, string>();
  kept.forEach((task, i) => {
    const id = nextId(state);
    const dependsOn: string[] = [];
    const add = (dep: string | undefined) => {
      if (dep !== undefined && !dependsOn.includes(dep)) dependsOn.push(dep);
    };
    for (const dep of task.depends_on) {
      const depSpec = oldSpecOf.get(dep) ?? specId;
      add(depSpec === specId ? localRemap.get(dep) : state.specLastTask.get(depSpec));
    }
    if (i === 0)
      for (const upstream of state.depends.get(specId) ?? []) add(state.specLastTask.get(upstream));
    localRemap.set(task.id, id);
    log.idRemap.set(task.id, id);
    state.tasks.push({ ...task, id, depends_on: dependsOn });
  });
  state.specLastTask.set(specId, formatLast(state));
}

const formatLast = (state: MergeState) => state.tasks[state.tasks.length - 1]!.id;
