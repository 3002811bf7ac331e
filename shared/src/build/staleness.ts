import type { PlanTask, TaskStatus } from '../model/plan';
import type { TaskState } from '../model/state';

/**
 * Whether a build task runs, and why (reference §5.2 staleness checks, §5.6 incremental rules). Pure: the
 * caller computes the current hashes (see `hashing.ts`) and passes them in as plain data.
 *
 * Departures from the original (§9 quirks), on purpose:
 * - A fully-done plan is still hash-checked, so a hand-edited output (`output-modified`) is found.
 * - `--spec` and `--force` never change a task's status: they only decide what runs this time.
 * - `manual` tasks never run and count as satisfied for their dependents (the user did them); in the
 *   original they are never `done`, so every dependent fails its dependency check.
 * - `manual` and `skipped` tasks are not run by `--force` either (the original resets them to pending).
 */

/** Why a task runs (or, for a task that is not selected, would run). */
export type RunReason =
  | { kind: 'pending' }
  | { kind: 'failed' }
  | { kind: 'forced' }
  /** The stored input hash differs from the current one. */
  | { kind: 'input-changed' }
  /** The stored output hash differs from the current hash of the task's created files. */
  | { kind: 'output-modified' }
  /** Same-spec dependencies that (re)build in this run. */
  | { kind: 'dependency-rebuilt'; tasks: string[] }
  /** Same-spec dependencies that may rebuild in this run (they wait on an upstream interface). */
  | { kind: 'dependency-may-rebuild'; tasks: string[] }
  /** Upstream specs whose interface file changed this run (the input hash then differs too). */
  | { kind: 'upstream-interface-changed'; specs: string[] }
  /** The interface gate: upstream specs rebuilt this run whose interface could not be re-extracted. */
  | { kind: 'upstream-interface-stale'; specs: string[] }
  /** Prediction only: upstream specs rebuild this run; the task runs if their interface changes. */
  | { kind: 'upstream-rebuilding'; specs: string[] };

export type RunReasonKind = RunReason['kind'];

/** Why a task does not run although it might: a status that is never built, or not selected. */
export type HoldReason = 'manual' | 'skipped' | 'unselected';

/**
 * - `yes`: the task runs.
 * - `maybe`: it runs only if an upstream interface changes (or cannot be re-extracted) — known only
 *   once the upstream spec has been rebuilt, so only predictions (`whatRuns`) give this.
 * - `no`: it does not run (`hold` or `upToDate` says why).
 */
export type RunVerdict = 'yes' | 'maybe' | 'no';

export interface TaskDecision {
  id: string;
  spec: string;
  status: TaskStatus;
  run: RunVerdict;
  /** Why it runs; for a held task, why it would have run (empty when it is up to date). */
  reasons: RunReason[];
  hold?: HoldReason;
  /**
   * For a `done` task that does not run: `hashes-match`, or `backfill` when state.toml has no entry for
   * it (its hashes are then recorded from what is on disk, as the original does).
   */
  upToDate?: 'hashes-match' | 'backfill';
  /**
   * For a task that runs: dependencies that will be neither done, manual, nor run in this run (not
   * selected, skipped, or not in the plan), so the task would fail its dependency check.
   */
  unmetDependencies: string[];
}

/** What the caller observed on disk now: current hashes per task id (for `done` tasks at least). */
export interface Observed {
  /** Current input hash (assembled prompt + context files). A missing entry counts as changed. */
  inputHashes: Readonly<Record<string, string>>;
  /** Current output hash over the stored `created_files`. A missing entry counts as modified. */
  outputHashes: Readonly<Record<string, string>>;
}

export interface StateLike {
  tasks: Readonly<Record<string, TaskState>>;
}

/** Progress of a run so far, the input of the per-task rule {@link decideTask}. */
export interface RunProgress {
  /** Task ids (re)built in this run, each with its spec. */
  rebuiltTasks: ReadonlyMap<string, string>;
  /** Specs with a task (re)built in this run. */
  rebuiltSpecs: ReadonlySet<string>;
  /** Specs whose interface file was successfully re-extracted in this run. */
  refreshedInterfaces: ReadonlySet<string>;
  /** Specs whose interface file content changed in this run. */
  changedInterfaces: ReadonlySet<string>;
  /** Prediction only: task ids that may rebuild in this run, each with its spec. */
  maybeTasks?: ReadonlyMap<string, string>;
  /** Prediction only: specs rebuilding (or maybe rebuilding) whose interface outcome is not known yet. */
  interfacesPending?: ReadonlySet<string>;
}

export interface TaskRule {
  run: RunVerdict;
  reasons: RunReason[];
  upToDate?: 'hashes-match' | 'backfill';
  hold?: 'manual' | 'skipped';
}

/**
 * The rule for one task at the moment the build loop reaches it (§5.2 step 2, with the fixes above). The
 * engine calls this in plan order with the real progress; {@link whatRuns} calls it with a prediction.
 */
export function decideTask(
  task: PlanTask,
  stored: TaskState | undefined,
  observed: Observed,
  progress: RunProgress,
  force = false,
): TaskRule {
  if (task.status === 'manual' || task.status === 'skipped') {
    return { run: 'no', reasons: [], hold: task.status };
  }
  const reasons: RunReason[] = [];
  if (force) reasons.push({ kind: 'forced' });
  if (task.status === 'pending' || task.status === 'failed') {
    reasons.push({ kind: task.status });
    return { run: 'yes', reasons };
  }
  // done: the staleness checks.
  // Only same-spec dependencies cascade; other specs reach a task through their interface (§5.6).
  const sameSpecDeps = task.depends_on.filter((id) => progress.rebuiltTasks.get(id) === task.spec);
  if (sameSpecDeps.length > 0) reasons.push({ kind: 'dependency-rebuilt', tasks: sameSpecDeps });
  const maybeDeps = task.depends_on.filter((id) => progress.maybeTasks?.get(id) === task.spec);
  // A task naming its own spec here would always look stale mid-spec; an interface is for other specs.
  const upstream = task.cross_spec_interfaces.filter((spec) => spec !== task.spec);
  const stale = upstream.filter(
    (spec) =>
      progress.rebuiltSpecs.has(spec) &&
      !progress.refreshedInterfaces.has(spec) &&
      progress.interfacesPending?.has(spec) !== true,
  );
  if (stale.length > 0) reasons.push({ kind: 'upstream-interface-stale', specs: stale });
  if (stored === undefined) {
    if (reasons.length > 0) return { run: 'yes', reasons };
    return maybeOr(upstream, maybeDeps, progress, { run: 'no', reasons, upToDate: 'backfill' });
  }
  if (observed.inputHashes[task.id] !== stored.input_hash) {
    const changed = upstream.filter((spec) => progress.changedInterfaces.has(spec));
    if (changed.length > 0) reasons.push({ kind: 'upstream-interface-changed', specs: changed });
    reasons.push({ kind: 'input-changed' });
  }
  if (observed.outputHashes[task.id] !== stored.output_hash) reasons.push({ kind: 'output-modified' });
  if (reasons.length > 0) return { run: 'yes', reasons };
  return maybeOr(upstream, maybeDeps, progress, { run: 'no', reasons, upToDate: 'hashes-match' });
}

/** A done, otherwise up-to-date task runs `maybe` when it waits on an uncertain upstream. */
function maybeOr(
  upstream: string[],
  maybeDeps: string[],
  progress: RunProgress,
  otherwise: TaskRule,
): TaskRule {
  const reasons: RunReason[] = [];
  if (maybeDeps.length > 0) reasons.push({ kind: 'dependency-may-rebuild', tasks: maybeDeps });
  const pending = upstream.filter((spec) => progress.interfacesPending?.has(spec) === true);
  if (pending.length > 0) reasons.push({ kind: 'upstream-rebuilding', specs: pending });
  return reasons.length > 0 ? { run: 'maybe', reasons } : otherwise;
}
