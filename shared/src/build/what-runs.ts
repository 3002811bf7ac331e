import type { PlanTask } from '../model/plan';
import { type Selection, type SelectionOptions, selectTasks } from './selection';
import { decideTask, type Observed, type StateLike, type TaskDecision } from './staleness';

/**
 * The forecast of a build (`--dry-run`, the header counts, the scheduler's work list): for every task of
 * the plan, in plan order, whether it runs and why. Pure; never changes the plan or the state.
 */

export interface WhatRunsOptions extends SelectionOptions {
  /** `--force`: every selected task runs (except `manual` and `skipped` ones). */
  force?: boolean;
}

export interface RunForecast {
  selection: Selection;
  decisions: TaskDecision[];
  /** Ids of the tasks that run, in plan order. */
  runs: string[];
  /** Ids of the tasks that run only if an upstream interface changes, in plan order. */
  maybe: string[];
}

/** Throws {@link SelectionError} for an unknown `--spec`/`--only` or both at once. */
export function whatRuns(
  plan: { task: readonly PlanTask[] },
  state: StateLike,
  observed: Observed,
  options: WhatRunsOptions = {},
): RunForecast {
  const tasks = plan.task;
  const selection = selectTasks(tasks, options);
  const selected = new Set(selection.ids);
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const verdicts = new Map<string, TaskDecision['run']>();
  const rebuiltTasks = new Map<string, string>();
  const maybeTasks = new Map<string, string>();
  const rebuiltSpecs = new Set<string>();
  const maybeSpecs = new Set<string>();

  /** Whether every task of `spec` will be done (or manual) after this run, so its interface can refresh. */
  const completes = (spec: string): boolean =>
    tasks.every((task) => {
      if (task.spec !== spec) return true;
      const verdict = verdicts.get(task.id);
      if (verdict === 'yes' || verdict === 'maybe') return true;
      if (task.status === 'done' || task.status === 'manual') return true;
      return verdict === undefined && selected.has(task.id) && task.status !== 'skipped';
    });

  const decisions: TaskDecision[] = [];
  for (const task of tasks) {
    const interfacesPending = new Set([...rebuiltSpecs].filter(completes));
    for (const spec of maybeSpecs) interfacesPending.add(spec);
    const rule = decideTask(
      task,
      state.tasks[task.id],
      observed,
      {
        rebuiltTasks,
        rebuiltSpecs,
        refreshedInterfaces: new Set(),
        changedInterfaces: new Set(),
        maybeTasks,
        interfacesPending,
      },
      options.force === true && selected.has(task.id),
    );
    const decision: TaskDecision = {
      id: task.id,
      spec: task.spec,
      status: task.status,
      run: rule.run,
      reasons: rule.reasons,
      unmetDependencies: [],
    };
    if (rule.hold !== undefined) decision.hold = rule.hold;
    if (rule.upToDate !== undefined) decision.upToDate = rule.upToDate;
    if (!selected.has(task.id) && rule.hold === undefined) {
      decision.run = 'no';
      decision.hold = 'unselected';
      delete decision.upToDate;
    }
    verdicts.set(task.id, decision.run);
    if (decision.run === 'yes') {
      rebuiltTasks.set(task.id, task.spec);
      rebuiltSpecs.add(task.spec);
    } else if (decision.run === 'maybe') {
      maybeTasks.set(task.id, task.spec);
      maybeSpecs.add(task.spec);
    }
    decisions.push(decision);
  }

  for (const decision of decisions) {
    if (decision.run === 'no') continue;
    const task = byId.get(decision.id) as PlanTask;
    decision.unmetDependencies = task.depends_on.filter((id) => {
      const dep = byId.get(id);
      if (dep === undefined) return true;
      if (dep.status === 'done' || dep.status === 'manual') return false;
      const verdict = verdicts.get(id);
      return verdict !== 'yes' && verdict !== 'maybe';
    });
  }

  return {
    selection,
    decisions,
    runs: decisions.filter((d) => d.run === 'yes').map((d) => d.id),
    maybe: decisions.filter((d) => d.run === 'maybe').map((d) => d.id),
  };
}
