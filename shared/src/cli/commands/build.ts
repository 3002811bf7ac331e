import type { FailureChoice, StepChoice } from '../../build/run/build-loop';
import { BuildError } from '../../build/run/errors';
import { type BuildRunOptions, type BuildRunResult, runBuild } from '../../build/run/run-build';
import { EventsFile } from '../../build/run/run-events';
import { type CliContext, CliError, configFileFor, EXIT, STOP_SIGNALS } from '../context';
import { createLineInput, type LineInput } from '../line-input';
import { BuildReporter, renderForecast } from './build-output';

/**
 * `ossature build` and `ossature retry` (reference §5.1, §5.10, §6). Ctrl-C (or SIGTERM, or SIGHUP when its terminal closes) stops cleanly:
 * the running tasks' model calls and verify processes are cancelled, those tasks stay pending, and the
 * exit status is 130; a second Ctrl-C quits at once.
 */

export interface BuildCommandOptions {
  step?: boolean;
  auto?: boolean;
  skipFailures?: boolean;
  spec?: string;
  only?: string;
  force?: boolean;
  dryRun?: boolean;
  jobs?: string;
  events?: string;
  from?: string;
}

function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1) {
    throw new CliError(`--jobs expects a whole number of at least 1, got '${value}'.`, EXIT.usage);
  }
  return jobs;
}

function failureQuestion(input: LineInput): (task: { id: string }) => Promise<FailureChoice> {
  return async (task) => {
    const line = await input.question(`Task ${task.id} failed. [R]etry task  [s]kip  [q]uit: `);
    if (line === undefined) return 'stop';
    const answer = line.trim().toLowerCase();
    if (answer === '' || answer === 'r' || answer === 'retry') return 'retry';
    if (answer === 's' || answer === 'skip') return 'skip';
    return 'stop';
  };
}

function stepQuestion(input: LineInput): () => Promise<StepChoice> {
  return async () => {
    const line = await input.question(`ENTER to continue, 's' to skip the next task, 'q' to stop: `);
    if (line === undefined) return 'stop';
    const answer = line.trim().toLowerCase();
    if (answer === 's' || answer === 'skip') return 'skip-next';
    if (answer === 'q' || answer === 'quit' || answer === 'stop') return 'stop';
    return 'continue';
  };
}

export async function runBuildCommand(
  ctx: CliContext,
  command: 'build' | 'retry',
  options: BuildCommandOptions,
): Promise<number> {
  const t = ctx.terminal;
  const configFile = configFileFor(ctx);
  const controller = new AbortController();
  let interrupts = 0;
  const interrupt = () => {
    interrupts++;
    if (interrupts > 1) process.exit(EXIT.interrupted);
    reporter.clear();
    t.err(t.yellow('Stopping… running tasks are cancelled and stay pending (Ctrl-C again to quit at once)'));
    controller.abort();
  };
  const reporter = new BuildReporter(t, Boolean(process.stdout.isTTY) && !options.dryRun, ctx.verbose);
  // Questions only when someone can answer them; otherwise a failure stops the build (like --auto).
  const interactive = Boolean(process.stdin.isTTY) || options.step === true;
  const input = interactive ? createLineInput(interrupt) : undefined;
  const events = options.events !== undefined ? openEvents(options.events) : undefined;
  for (const signal of STOP_SIGNALS) process.on(signal, interrupt);
  const run: BuildRunOptions = {
    configFile,
    command,
    ...(options.step ? { step: true } : {}),
    ...(options.auto ? { auto: true } : {}),
    ...(options.skipFailures ? { skipFailures: true } : {}),
    ...(options.spec !== undefined ? { spec: options.spec } : {}),
    ...(options.only !== undefined && command === 'build' ? { only: options.only } : {}),
    ...(options.force ? { force: true } : {}),
    ...(options.dryRun ? { dryRun: true } : {}),
    ...(parseJobs(options.jobs) !== undefined ? { jobs: parseJobs(options.jobs) as number } : {}),
    ...(command === 'retry'
      ? {
          retry: {
            ...(options.from !== undefined ? { from: options.from } : {}),
            ...(options.only !== undefined ? { only: options.only } : {}),
          },
        }
      : {}),
    signal: controller.signal,
    onEvent: (event) => {
      events?.write(event);
      reporter.handle(event);
    },
    ...(input ? { onFailure: failureQuestion(input) } : {}),
    ...(input && options.step ? { onStep: stepQuestion(input) } : {}),
  };
  try {
    const result = await runBuild(run);
    return report(ctx, result);
  } catch (error) {
    reporter.stop();
    if (error instanceof BuildError) {
      for (const line of error.details) t.err(line);
      throw new CliError(error.message, error.kind === 'config' ? EXIT.usage : EXIT.errors);
    }
    throw error;
  } finally {
    reporter.stop();
    events?.close();
    for (const signal of STOP_SIGNALS) process.off(signal, interrupt);
    input?.close();
  }
}

function openEvents(target: string): EventsFile {
  try {
    return new EventsFile(target);
  } catch (error) {
    throw new CliError(`--events: cannot open ${target}: ${(error as Error).message}`, EXIT.usage);
  }
}

function report(ctx: CliContext, result: BuildRunResult): number {
  const t = ctx.terminal;
  for (const warning of result.warnings) t.err(t.yellow(`Warning: ${warning}`));
  if (result.reset) t.out(result.reset);
  if (result.outcome === 'dry-run' && result.forecast) {
    for (const line of renderForecast(t, result.forecast)) t.out(line);
    return EXIT.ok;
  }
  if (result.outcome === 'interrupted') {
    t.err(
      `${t.yellow('Interrupted.')} Finished tasks are saved; the ones that were running are pending. Run \`ossature build\` to resume.`,
    );
    return EXIT.interrupted;
  }
  if (result.exitCode !== 0) {
    const failed = result.counts.failed;
    t.err(
      failed > 0
        ? `${t.red('Error:')} ${failed} task${failed === 1 ? '' : 's'} failed. See .ossature/tasks/<id>-*/ for prompts, responses and verify output; fix the plan or the code, then run \`ossature retry\` (or \`ossature retry --only <id>\`).`
        : `${t.red('Error:')} ${result.counts.pending} selected task${result.counts.pending === 1 ? ' was' : 's were'} not built. Run \`ossature build\` to continue.`,
    );
  }
  return result.exitCode;
}
