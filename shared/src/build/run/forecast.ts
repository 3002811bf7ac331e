import type { Env } from '../../llm';
import type { PlanTask } from '../../model/plan';
import { buildPromptContext } from '../prompt';
import { SelectionError, selectTasks } from '../selection';
import { type RunForecast, whatRuns } from '../what-runs';
import { type BuildForecast, buildForecast } from './build-forecast';
import { BuildProject } from './build-project';
import type { BuildContext } from './context';
import { BuildError } from './errors';
import { retryReset } from './retry-reset';
import { currentOutputHash, type TaskInput, taskInput } from './task-input';

/**
 * What a build would do, computed once for everyone who asks: the run itself (which tasks it visits and
 * each task's assembled input), `ossature build --dry-run` / `retry --dry-run`, and the editor's forecast
 * (the `ossature/buildForecast` request). Reads the project from disk and changes nothing: a retry's
 * status reset is applied in memory only, no lock is taken, no model is called.
 */

/** What the forecast needs of a run's context. */
export type ForecastContext = Pick<BuildContext, 'project' | 'prompts'>;

export interface ForecastSelection {
  /** `--spec ID`. */
  spec?: string;
  /** `--only ID`. */
  only?: string;
  /** `--force`. */
  force?: boolean;
}

/** Spec id → the spec ids its SMD `depends` on (for `--spec`). */
export function specDependsOf(project: BuildProject): Record<string, string[]> {
  return Object.fromEntries(
    [...project.workspace.index.smdById].map(([id, smds]) => [
      id,
      smds[0]?.depends.map((d) => d.value) ?? [],
    ]),
  );
}

/** Runs a selection step; an unknown `--spec`/`--only` becomes a configuration BuildError. */
export function wrapSelection<T>(make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof SelectionError) throw new BuildError(error.message, 'config');
    throw error;
  }
}

/**
 * The part of a run before any task: every task's input (prompt and hash) and, from the current hashes
 * of the done tasks, which tasks run and why. Throws BuildError for an unknown `--spec`/`--only`.
 */
export function forecastRun(
  ctx: ForecastContext,
  selection: ForecastSelection,
  specDepends: Readonly<Record<string, readonly string[]>>,
): { inputs: Map<string, TaskInput>; forecast: RunForecast } {
  const { project } = ctx;
  const select = {
    ...(selection.spec !== undefined ? { spec: selection.spec } : {}),
    ...(selection.only !== undefined ? { only: selection.only } : {}),
    specDepends,
  };
  // An unknown --spec or --only fails before any prompt is assembled.
  wrapSelection(() => selectTasks(project.plan.task, select));
  const inputs = new Map<string, TaskInput>();
  const inputHashes: Record<string, string> = {};
  const outputHashes: Record<string, string> = {};
  for (const task of project.plan.task) {
    const input = taskInput(ctx, task);
    inputs.set(task.id, input);
    inputHashes[task.id] = input.inputHash;
    const stored = project.state.tasks[task.id];
    if (stored && task.status === 'done')
      outputHashes[task.id] = currentOutputHash(ctx, stored.created_files);
  }
  const forecast = wrapSelection(() =>
    whatRuns(
      project.plan,
      project.state,
      { inputHashes, outputHashes },
      { ...select, ...(selection.force ? { force: true } : {}) },
    ),
  );
  return { inputs, forecast };
}

export interface ForecastOptions extends ForecastSelection {
  configFile: string;
  /** Forecast `ossature retry` (with `--from`/`--only`, or every failed task) instead of `build`. */
  retry?: { from?: string; only?: string };
  /** For the model prices (base URLs); default `process.env`. */
  env?: Env;
}

export interface ForecastReport {
  project: BuildProject;
  /** Undefined when a retry has nothing to retry. */
  forecast: BuildForecast | undefined;
  /** The selected task ids (every task when nothing is selected), in plan order. */
  selected: string[];
  /** A retry's reset line, e.g. "Reset task 004 to pending (+2 dependents)". */
  reset?: string;
  /** Problems that do not stop a build (an unreadable state.toml). */
  warnings: string[];
}

/**
 * `build --dry-run`, `retry --dry-run` and the editor's forecast: the project loaded from disk, the retry
 * reset applied in memory, and each task that would run with why and an estimate. Throws BuildError (no
 * plan, invalid specs or plan, an unknown task or spec) with a message saying what to do.
 */
export function forecastBuild(options: ForecastOptions): ForecastReport {
  const project = BuildProject.load(options.configFile);
  const ctx: ForecastContext = { project, prompts: buildPromptContext(project.workspace, project.plan) };
  const warnings = [...project.warnings];
  const all = project.plan.task.map((t) => t.id);
  let reset: string | undefined;
  if (options.retry !== undefined) {
    const retry = options.retry;
    const result = wrapSelection(() => retryReset(project.plan.task, retry));
    reset = result.message;
    if (result.statuses.size === 0 && retry.from === undefined && retry.only === undefined) {
      return { project, forecast: undefined, selected: all, reset, warnings };
    }
    for (const [id, status] of result.statuses) (project.byId.get(id) as PlanTask).status = status;
  }
  const { inputs, forecast } = forecastRun(ctx, options, specDependsOf(project));
  return {
    project,
    forecast: buildForecast(ctx, forecast, inputs, options.env ?? process.env),
    selected: forecast.selection.ids,
    ...(reset !== undefined ? { reset } : {}),
    warnings,
  };
}
