/**
 * Errors a build stops with before or between tasks (a task's own failure is a `failed` status, not an
 * error). Each message says what is wrong and what to do. `kind` picks the exit status: `config` (a usage
 * or configuration problem, exit 2) or `failure` (exit 1).
 */
export class BuildError extends Error {
  override name = 'BuildError';
  constructor(
    message: string,
    readonly kind: 'config' | 'failure',
    /** Extra lines shown under the message (diagnostics, missing tools, setup output). */
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

/** True when `error` is (or wraps) a cancellation of the run. */
export function isAbort(error: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'APIUserAbortError');
}

/** The first line of an error's message. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n', 1)[0] ?? '').trim();
}
