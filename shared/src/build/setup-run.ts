import { type CommandRunOptions, killedMessage, runCommands, stepFailed } from './verify-run';

/**
 * The `[build].setup` commands (reference §5.2): run once before a fresh build (the caller decides when),
 * each in its own shell with the output dir as cwd and a 300 s limit, in order, stopping at the first that
 * does not exit 0 or runs too long. The result names the failing command and carries its output, which
 * the build shows before it stops.
 */

export const SETUP_TIMEOUT_MS = 300_000;

export interface SetupResult {
  passed: boolean;
  /** The commands that ran to success, in order. */
  completed: string[];
  /** The command that failed, timed out or was cancelled. */
  failedCommand?: string;
  /** The failing command's exit code; null when it was killed. */
  exitCode?: number | null;
  /** The failing command's output (stdout then stderr), then why it was killed if it was; else empty. */
  output: string;
  timedOut: boolean;
  aborted: boolean;
}

/** Runs the setup commands; `onOutput` gets a `$ <command>` line before each, then its output. */
export async function runSetup(
  commands: readonly string[],
  options: CommandRunOptions,
): Promise<SetupResult> {
  const timeoutMs = options.timeoutMs ?? SETUP_TIMEOUT_MS;
  const steps = await runCommands(commands, { ...options, timeoutMs, headers: true });
  const last = steps.at(-1);
  const failed = last !== undefined && stepFailed(last) ? last : undefined;
  const completed = steps.filter((step) => !stepFailed(step)).map((step) => step.command);
  if (!failed) return { passed: true, completed, output: '', timedOut: false, aborted: false };
  const killed = killedMessage('Setup', failed, timeoutMs);
  if (killed) options.onOutput?.(`\n${killed}\n`);
  return {
    passed: false,
    completed,
    failedCommand: failed.command,
    exitCode: failed.exitCode,
    output: [failed.output, killed ?? '']
      .filter((part) => part !== '')
      .join('\n')
      .trim(),
    timedOut: failed.timedOut,
    aborted: failed.aborted,
  };
}
