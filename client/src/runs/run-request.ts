// What a run of the `ossature` CLI is asked to do and what it gives back (contract 1 of issue 6), and the rules
// that follow from the command alone. No 'vscode' import: the in-host tests and the commands share these.
import type { RunEvent } from '../../../shared/src/model/events';

export type CliCommand = 'validate' | 'audit' | 'build' | 'retry' | 'status' | 'clean';

export const CLI_COMMANDS: readonly CliCommand[] = ['validate', 'audit', 'build', 'retry', 'status', 'clean'];

export interface CliRunRequest {
  /** Absolute path of the project's ossature.toml (passed as `-c`). */
  configFile: string;
  command: CliCommand;
  /** Options after the command, e.g. `['--only', '004']`. */
  args: string[];
  /** What the progress notification, the status bar and the terminal call the run, e.g. "Build markman". */
  title: string;
  /** Whether the run calls the model (then it needs a key, workspace trust and the cost confirmation). */
  callsModel: boolean;
}

export interface RunResult {
  /** The CLI's exit status; undefined when it did not start or its process was killed. */
  exitCode: number | undefined;
  /** The user cancelled the run (or declined to start it) and it did not complete. */
  cancelled: boolean;
  /** Every run event the CLI wrote (build and retry only), in order. */
  events: RunEvent[];
  /** Beyond the contract: why the run was not started (untrusted workspace, no key, declined, busy). */
  refused?: string;
}

/** build and retry write run events (`--events`); the other commands have none. */
export function emitsEvents(command: CliCommand): boolean {
  return command === 'build' || command === 'retry';
}

/** audit, build and retry call a model; build and retry also run the project's setup and verify commands. */
export function runsProjectCode(command: CliCommand): boolean {
  return command === 'audit' || command === 'build' || command === 'retry';
}

/** The verb of a command for titles and buttons: "Build", "Retry"… */
export function commandVerb(command: CliCommand): string {
  return command.charAt(0).toUpperCase() + command.slice(1);
}

/** The value after `name` in `args` (`--only 004` → "004"), or undefined. */
export function optionValue(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
}
