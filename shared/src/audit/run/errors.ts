import {
  LlmConfigError,
  LlmError,
  LlmRequestError,
  RequestLimitError,
  StructuredOutputError,
  ToolRetriesExhaustedError,
} from '../../llm';

/**
 * Errors an audit run stops with. Each carries one line for the user: what is wrong and what to do.
 * `kind` picks the exit status: `config` (a usage or configuration problem, exit 2) or `failure` (exit 1).
 */
export class AuditError extends Error {
  override name = 'AuditError';
  constructor(
    message: string,
    readonly kind: 'config' | 'failure',
  ) {
    super(message);
  }
}

/** The run was cancelled (Ctrl-C); everything written so far is complete. */
export class AuditInterrupted extends Error {
  override name = 'AuditInterrupted';
  constructor() {
    super('Interrupted.');
  }
}

/** True when `error` is (or wraps) a cancellation. */
export function isInterruption(error: unknown, signal?: AbortSignal): boolean {
  if (error instanceof AuditInterrupted) return true;
  if (signal?.aborted) return true;
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'APIUserAbortError');
}

/** The first line of a message (model-layer messages may carry a multi-line validation report). */
function firstLine(text: string): string {
  return text.split('\n', 1)[0]!.trim();
}

/**
 * One line for a model-layer failure during `step` (e.g. `spec audit of AUTH`), saying what to do. Request
 * failures already say it (see llm/describe.ts); the others get a hint here.
 */
export function describeStepFailure(step: string, error: unknown): string {
  if (error instanceof LlmRequestError) return `${step} failed: ${firstLine(error.message)}`;
  if (error instanceof StructuredOutputError) {
    return `${step} failed: ${firstLine(error.message)} Run audit again, or set a stronger model for this role in [llm].`;
  }
  if (error instanceof ToolRetriesExhaustedError || error instanceof RequestLimitError) {
    return `${step} failed: ${firstLine(error.message)} The spec files were restored; run audit again or use --no-fix.`;
  }
  if (error instanceof LlmError) return `${step} failed: ${firstLine(error.message)}`;
  return `${step} failed: ${error instanceof Error ? firstLine(error.message) : String(error)}`;
}

/**
 * Runs one step; a model-layer failure becomes an {@link AuditError} naming the step. Configuration errors
 * and cancellations pass through unchanged.
 */
export async function inStep<T>(
  step: string,
  signal: AbortSignal | undefined,
  run: () => Promise<T>,
): Promise<T> {
  signal?.throwIfAborted();
  try {
    return await run();
  } catch (error) {
    if (isInterruption(error, signal)) throw new AuditInterrupted();
    if (error instanceof LlmConfigError) throw new AuditError(firstLine(error.message), 'config');
    if (error instanceof LlmError) throw new AuditError(describeStepFailure(step, error), 'failure');
    throw error;
  }
}
