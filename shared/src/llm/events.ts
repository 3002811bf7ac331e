import type { LlmRole } from '../model/config';
import type { FailureReason } from './errors';
import type { CallUsage, UsageLabels } from './usage';

/**
 * What the model layer reports while it works. Progress UIs, the run-event stream and tests subscribe
 * through `onEvent`; nothing here is printed by the layer itself, and no event ever holds the API key.
 */
interface CallFields {
  role: LlmRole;
  /** `provider:model`. */
  model: string;
  labels: UsageLabels;
}

export type LlmEvent =
  /** A request is about to be sent (`attempt` counts from 1 for each request, retries included). */
  | (CallFields & { type: 'request'; attempt: number })
  /**
   * Streamed output: `delta` just arrived; `chars` is this response's total so far and `estimatedTokens`
   * its token estimate (the exact count comes with `response`). One per delta: throttle before display.
   */
  | (CallFields & {
      type: 'stream';
      kind: 'text' | 'tool-input';
      delta: string;
      chars: number;
      estimatedTokens: number;
    })
  /** An attempt failed with a retryable fault; the next one starts after `delayMs`. */
  | (CallFields & {
      type: 'retry';
      /** The attempt that failed (1-based). */
      attempt: number;
      maxAttempts: number;
      delayMs: number;
      reason: FailureReason;
      status?: number;
      /** Set when the server sent `retry-after`; `delayMs` then honours it. */
      retryAfterMs?: number;
      message: string;
    })
  /** A response completed. */
  | (CallFields & { type: 'response'; stopReason: string | null; usage: CallUsage; durationMs: number })
  /** A structured output was invalid and is asked for again with the problem fed back. */
  | (CallFields & {
      type: 'output-retry';
      output: string;
      retry: number;
      maxRetries: number;
      problem: string;
    })
  /** A tool ran (`ok`), or failed in a way fed back to the model (`problem`, `retriesLeft`). */
  | (CallFields & {
      type: 'tool-call';
      tool: string;
      ok: boolean;
      problem?: string;
      retriesLeft?: number;
      durationMs: number;
    })
  /** A line from the SDK's logger (warnings by default). */
  | { type: 'log'; level: 'debug' | 'info' | 'warn' | 'error'; message: string };

export type LlmEventListener = (event: LlmEvent) => void;
