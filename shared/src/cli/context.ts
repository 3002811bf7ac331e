import { findConfigFile } from '../project/discovery';
import type { Terminal } from './terminal';

/** What every command gets: global options, the terminal, and the working directory. */
export interface CliContext {
  cwd: string;
  configOption?: string;
  verbose: boolean;
  terminal: Terminal;
}

/** Exit statuses: 0 clean or warnings only, 1 errors, 2 usage or configuration error, 130 interrupted. */
export const EXIT = { ok: 0, errors: 1, usage: 2, interrupted: 130 } as const;

/** Signals that stop a model run cleanly: Ctrl-C, a kill, and its terminal closing (VS Code ends tasks with SIGHUP). */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Thrown by commands to stop with a message and an exit status. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export function configFileFor(ctx: CliContext): string {
  return findConfigFile(ctx.cwd, ctx.configOption);
}
