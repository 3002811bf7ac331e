// Shared by the tests (test/support re-exports it), the benchmarks and the offline model of `npm run demo`.
import type { RecordedRequest } from './messages-server';

/** Replies for the scripted Messages API server, and the wire shapes (JSON message, SSE events) they become. */

export interface UsageShape {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export type Block =
  | { type: 'text'; text: string }
  /** `rawJson` sends the input verbatim (e.g. malformed JSON) instead of serialising `input`. */
  | { type: 'tool_use'; name: string; input?: unknown; rawJson?: string; id?: string };

interface Body {
  content: Block[];
  stopReason: string;
  usage: UsageShape;
}

export interface MessageReply extends Body {
  kind: 'message';
  /** Pause between SSE events. */
  eventDelayMs?: number;
  /** Pause for `stallMs` before event number `stallAfterEvents` (0-based) — a stream that stops mid-way. */
  stallAfterEvents?: number;
  stallMs?: number;
}
/** Sends the first `afterEvents` SSE events, then destroys the socket. */
export interface CutReply extends Body {
  kind: 'cut';
  afterEvents: number;
}
/** Sends the first `afterEvents` SSE events, then an `error` event (as the API does when overloaded mid-stream). */
export interface StreamErrorReply extends Body {
  kind: 'stream-error';
  afterEvents: number;
  type: string;
  message: string;
}
export interface ErrorReply {
  kind: 'error';
  status: number;
  type: string;
  message: string;
  headers?: Record<string, string>;
}
/** Waits before sending any header, then answers with `inner`. */
export interface SlowReply {
  kind: 'slow';
  beforeHeadersMs: number;
  inner: StaticReply;
}

export type StaticReply = MessageReply | CutReply | StreamErrorReply | ErrorReply | SlowReply;
/** A reply, or a function choosing one from the request it answers. */
export type Reply = StaticReply | ((request: RecordedRequest) => StaticReply);

export const DEFAULT_USAGE: UsageShape = {
  input_tokens: 100,
  output_tokens: 20,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
};

interface MessageOptions {
  usage?: Partial<UsageShape>;
  stopReason?: string;
}

function message(content: Block[], options: MessageOptions = {}, defaultStop = 'end_turn'): MessageReply {
  return {
    kind: 'message',
    content,
    stopReason: options.stopReason ?? defaultStop,
    usage: { ...DEFAULT_USAGE, ...options.usage },
  };
}

export const reply = {
  message,
  text: (text: string, options?: MessageOptions): MessageReply => message([{ type: 'text', text }], options),
  /** One tool call, optionally after some text. */
  toolUse: (name: string, input: unknown, options: MessageOptions & { text?: string } = {}): MessageReply =>
    message(
      [
        ...(options.text ? [{ type: 'text' as const, text: options.text }] : []),
        { type: 'tool_use', name, input },
      ],
      options,
      'tool_use',
    ),
  toolUses: (calls: { name: string; input: unknown }[], options?: MessageOptions): MessageReply =>
    message(
      calls.map((call) => ({ type: 'tool_use' as const, ...call })),
      options,
      'tool_use',
    ),
  /** A tool call whose input is sent as this exact JSON text. */
  rawToolUse: (name: string, rawJson: string, options?: MessageOptions): MessageReply =>
    message([{ type: 'tool_use', name, rawJson }], options, 'tool_use'),
  error: (status: number, type: string, message: string, headers?: Record<string, string>): ErrorReply => ({
    kind: 'error',
    status,
    type,
    message,
    ...(headers ? { headers } : {}),
  }),
  rateLimited: (retryAfter?: string): ErrorReply =>
    reply.error(
      429,
      'rate_limit_error',
      'Number of request tokens has exceeded your per-minute rate limit',
      retryAfter === undefined ? undefined : { 'retry-after': retryAfter },
    ),
  overloaded: (): ErrorReply => reply.error(529, 'overloaded_error', 'Overloaded'),
  serverError: (): ErrorReply => reply.error(500, 'api_error', 'Internal server error'),
  cut: (inner: MessageReply, afterEvents = 4): CutReply => ({ ...inner, kind: 'cut', afterEvents }),
  streamError: (inner: MessageReply, afterEvents = 3, type = 'overloaded_error'): StreamErrorReply => ({
    ...inner,
    kind: 'stream-error',
    afterEvents,
    type,
    message: 'Overloaded',
  }),
  slow: (beforeHeadersMs: number, inner: StaticReply): SlowReply => ({
    kind: 'slow',
    beforeHeadersMs,
    inner,
  }),
  stall: (inner: MessageReply, afterEvents: number, ms: number): MessageReply => ({
    ...inner,
    stallAfterEvents: afterEvents,
    stallMs: ms,
  }),
};

function wireBlock(block: Block, messageId: string, index: number) {
  if (block.type === 'text') return { type: 'text', text: block.text };
  const id = block.id ?? `toolu_${messageId.replace(/^msg_/, '')}_${index}`;
  return { type: 'tool_use', id, name: block.name, input: block.input ?? {} };
}

/** The non-streaming response body. */
export function messageJson(
  id: string,
  model: string,
  content: Block[],
  stopReason: string,
  usage: UsageShape,
) {
  return {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content: content.map((block, index) => {
      const wire = wireBlock(block, id, index);
      return block.type === 'tool_use' && block.rawJson !== undefined
        ? { ...wire, input: safeParse(block.rawJson) }
        : wire;
    }),
    stop_reason: stopReason,
    stop_sequence: null,
    usage,
  };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/** The SSE events of a streamed response, each a complete `event:`/`data:` frame. */
export function sseEvents(
  id: string,
  model: string,
  content: Block[],
  stopReason: string,
  usage: UsageShape,
): string[] {
  const frame = (data: { type: string }) => `event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`;
  const events = [
    frame({
      type: 'message_start',
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...usage, output_tokens: 1 },
      },
    } as { type: string }),
    frame({ type: 'ping' }),
  ];
  content.forEach((block, index) => {
    const wire = wireBlock(block, id, index);
    const start = block.type === 'text' ? { type: 'text', text: '' } : { ...wire, input: {} };
    events.push(frame({ type: 'content_block_start', index, content_block: start } as { type: string }));
    if (block.type === 'text') {
      for (const piece of chunks(block.text)) {
        events.push(
          frame({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } } as {
            type: string;
          }),
        );
      }
    } else {
      const json = block.rawJson ?? JSON.stringify(block.input ?? {});
      for (const piece of ['', ...chunks(json)]) {
        events.push(
          frame({
            type: 'content_block_delta',
            index,
            delta: { type: 'input_json_delta', partial_json: piece },
          } as { type: string }),
        );
      }
    }
    events.push(frame({ type: 'content_block_stop', index } as { type: string }));
  });
  events.push(
    frame({
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: usage.output_tokens },
    } as { type: string }),
    frame({ type: 'message_stop' }),
  );
  return events;
}

/** Splits text into a few pieces so clients see several deltas. */
function chunks(text: string): string[] {
  if (text === '') return [];
  const size = Math.max(1, Math.ceil(text.length / 3));
  const out: string[] = [];
  for (let at = 0; at < text.length; at += size) out.push(text.slice(at, at + size));
  return out;
}
