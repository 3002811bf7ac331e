import {
  AnthropicError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '@anthropic-ai/sdk';
import type { FailureReason } from './errors';

/**
 * Retrying failed requests. The SDK's own retries are switched off (`maxRetries: 0`): this loop also
 * covers a stream that drops after the response started, which the SDK does not retry, and it reports
 * every retry as an event (attempt, delay, reason) so progress UIs and tests can see it.
 */
export interface RetryPolicy {
  /** Retries after the first attempt (so `maxRetries + 1` requests at most). */
  maxRetries: number;
  /** Backoff before retry n (1-based) is `baseDelayMs × 2^(n-1)`, capped at `maxDelayMs`, then jittered. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `retry-after` longer than this is not waited for: the request fails with the server's wait time. */
  maxRetryAfterMs: number;
  /** 0..1: the share of the backoff that is randomised ("equal jitter" at 0.5). */
  jitter: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxRetries: 4,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 300_000,
  jitter: 0.5,
});

export interface Failure {
  retryable: boolean;
  reason?: FailureReason;
  status?: number;
  /** From `retry-after-ms` / `retry-after`, when the server sent one. */
  retryAfterMs?: number;
  /** The server's or the transport's own words. */
  detail: string;
  /** Not a model or transport fault at all (a bug): rethrown as it is. */
  unexpected?: boolean;
}

/** What went wrong with one attempt; `timedOut`/`sawStop` come from the stream watcher. */
export function classifyFailure(error: unknown, state: { timedOut: boolean; aborted: boolean }): Failure {
  if (state.aborted) return { retryable: false, detail: 'cancelled' };
  if (state.timedOut || error instanceof APIConnectionTimeoutError) {
    return { retryable: true, reason: 'timeout', detail: 'no response within the request timeout' };
  }
  if (error instanceof APIUserAbortError) return { retryable: false, detail: 'cancelled' };
  // Connection errors are APIErrors without a status: test them first.
  if (error instanceof APIConnectionError) {
    return { retryable: true, reason: 'connection', detail: causeText(error) };
  }
  if (error instanceof APIError) return classifyApiError(error);
  if (error instanceof Error && isDroppedConnection(error)) {
    return { retryable: true, reason: 'connection', detail: `connection dropped (${causeText(error)})` };
  }
  if (
    error instanceof Error &&
    /stream ended without producing|request ended without sending/i.test(error.message)
  ) {
    return { retryable: true, reason: 'incomplete-stream', detail: error.message };
  }
  if (error instanceof AnthropicError) return { retryable: false, detail: error.message };
  return {
    retryable: false,
    detail: error instanceof Error ? error.message : String(error),
    unexpected: true,
  };
}

function classifyApiError(error: APIError): Failure {
  const status = typeof error.status === 'number' ? error.status : undefined;
  const type = error.type ?? undefined;
  const detail = error.apiMessage ?? error.message;
  const retryAfterMs = retryAfterFrom(error.headers);
  const base = { status, detail, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  const shouldRetry = error.headers?.get?.('x-should-retry');
  const reason = reasonFor(status, type);
  if (shouldRetry === 'false') return { ...base, retryable: false };
  if (reason) return { ...base, retryable: true, reason };
  if (shouldRetry === 'true') return { ...base, retryable: true, reason: 'server-error' };
  return { ...base, retryable: false };
}

function reasonFor(status: number | undefined, type: string | undefined): FailureReason | undefined {
  if (status === 429 || type === 'rate_limit_error') return 'rate-limited';
  if (status === 529 || type === 'overloaded_error') return 'overloaded';
  if (status === 408 || type === 'timeout_error') return 'timeout';
  if (status === 409 || (status !== undefined && status >= 500) || type === 'api_error')
    return 'server-error';
  return undefined;
}

const DROPPED =
  /terminated|other side closed|socket hang up|ECONNRESET|EPIPE|UND_ERR_SOCKET|premature close/i;

function isDroppedConnection(error: Error): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    const code = (current as { code?: unknown }).code;
    if (DROPPED.test(current.message) || (typeof code === 'string' && DROPPED.test(code))) return true;
  }
  return false;
}

function causeText(error: Error): string {
  const parts: string[] = [];
  for (let current: unknown = error; current instanceof Error && parts.length < 3; current = current.cause) {
    if (current.message && !parts.includes(current.message)) parts.push(current.message);
  }
  return parts.join(': ') || error.name;
}

/**
 * The wait the server asked for: `retry-after-ms` (milliseconds), else `retry-after` as seconds (fractions
 * allowed) or as an HTTP date. Undefined when absent or unreadable.
 */
export function retryAfterFrom(
  headers: { get(name: string): string | null } | undefined,
  now: number = Date.now(),
): number | undefined {
  const ms = headers?.get('retry-after-ms');
  if (ms) {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const after = headers?.get('retry-after')?.trim();
  if (!after) return undefined;
  if (/^\d+(\.\d+)?$/.test(after)) return Number(after) * 1000;
  const date = Date.parse(after);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Delay before retry `retry` (1-based): the server's `retry-after` when given, else jittered backoff. */
export function backoffDelay(
  policy: RetryPolicy,
  retry: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.ceil(retryAfterMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  return Math.round(ceiling * (1 - jitter) + ceiling * jitter * random());
}

/** `setTimeout` as a promise that an abort signal cuts short (rejecting with the signal's reason). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
