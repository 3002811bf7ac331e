import type Anthropic from '@anthropic-ai/sdk';
import type {
  ContentBlockParam,
  Message,
  MessageParam,
  MessageStreamParams,
  Tool,
  ToolChoice,
} from '@anthropic-ai/sdk/resources/messages/messages';
import type { LlmRole, OssatureConfig } from '../model/config';
import { describeFailure } from './describe';
import { LlmError, LlmRequestError } from './errors';
import type { LlmEvent } from './events';
import { priceOf } from './prices';
import type { Redactor } from './redact';
import type { ResolvedModel } from './resolve';
import { backoffDelay, classifyFailure, type RetryPolicy } from './retry';
import { type CallUsage, callUsage, type UsageLabels, type UsageTracker } from './usage';

/** One conversation turn to send: everything but the model and the transport. */
export interface Turn {
  system: string;
  messages: MessageParam[];
  tools?: Tool[];
  toolChoice?: ToolChoice;
  maxTokens?: number;
  /**
   * Also put a cache breakpoint on the newest message, so the next request of a multi-turn run reads
   * the whole history from the cache. Only worth it when more turns follow (a tool loop): on a one-shot
   * call it would pay the cache-write premium on a prompt never read again.
   */
  cacheHistory?: boolean;
}

/** Everything a structured call or an agent run needs to talk to one role's model. */
export interface ModelCall {
  readonly role: LlmRole;
  readonly resolved: ResolvedModel;
  readonly labels: UsageLabels;
  readonly config: OssatureConfig;
  /** Sends one turn (retrying transport faults) and returns the complete message. */
  send(turn: Turn): Promise<Message>;
  emit(event: LlmEvent): void;
  /** Usage of this call's completed requests so far. */
  readonly calls: readonly CallUsage[];
}

export interface TransportOptions {
  sdk: Anthropic;
  resolved: ResolvedModel;
  role: LlmRole;
  labels: UsageLabels;
  config: OssatureConfig;
  policy: RetryPolicy;
  /** Longest wait for the response to start or for the next stream event. */
  timeoutMs: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  usage: UsageTracker;
  emit: (event: LlmEvent) => void;
  redact: Redactor;
  onText?: (delta: string, textSoFar: string) => void;
}

/** A {@link ModelCall} over the SDK: streaming, timeouts, retries, usage. */
export function modelCall(options: TransportOptions): ModelCall {
  const calls: CallUsage[] = [];
  const { resolved, role, labels } = options;
  const fields = { role, model: resolved.modelString, labels };
  return {
    role,
    resolved,
    labels,
    config: options.config,
    calls,
    emit: options.emit,
    async send(turn) {
      const params = buildParams(resolved.model, turn, maxTokensFor(options.config, resolved));
      const maxAttempts = options.policy.maxRetries + 1;
      for (let attempt = 1; ; attempt++) {
        options.emit({ type: 'request', ...fields, attempt });
        const started = Date.now();
        const state = { timedOut: false, aborted: false };
        try {
          const message = await streamOnce(options, params, state);
          const usage = callUsage(role, resolved.provider, resolved.model, labels, message.usage);
          calls.push(usage);
          options.usage.record(usage);
          options.emit({
            type: 'response',
            ...fields,
            stopReason: message.stop_reason,
            usage,
            durationMs: Date.now() - started,
          });
          if (message.stop_reason === 'refusal') {
            throw new LlmError(`${resolved.modelString} (${role}) refused to answer this request.`);
          }
          return message;
        } catch (error) {
          if (error instanceof LlmError) throw error;
          const failure = classifyFailure(error, state);
          if (state.aborted || options.signal?.aborted) throw options.signal?.reason ?? error;
          if (failure.unexpected) throw error;
          const retriesLeft = attempt < maxAttempts;
          const tooLong =
            failure.retryAfterMs !== undefined && failure.retryAfterMs > options.policy.maxRetryAfterMs;
          if (!failure.retryable || !retriesLeft || tooLong) {
            throw new LlmRequestError(
              options.redact(describeFailure(failure, resolved, role, attempt, tooLong)),
              failure.status,
              failure.retryable ? failure.reason : undefined,
              attempt,
            );
          }
          const delayMs = backoffDelay(options.policy, attempt, failure.retryAfterMs);
          options.emit({
            type: 'retry',
            ...fields,
            attempt,
            maxAttempts,
            delayMs,
            reason: failure.reason ?? 'server-error',
            ...(failure.status !== undefined ? { status: failure.status } : {}),
            ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}),
            message: failure.detail,
          });
          await options.sleep(delayMs, options.signal);
        }
      }
    },
  };
}

/** `[build] max_output_tokens`, capped at the model's own output limit when it is known. */
export function maxTokensFor(config: OssatureConfig, resolved: ResolvedModel): number {
  const cap = priceOf(resolved.provider, resolved.model)?.maxOutputTokens;
  return cap === undefined ? config.build.max_output_tokens : Math.min(cap, config.build.max_output_tokens);
}

/**
 * The request body. Prompt-cache breakpoints (`cache_control: ephemeral`) go on the last tool definition
 * (caching every tool before it), on the system prompt, and with `cacheHistory` on the last block of the
 * last message, so a tool loop re-reads its growing history from the cache — at most three of the four
 * breakpoints a request may have.
 */
export function buildParams(model: string, turn: Turn, defaultMaxTokens: number): MessageStreamParams {
  const ephemeral = { type: 'ephemeral' as const };
  const tools = turn.tools?.map((tool, index, all) =>
    index === all.length - 1 ? { ...tool, cache_control: ephemeral } : tool,
  );
  return {
    model,
    max_tokens: turn.maxTokens ?? defaultMaxTokens,
    system: [{ type: 'text', text: turn.system, cache_control: ephemeral }],
    messages: turn.cacheHistory ? withLastMessageBreakpoint(turn.messages) : turn.messages,
    ...(tools && tools.length > 0 ? { tools } : {}),
    ...(turn.toolChoice ? { tool_choice: turn.toolChoice } : {}),
  };
}

function withLastMessageBreakpoint(messages: MessageParam[]): MessageParam[] {
  const last = messages.at(-1);
  if (last?.role !== 'user') return messages;
  const blocks: ContentBlockParam[] =
    typeof last.content === 'string' ? [{ type: 'text', text: last.content }] : [...last.content];
  const tail = blocks.at(-1);
  if (tail?.type !== 'text' && tail?.type !== 'tool_result') return messages;
  blocks[blocks.length - 1] = { ...tail, cache_control: { type: 'ephemeral' } };
  return [...messages.slice(0, -1), { ...last, content: blocks }];
}

/** One streamed request, with an inactivity timeout that restarts on every stream event. */
async function streamOnce(
  options: TransportOptions,
  params: MessageStreamParams,
  state: { timedOut: boolean; aborted: boolean },
): Promise<Message> {
  const { resolved, role, labels } = options;
  const stream = options.sdk.messages.stream(params, {
    maxRetries: 0,
    timeout: options.timeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      state.timedOut = true;
      stream.abort();
    }, options.timeoutMs);
  };
  const onAbort = () => {
    state.aborted = true;
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  arm();
  let text = '';
  let toolChars = 0;
  stream.on('connect', arm);
  stream.on('streamEvent', arm);
  stream.on('text', (delta) => {
    text += delta;
    options.emit({
      type: 'stream',
      role,
      model: resolved.modelString,
      labels,
      kind: 'text',
      delta,
      chars: text.length + toolChars,
      estimatedTokens: estimateTokens(text.length + toolChars),
    });
    options.onText?.(delta, text);
  });
  stream.on('inputJson', (delta) => {
    toolChars += delta.length;
    options.emit({
      type: 'stream',
      role,
      model: resolved.modelString,
      labels,
      kind: 'tool-input',
      delta,
      chars: text.length + toolChars,
      estimatedTokens: estimateTokens(text.length + toolChars),
    });
  });
  try {
    return await stream.finalMessage();
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** Output tokens so far, estimated from characters (the exact count arrives with the last event). */
function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4);
}
