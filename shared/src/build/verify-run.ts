import { runShell } from './tools/command-run';

/**
 * Runs a task's verify commands (reference §5.4 step 4): each in its own shell with the output dir as cwd,
 * in order, stopping at the first that does not exit 0. The output of one command is its stdout then its
 * stderr (empty streams dropped, trimmed); with more than one command each block starts with a
 * `$ <command>` header, so a failure names the step that failed. A command that runs past the time limit
 * is killed with its whole process group and fails the run with a message saying so.
 *
 * Departure: the original reports a timeout as the bare "Verify command timed out after 120 seconds"; here
 * the output printed until then is kept and the message names the command.
 */

export const VERIFY_TIMEOUT_MS = 120_000;

export interface CommandRunOptions {
  cwd: string;
  /** Per command; verify defaults to 120 s, setup to 300 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Live output (stdout and stderr as they arrive, with the `$ <command>` headers); for display only. */
  onOutput?: (chunk: string) => void;
}

export interface VerifyResult {
  passed: boolean;
  /** What the fixer and the user see: the commands' output, with headers when there are several. */
  output: string;
  /** The command that failed, timed out or was cancelled. */
  failedCommand?: string;
  timedOut: boolean;
  aborted: boolean;
}

/** One command that ran. */
export interface CommandStep {
  command: string;
  /** stdout then stderr, empty ones dropped, trimmed. */
  output: string;
  /** null when the command was killed (time limit, cancel, signal). */
  exitCode: number | null;
  timedOut: boolean;
  aborted: boolean;
}

export const stepFailed = (step: CommandStep): boolean => step.exitCode !== 0;

/**
 * Runs `commands` one after the other and returns what ran: every step up to and including the first that
 * failed. `headers` sends a `$ <command>` line to `onOutput` before each command.
 */
export async function runCommands(
  commands: readonly string[],
  options: CommandRunOptions & { timeoutMs: number; headers: boolean },
): Promise<CommandStep[]> {
  const steps: CommandStep[] = [];
  for (const command of commands) {
    if (options.headers) options.onOutput?.(`$ ${command}\n`);
    const result = await runShell(command, {
      cwd: options.cwd,
      timeoutMs: options.timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onOutput ? { onOutput: options.onOutput } : {}),
    });
    const step: CommandStep = {
      command,
      output: [result.stdout, result.stderr]
        .filter((part) => part !== '')
        .join('\n')
        .trim(),
      exitCode: result.timedOut || result.aborted ? null : result.exitCode,
      timedOut: result.timedOut,
      aborted: result.aborted,
    };
    steps.push(step);
    if (stepFailed(step)) break;
  }
  return steps;
}

/** Why a step that did not exit with a code stopped, as a sentence naming the command; else undefined. */
export function killedMessage(what: string, step: CommandStep, timeoutMs: number): string | undefined {
  if (step.timedOut) {
    return `${what} command "${step.command}" ran longer than ${Number((timeoutMs / 1000).toFixed(1))} s and was killed.`;
  }
  if (step.aborted) return `${what} command "${step.command}" was cancelled.`;
  if (step.exitCode === null) return `${what} command "${step.command}" was killed before it finished.`;
  return undefined;
}

export async function runVerify(
  commands: readonly string[],
  options: CommandRunOptions,
): Promise<VerifyResult> {
  const timeoutMs = options.timeoutMs ?? VERIFY_TIMEOUT_MS;
  const headers = commands.length > 1;
  const steps = await runCommands(commands, { ...options, timeoutMs, headers });
  const blocks = steps.map((step) => {
    const header = `$ ${step.command}`;
    if (!headers) return step.output;
    return step.output === '' ? header : `${header}\n${step.output}`;
  });
  const last = steps.at(-1);
  const failed = last !== undefined && stepFailed(last) ? last : undefined;
  const killed = failed ? killedMessage('Verify', failed, timeoutMs) : undefined;
  if (killed) {
    options.onOutput?.(`\n${killed}\n`);
    blocks.push(killed);
  }
  return {
    passed: failed === undefined,
    output: blocks
      .filter((block) => block !== '')
      .join('\n')
      .trim(),
    ...(failed ? { failedCommand: failed.command } : {}),
    timedOut: failed?.timedOut ?? false,
    aborted: failed?.aborted ?? false,
  };
}
