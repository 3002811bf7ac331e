import type { PlanTask } from '../model/plan';
import type { PlannerTask, SpecTaskPlan } from './types';

/**
 * PreservedTaskRef resolution (reference §4.7 step 3). In a re-plan the planner may answer "keep previous
 * task N" instead of writing the task again; the reference is replaced by a full task copied from task N of
 * the previous list — the spec's tasks as they are in the CURRENT plan.toml, so a user's hand edits to a
 * kept task survive the re-plan — with the `depends_on` of the reference.
 */

/** A planner task ready for merging; `preservedFrom` is the plan task a PreservedTaskRef named. */
export interface ResolvedPlannerTask extends PlannerTask {
  preservedFrom?: PlanTask;
}

/** The title of the placeholder that replaces a reference to a task that does not exist. */
export function unresolvedRefTitle(previousIndex: number): string {
  return `[unresolved ref: previous_index=${previousIndex}]`;
}

/**
 * Replaces every PreservedTaskRef by the task it names. Copied from the previous task: title, description,
 * outputs, spec_refs, arch_refs, verify, context_files, source, covers; the merge additionally carries its
 * status, notes and any extra keys (see `incremental-merge.ts`). An index outside the previous list gives a
 * placeholder titled `[unresolved ref: previous_index=N]` with no outputs and `verify = ["true"]`, so
 * planning can go on and the user sees what happened in plan.toml.
 */
export function resolvePreservedRefs(
  plan: SpecTaskPlan,
  previousTasks: readonly PlanTask[],
): ResolvedPlannerTask[] {
  return plan.tasks.map((task): ResolvedPlannerTask => {
    if (task.kind !== 'preserved') return { ...task };
    const old = Number.isInteger(task.previous_index) ? previousTasks[task.previous_index - 1] : undefined;
    if (task.previous_index < 1 || old === undefined) {
      return {
        kind: 'task',
        title: unresolvedRefTitle(task.previous_index),
        description: '',
        outputs: [],
        depends_on: [...task.depends_on],
        spec_refs: [],
        arch_refs: [],
        verify: ['true'],
      };
    }
    return {
      kind: 'task',
      title: old.title,
      description: old.description,
      outputs: [...old.outputs],
      depends_on: [...task.depends_on],
      spec_refs: [...old.spec_refs],
      arch_refs: [...old.arch_refs],
      verify: [...old.verify],
      context_files: [...old.context_files],
      source: [...old.source],
      covers: [...old.covers],
      preservedFrom: old,
    };
  });
}
