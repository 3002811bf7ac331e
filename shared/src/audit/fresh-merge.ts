import type { Plan } from '../model/plan';
import { appendVerifyTasks, newMergeState, nextId, planTaskFrom, wireFreshTask } from './merge-wiring';
import type { ResolvedPlannerTask } from './preserved-refs';
import { utcTimestamp } from './timestamp';
import type { VerifyTaskSpec } from './vmd-tasks';

/**
 * The fresh merge (reference §4.7, `merge_into_global_plan`): every spec's planned tasks numbered globally
 * in level order, wired as in {@link wireFreshTask}, each spec's verify tasks appended after its planned
 * tasks. `meta.specs` lists the planned specs in level order.
 */

export interface MergeInput {
  /** Topological levels of the spec graph (each sorted). */
  levels: readonly (readonly string[])[];
  /** Spec id → its SMD `depends` as written. */
  depends: ReadonlyMap<string, readonly string[]>;
  /** Spec id → its verify tasks (`synthesizeVerifyTasks`). */
  verifyTasks?: ReadonlyMap<string, readonly VerifyTaskSpec[]>;
  /** `meta.generated_at`. */
  date: Date;
}

export interface FreshMergeInput extends MergeInput {
  /** Spec id → its planned tasks (PreservedTaskRefs already resolved). */
  specPlans: ReadonlyMap<string, readonly ResolvedPlannerTask[]>;
}

export function mergeFreshPlan(input: FreshMergeInput): Plan {
  const state = newMergeState(input.depends);
  const specs: string[] = [];
  for (const specId of input.levels.flat()) {
    const planned = input.specPlans.get(specId);
    if (planned === undefined) continue;
    specs.push(specId);
    const localToGlobal = new Map<number, string>();
    planned.forEach((task, i) => {
      const id = nextId(state);
      localToGlobal.set(i + 1, id);
      const wiring = wireFreshTask(state, specId, task, i + 1, localToGlobal);
      state.tasks.push(planTaskFrom(task, id, specId, wiring));
    });
    if (planned.length > 0) state.specLastTask.set(specId, localToGlobal.get(planned.length)!);
    const verify = input.verifyTasks?.get(specId);
    if (verify) appendVerifyTasks(state, specId, verify);
  }
  return {
    meta: { generated_at: utcTimestamp(input.date), total_tasks: state.tasks.length, specs },
    task: state.tasks,
  };
}
