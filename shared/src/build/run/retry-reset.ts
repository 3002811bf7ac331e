import type { PlanTask, TaskStatus } from '../../model/plan';
import { knownTaskId, SelectionError } from '../selection';

/**
 * `ossature retry` (reference §5.10): which statuses go back to `pending` before the build runs.
 * - no flag: every failed task;
 * - `--from ID`: every task from ID on (id order, as the original compares ids as strings), except manual;
 * - `--only ID`: that task and everything that depends on it, transitively.
 */

export interface RetryReset {
  statuses: Map<string, TaskStatus>;
  /** One line for the user, e.g. "Reset task 004 to pending (+2 dependents)". */
  message: string;
}

export function retryReset(
  tasks: readonly PlanTask[],
  options: { from?: string; only?: string },
): RetryReset {
  if (options.from !== undefined && options.only !== undefined) {
    throw new SelectionError('Give either --from or --only, not both.');
  }
  const statuses = new Map<string, TaskStatus>();
  const wanted = options.from ?? options.only;
  if (wanted !== undefined) {
    const id = knownTaskId(tasks, wanted);
    if (options.from !== undefined) {
      for (const task of tasks) {
        if (task.id >= id && task.status !== 'pending' && task.status !== 'manual')
          statuses.set(task.id, 'pending');
      }
      return {
        statuses,
        message: `Reset ${statuses.size} task${statuses.size === 1 ? '' : 's'} from ${id} on to pending`,
      };
    }
    const reset = new Set([id]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const task of tasks) {
        if (!reset.has(task.id) && task.depends_on.some((dep) => reset.has(dep))) {
          reset.add(task.id);
          grew = true;
        }
      }
    }
    for (const task of tasks)
      if (reset.has(task.id) && task.status !== 'manual') statuses.set(task.id, 'pending');
    const dependents = reset.size - 1;
    return {
      statuses,
      message: `Reset task ${id} to pending (+${dependents} dependent${dependents === 1 ? '' : 's'})`,
    };
  }
  for (const task of tasks) if (task.status === 'failed') statuses.set(task.id, 'pending');
  return {
    statuses,
    message:
      statuses.size === 0
        ? 'No failed tasks to retry.'
        : `Reset ${statuses.size} failed task${statuses.size === 1 ? '' : 's'} to pending`,
  };
}
