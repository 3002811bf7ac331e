import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { summarize } from '../../llm/usage';
import type { PlanTask, TaskStatus } from '../../model/plan';
import { taskDirName } from '../../model/task-output';
import { readTaskOutputFile } from '../../store/task-output-file';
import { decideTask, type RunProgress } from '../staleness';
import { countLines } from '../tools';
import type { BuildContext, TaskOutcome } from './context';
import { runCopyStep, runVerifyStep } from './copy-verify-tasks';
import { maybeExtractInterface } from './interface-step';
import { runLlmTask } from './llm-task';
import { runUsage } from './run-events';
import { TaskScheduler } from './scheduler';
import { TaskFiles } from './task-files';
import { currentOutputHash, type TaskInput, taskInput } from './task-input';

/**
 * The build loop (reference §5.2, run per task in dependency order, up to `jobs` at once): the staleness
 * check of each task when it is reached, the dependency check, the run, the state saved at once, the
 * interface extraction, and what happens after a failure (by mode) or a step (in --step mode).
 */

export type BuildMode = 'default' | 'step' | 'auto' | 'auto-skip';
export type FailureChoice = 'retry' | 'skip' | 'stop';
export type StepChoice = 'continue' | 'skip-next' | 'stop';

export interface LoopOptions {
  mode: BuildMode;
  jobs: number;
  /** Ids this run may build (`--spec`, `--only`); the others are left as they are. */
  selected: ReadonlySet<string>;
  force: boolean;
  specDepends: Readonly<Record<string, readonly string[]>>;
  /** Default and step mode: asked after a task fails. Without it the build stops. */
  onFailure?: (task: PlanTask, outcome: TaskOutcome) => Promise<FailureChoice>;
  /** Step mode: asked after each task that ran. Without it the build continues. */
  onStep?: (task: PlanTask) => Promise<StepChoice>;
  /** Inputs already assembled for the forecast, reused while still valid. */
  inputs?: Map<string, TaskInput>;
}

export interface LoopResult {
  stopped: boolean;
  interrupted: boolean;
  /** Ids built successfully in this run. */
  built: string[];
}

export async function runBuildLoop(ctx: BuildContext, options: LoopOptions): Promise<LoopResult> {
  const tasks = ctx.project.plan.task;
  const scheduler = new TaskScheduler(tasks, options.specDepends);
  const progress = {
    rebuiltTasks: new Map<string, string>(),
    rebuiltSpecs: new Set<string>(),
    refreshedInterfaces: new Set<string>(),
    changedInterfaces: new Set<string>(),
  } satisfies RunProgress;
  /** Specs whose tasks' prompts may have changed since the forecast (rebuilt, or interface rewritten). */
  const touchedSpecs = new Set<string>();
  const jobs = options.mode === 'step' ? 1 : Math.max(1, options.jobs);
  const built: string[] = [];
  let stop = false;
  let skipNext = false;
  const emit = ctx.emitter.emit.bind(ctx.emitter);
  const status = (id: string, value: TaskStatus) => ctx.project.setStatus(new Map([[id, value]]));

  const inputOf = (task: PlanTask): TaskInput => {
    const cached = options.inputs?.get(task.id);
    const stale = [task.spec, ...task.cross_spec_interfaces].some((spec) => touchedSpecs.has(spec));
    if (cached && !stale) return cached;
    return taskInput(ctx, task);
  };

  const afterInterface = async (task: PlanTask) => {
    const result = await maybeExtractInterface(ctx, task, progress.rebuiltSpecs);
    if (result === undefined) return;
    if (result.refreshed) progress.refreshedInterfaces.add(task.spec);
    if (result.changed) {
      progress.changedInterfaces.add(task.spec);
      touchedSpecs.add(task.spec);
    }
  };

  const failureChoice = async (task: PlanTask, outcome: TaskOutcome): Promise<FailureChoice | 'continue'> => {
    if (options.mode === 'auto-skip') return 'continue';
    if (options.mode === 'auto' || !options.onFailure) return 'stop';
    emit({ type: 'waiting', kind: 'failure', id: task.id, choices: ['retry', 'skip', 'stop'] });
    return options.onFailure(task, outcome);
  };

  const visit = async (task: PlanTask): Promise<void> => {
    if (!options.selected.has(task.id)) {
      emit({ type: 'task-checked', id: task.id, result: 'unselected' });
      return;
    }
    if (task.status === 'manual' || task.status === 'skipped') {
      emit({ type: 'task-checked', id: task.id, result: task.status });
      return;
    }
    if (skipNext) {
      skipNext = false;
      status(task.id, 'skipped');
      emit({ type: 'task-checked', id: task.id, result: 'skipped' });
      return;
    }
    const input = inputOf(task);
    const stored = ctx.project.state.tasks[task.id];
    const outputHashes: Record<string, string> = {};
    if (stored) outputHashes[task.id] = currentOutputHash(ctx, stored.created_files);
    const rule = decideTask(
      task,
      stored,
      { inputHashes: { [task.id]: input.inputHash }, outputHashes },
      progress,
      options.force,
    );
    if (rule.run === 'no') {
      if (rule.upToDate === 'backfill') backfill(ctx, task, input.inputHash);
      emit({
        type: 'task-checked',
        id: task.id,
        result: rule.upToDate === 'backfill' ? 'backfilled' : 'up-to-date',
      });
      await afterInterface(task);
      return;
    }
    const unmet = task.depends_on.filter((id) => {
      const dep = ctx.project.byId.get(id);
      return dep === undefined || (dep.status !== 'done' && dep.status !== 'manual');
    });
    if (unmet.length > 0) {
      const error = `Dependencies not met: ${unmet.join(', ')} ${unmet.length === 1 ? 'is' : 'are'} not done.`;
      status(task.id, 'failed');
      emit({
        type: 'task-finished',
        id: task.id,
        spec: task.spec,
        title: task.title,
        status: 'failed',
        created: [],
        edited: [],
        lines: 0,
        durationMs: 0,
        timings: { modelMs: 0, verifyMs: 0 },
        usage: runUsage(summarize([])),
        error,
      });
      const choice = await failureChoice(task, {
        success: false,
        created: [],
        edited: [],
        verifyOutput: error,
        error,
      });
      if (choice === 'stop') stop = true;
      else if (choice === 'skip') status(task.id, 'skipped');
      return;
    }
    if (task.status === 'done') status(task.id, 'pending');
    for (;;) {
      emit({
        type: 'task-started',
        id: task.id,
        spec: task.spec,
        title: task.title,
        reasons: rule.reasons.map((r) => r.kind),
      });
      const started = performance.now();
      const mark = ctx.usage.mark();
      const outcome = await execute(ctx, task, input);
      const usage = summarize(ctx.usage.calls.slice(mark).filter((call) => call.labels.task === task.id));
      const timings = ctx.timings.take(task.id);
      const finished = (value: TaskStatus) =>
        emit({
          type: 'task-finished',
          id: task.id,
          spec: task.spec,
          title: task.title,
          status: value,
          created: outcome.created,
          edited: outcome.edited,
          lines: linesIn(ctx, outcome.created),
          durationMs: Math.round(performance.now() - started),
          timings,
          usage: runUsage(usage),
          ...(outcome.error ? { error: outcome.error } : {}),
        });
      if (outcome.interrupted) {
        status(task.id, 'pending');
        finished('pending');
        return;
      }
      if (outcome.success) {
        ctx.project.recordState(task.id, {
          input_hash: input.inputHash,
          output_hash: currentOutputHash(ctx, outcome.created),
          created_files: outcome.created,
          edited_files: outcome.edited,
        });
        ctx.project.resealOutputs(task.id, [...outcome.created, ...outcome.edited], (files) =>
          currentOutputHash(ctx, files),
        );
        status(task.id, 'done');
        progress.rebuiltTasks.set(task.id, task.spec);
        progress.rebuiltSpecs.add(task.spec);
        touchedSpecs.add(task.spec);
        built.push(task.id);
        finished('done');
        await afterInterface(task);
        if (options.mode === 'step' && options.onStep && !ctx.signal.aborted) {
          emit({ type: 'waiting', kind: 'step', id: task.id, choices: ['continue', 'skip-next', 'stop'] });
          const choice = await options.onStep(task);
          if (choice === 'skip-next') skipNext = true;
          else if (choice === 'stop') stop = true;
        }
        return;
      }
      status(task.id, 'failed');
      finished('failed');
      if (ctx.signal.aborted) return;
      const choice = await failureChoice(task, outcome);
      if (choice === 'retry') continue;
      if (choice === 'skip') status(task.id, 'skipped');
      if (choice === 'stop') stop = true;
      return;
    }
  };

  const running = new Map<number, Promise<void>>();
  let fatal: unknown;
  for (;;) {
    if (!stop && !ctx.signal.aborted && fatal === undefined) {
      for (const i of scheduler.ready()) {
        if (running.size >= jobs) break;
        scheduler.start(i);
        const task = tasks[i] as PlanTask;
        const job = visit(task)
          .catch((error: unknown) => {
            fatal ??= error;
          })
          .finally(() => {
            scheduler.settle(i);
            running.delete(i);
          });
        running.set(i, job);
      }
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  if (fatal !== undefined) throw fatal;
  return { stopped: stop, interrupted: ctx.signal.aborted, built };
}

async function execute(ctx: BuildContext, task: PlanTask, input: TaskInput): Promise<TaskOutcome> {
  const files = new TaskFiles(ctx.project.paths, task);
  try {
    if (input.kind === 'copy') return runCopyStep(ctx, task, input.prompt, files);
    if (input.kind === 'verify') return await runVerifyStep(ctx, task, input, files);
    return await runLlmTask(ctx, task, input.prompt, files);
  } catch (error) {
    if (ctx.signal.aborted)
      return { success: false, created: [], edited: [], verifyOutput: '', interrupted: true };
    throw error;
  }
}

/**
 * A done task with no state entry (state.toml deleted, or the plan edited by hand): its files come from
 * its last output.toml (or its declared outputs) and both hashes are recorded as they are now (§5.2).
 */
function backfill(ctx: BuildContext, task: PlanTask, inputHash: string): void {
  const file = join(ctx.project.paths.ossature, 'tasks', taskDirName(task.id, task.title), 'output.toml');
  const output = readTaskOutputFile(file)?.output;
  const created = output && output.created_files.length > 0 ? output.created_files : task.outputs;
  ctx.project.recordState(task.id, {
    input_hash: inputHash,
    output_hash: currentOutputHash(ctx, created),
    created_files: created,
    edited_files: output?.edited_files ?? [],
  });
}

/** Lines in the files a task created (the count the task line shows). */
function linesIn(ctx: BuildContext, files: readonly string[]): number {
  let lines = 0;
  for (const file of files) {
    try {
      lines += countLines(readFileSync(join(ctx.project.paths.outputDir, file), 'utf8'));
    } catch {
      // removed since, or binary
    }
  }
  return lines;
}
