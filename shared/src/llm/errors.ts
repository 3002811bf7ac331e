/**
 * Errors of the model layer. Every one a user can cause (configuration, key, an unreachable or refusing
 * model) carries a message that says what is wrong and what to do; none ever contains the API key.
 */

/** Base class: anything thrown on purpose by `llm/`. */
export class LlmError extends Error {
  override name = 'LlmError';
}

/**
 * The `[llm]` configuration cannot be used: an unsupported provider, a malformed model string, a missing
 * API key. Raised before any request is made.
 */
export class LlmConfigError extends LlmError {
  override name = 'LlmConfigError';
}

/** Why a request failed, as far as retrying is concerned. */
export type FailureReason =
  | 'rate-limited'
  | 'overloaded'
  | 'server-error'
  | 'connection'
  | 'timeout'
  | 'incomplete-stream';

/**
 * A request to the model failed and was not (or no longer) retried: a non-retryable HTTP status, or a
 * retryable fault that outlasted the retry budget.
 */
export class LlmRequestError extends LlmError {
  override name = 'LlmRequestError';
  constructor(
    message: string,
    /** HTTP status, when the server answered. */
    readonly status: number | undefined,
    /** Set when the fault was retryable (the budget ran out). */
    readonly reason: FailureReason | undefined,
    /** Requests made, counting the first. */
    readonly attempts: number,
  ) {
    super(message);
  }
}

/** The model never produced a valid structured output within `[llm] retries`. */
export class StructuredOutputError extends LlmError {
  override name = 'StructuredOutputError';
  constructor(
    message: string,
    /** Output type (the forced tool's name). */
    readonly outputName: string,
    /** The last validation problem fed back to the model. */
    readonly lastProblem: string,
  ) {
    super(message);
  }
}

/**
 * Thrown by a tool's `run` to have its message sent back to the model as a retryable error (the model
 * sees it in a `tool_result` with `is_error`); counts against `[llm] tool_retries`.
 */
export class ToolRetry extends Error {
  override name = 'ToolRetry';
}

/** A tool kept failing (invalid input or {@link ToolRetry}) more than `[llm] tool_retries` times in a row. */
export class ToolRetriesExhaustedError extends LlmError {
  override name = 'ToolRetriesExhaustedError';
  constructor(
    message: string,
    readonly toolName: string,
    readonly lastProblem: string,
  ) {
    super(message);
  }
}

/** An agent run reached its request limit without the model finishing. */
export class RequestLimitError extends LlmError {
  override name = 'RequestLimitError';
  constructor(
    message: string,
    readonly limit: number,
  ) {
    super(message);
  }
}
