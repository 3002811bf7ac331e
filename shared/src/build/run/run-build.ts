import { mkdirSync } from 'node:fs';
import {
  createLlmClient,
  type Env,
  type LlmClient,
  type LlmClientOptions,
  LlmConfigError,
  type UsageSummary,
  UsageTracker,
} from '../../llm';
import type { RunEventListener, RunOutcome } from '../../model/events';
import type { PlanTask } from '../../model/plan';
import { acquireRunLock, type RunLock, RunLockBusyError } from '../../store/run-lock';
import { formatMissingTools, missingTools } from '../preflight';
import { buildPromptContext } from '../prompt';
import { runSetup } from '../setup-run';
import type { BuildForecast } from './build-forecast';
import { type BuildMode, type FailureChoice, runBuildLoop, type StepChoice } from './build-loop';
import { BuildProject } from './build-project';
import { type BuildContext, type TaskOutcome, TaskTimings } from './context';
import { BuildError, firstLine } from './errors';
import { isFatalModelError } from './fix-loop';
import { forecastBuild, forecastRun, specDependsOf, wrapSelection } from './forecast';
import { retryReset } from './retry-reset';
import { RunEmitter, runUsage } from './run-events';

/**
 * `ossature build` and `ossature retry`, the whole run (reference §5.1, §5.2, §5.10): checks, lock,
 * forecast, pre-flight, setup, the build loop, and the outcome with its exit status — 0 only when every
 * selected task is done (or left to the user: manual, skipped), 1 when any failed or is left pending,
 * 130 when interrupted. The run prints nothing; it emits run events.
 */

export interface BuildRunOptions {
  configFile: string;
  command?: 'build' | 'retry';
  step?: boolean;
  auto?: boolean;
  skipFailures?: boolean;
  /** `--spec ID`: the spec and what it depends on. */
  spec?: string;
  /** `--only ID`: exactly one task. */
  only?: string;
  force?: boolean;
  dryRun?: boolean;
  /** `--jobs N`; default `[build] jobs`. */
  jobs?: number;
  /** `retry`: which statuses go back to pending first (no flag: every failed task). */
  retry?: { from?: string; only?: string };
  env?: Env;
  signal?: AbortSignal;
  onEvent?: RunEventListener;
  onFailure?: (task: PlanTask, outcome: TaskOutcome) => Promise<FailureChoice>;
  onStep?: (task: PlanTask) => Promise<StepChoice>;
  /** Extra model-client options (tests scale retry delays down). */
  client?: Partial<LlmClientOptions>;
  verifyTimeoutMs?: number;
  commandTimeoutMs?: number;
}

export interface BuildCounts {
  total: number;
  done: number;
  failed: number;
  skipped: number;
  pending: number;
  manual: number;
}

export interface BuildRunResult {
  outcome: RunOutcome | 'dry-run' | 'nothing-to-retry';
  exitCode: number;
  /** Over the selected tasks. */
  counts: BuildCounts;
  built: string[];
  usage: UsageSummary;
  forecast?: BuildForecast;
  /** Warnings found on the way (unreadable state, unresolved refs). */
  warnings: string[];
  /** The retry reset message. */
  reset?: string;
}

function modeOf(options: BuildRunOptions): BuildMode {
  if (options.step && options.auto)
    throw new BuildError('--step and --auto cannot be combined; choose one.', 'config');
  if (options.skipFailures && !options.auto) {
    throw new BuildError('--skip-failures needs --auto (it only applies to unattended builds).', 'config');
  }
  if (options.step) return 'step';
  if (options.auto) return options.skipFailures ? 'auto-skip' : 'auto';
  return 'default';
}

export async function runBuild(options: BuildRunOptions): Promise<BuildRunResult> {
  const mode = modeOf(options);
  if (options.dryRun) return dryRun(options);
  const started = performance.now();
  const project = BuildProject.load(options.configFile);
  const env = options.env ?? process.env;
  const emitter = new RunEmitter();
  if (options.onEvent) emitter.listen(options.onEvent);
  const usage = new UsageTracker();
  const controller = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
  let client: LlmClient | undefined;
  const timings = new TaskTimings();
  const ctx: BuildContext = {
    project,
    prompts: buildPromptContext(project.workspace, project.plan),
    client: () => {
      client ??= createLlmClient({
        config: project.config,
        env,
        usage,
        signal,
        roles: ['build', 'fixer', 'reviewer', 'interface'],
        onEvent: (event) => {
          if (event.type === 'response' && event.labels.task)
            timings.addModel(event.labels.task, event.durationMs);
          if (event.type !== 'retry' && event.type !== 'output-retry') return;
          const id = event.labels.task;
          const message =
            event.type === 'retry'
              ? `${event.labels.operation ?? 'model call'}: ${event.reason}${event.status !== undefined ? ` (${event.status})` : ''}; retrying in ${(event.delayMs / 1000).toFixed(1)} s (attempt ${event.attempt + 1} of ${event.maxAttempts})`
              : `${event.labels.operation ?? 'model call'}: the ${event.output} was not usable; asking again (${event.retry} of ${event.maxRetries})`;
          emitter.emit({ type: 'log', level: 'warn', message, ...(id ? { id } : {}) });
        },
        ...options.client,
      });
      return client;
    },
    usage,
    emitter,
    signal,
    verifyTimeoutMs: options.verifyTimeoutMs ?? 120_000,
    commandTimeoutMs: options.commandTimeoutMs ?? 120_000,
    timings,
  };
  usage.onRecord((call) =>
    emitter.emit({
      type: 'usage',
      usage: runUsage(usage.total()),
      ...(call.labels.task ? { id: call.labels.task } : {}),
    }),
  );
  const warnings = [...project.warnings];
  const specDepends = specDependsOf(project);

  let selectedIds: ReadonlySet<string> = new Set(project.plan.task.map((t) => t.id));
  const lock = takeLock(project.paths.ossature, options.command ?? 'build');
  try {
    let reset: string | undefined;
    if (options.command === 'retry') {
      const result = wrapSelection(() => retryReset(project.plan.task, options.retry ?? {}));
      reset = result.message;
      if (
        result.statuses.size === 0 &&
        options.retry?.from === undefined &&
        options.retry?.only === undefined
      ) {
        return finish('nothing-to-retry', 0);
      }
      project.setStatus(result.statuses);
    }
    const { inputs, forecast } = forecastRun(ctx, options, specDepends);
    const selected = new Set(forecast.selection.ids);
    selectedIds = selected;

    const willRun = project.plan.task.filter(
      (t) => forecast.runs.includes(t.id) || forecast.maybe.includes(t.id),
    );
    if (willRun.length > 0) {
      try {
        ctx.client();
      } catch (error) {
        if (error instanceof LlmConfigError) throw new BuildError(firstLine(error), 'config');
        throw error;
      }
      const missing = missingTools(
        [
          { label: '[build] setup', commands: project.config.build.setup },
          { label: '[build] verify', commands: project.config.build.verify },
          ...willRun.map((task) => ({ label: `task ${task.id}`, commands: task.verify })),
        ],
        env,
      );
      if (missing.length > 0) throw new BuildError(formatMissingTools(missing), 'failure');
      mkdirSync(project.paths.outputDir, { recursive: true });
      const fresh =
        Object.keys(project.state.tasks).length === 0 && !project.plan.task.some((t) => t.status === 'done');
      if (fresh && project.config.build.setup.length > 0) {
        const setup = await runSetup(project.config.build.setup, { cwd: project.paths.outputDir, signal });
        emitter.emit({
          type: 'setup',
          command: setup.failedCommand ?? project.config.build.setup.join(' && '),
          passed: setup.passed,
          output: setup.output,
        });
        if (signal.aborted) return finish('interrupted', 130);
        if (!setup.passed) {
          throw new BuildError(
            `Setup command failed: ${setup.failedCommand ?? '?'}. Fix [build] setup in ossature.toml (or the environment) and run the build again.`,
            'failure',
            setup.output.split('\n'),
          );
        }
      }
    }

    emitter.emit({
      type: 'run-started',
      command: options.command ?? 'build',
      project: project.name,
      total: project.plan.task.length,
      done: project.plan.task.filter((t) => t.status === 'done').length,
      planned: forecast.runs,
      maybe: forecast.maybe,
      jobs: options.jobs ?? project.config.build.jobs,
      mode,
    });
    let loop: Awaited<ReturnType<typeof runBuildLoop>>;
    try {
      loop = await runBuildLoop(ctx, {
        mode,
        jobs: options.jobs ?? project.config.build.jobs,
        selected,
        force: options.force === true,
        specDepends,
        inputs,
        ...(options.onFailure ? { onFailure: options.onFailure } : {}),
        ...(options.onStep ? { onStep: options.onStep } : {}),
      });
    } catch (error) {
      if (isFatalModelError(error)) {
        throw new BuildError(
          `${firstLine(error)} The build stopped; fix the model settings and run \`ossature build\` to resume.`,
          'failure',
        );
      }
      throw error;
    }
    const counts = countsOf(project.plan.task, selected);
    if (loop.interrupted) return finish('interrupted', 130, loop.built);
    const ok = counts.failed === 0 && counts.pending === 0;
    const outcome: RunOutcome = loop.stopped
      ? 'stopped'
      : counts.failed > 0
        ? 'failed'
        : loop.built.length === 0 && forecast.runs.length === 0
          ? 'up-to-date'
          : 'completed';
    return { ...finish(outcome, ok ? 0 : 1, loop.built), ...(reset ? { reset } : {}) };
  } finally {
    lock.release();
  }

  function finish(
    outcome: BuildRunResult['outcome'],
    exitCode: number,
    built: string[] = [],
  ): BuildRunResult {
    const counts = countsOf(project.plan.task, selectedIds);
    const total = usage.total();
    if (outcome !== 'dry-run' && outcome !== 'nothing-to-retry') {
      emitter.emit({
        type: 'run-finished',
        outcome,
        total: counts.total,
        done: counts.done,
        failed: counts.failed,
        skipped: counts.skipped,
        pending: counts.pending,
        built: built.length,
        usage: runUsage(total),
        durationMs: Math.round(performance.now() - started),
        exitCode,
      });
    }
    return { outcome, exitCode, counts, built, usage: total, warnings };
  }
}

/** `--dry-run`: the forecast only — no lock, no event, no write, no model call. */
function dryRun(options: BuildRunOptions): BuildRunResult {
  const report = forecastBuild({
    configFile: options.configFile,
    ...(options.spec !== undefined ? { spec: options.spec } : {}),
    ...(options.only !== undefined ? { only: options.only } : {}),
    ...(options.force ? { force: true } : {}),
    ...(options.command === 'retry' ? { retry: options.retry ?? {} } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  return {
    outcome: report.forecast ? 'dry-run' : 'nothing-to-retry',
    exitCode: 0,
    counts: countsOf(report.project.plan.task, new Set(report.selected)),
    built: [],
    usage: new UsageTracker().total(),
    warnings: report.warnings,
    ...(report.forecast ? { forecast: report.forecast } : {}),
    ...(report.reset !== undefined ? { reset: report.reset } : {}),
  };
}

function countsOf(tasks: readonly PlanTask[], selected: ReadonlySet<string>): BuildCounts {
  const counts: BuildCounts = { total: 0, done: 0, failed: 0, skipped: 0, pending: 0, manual: 0 };
  for (const task of tasks) {
    if (!selected.has(task.id)) continue;
    counts.total += 1;
    counts[task.status] += 1;
  }
  return counts;
}

function takeLock(ossatureDir: string, command: string): RunLock {
  try {
    return acquireRunLock(ossatureDir, command);
  } catch (error) {
    if (error instanceof RunLockBusyError) throw new BuildError(error.message, 'failure');
    throw error;
  }
}
