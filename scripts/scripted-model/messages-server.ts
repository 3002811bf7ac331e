// Shared by the tests (test/support re-exports it), the benchmarks and the offline model of `npm run demo`.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type ErrorReply, messageJson, type Reply, type StaticReply, sseEvents } from './replies';

export { type Block, type Reply, reply, type StaticReply, type UsageShape } from './replies';

/**
 * A scripted Anthropic Messages API on 127.0.0.1 for tests: the real SDK talks to it over real HTTP.
 * `POST /v1/messages` answers with the next scripted reply — as SSE when the request has `stream: true`
 * (the event shapes of the real API: message_start, content_block_start/delta/stop, message_delta with
 * usage, message_stop, with pings), else as one JSON message. Replies can also be HTTP errors (429 with
 * retry-after, 529, 500…), an `error` event mid-stream, a stream cut off by destroying the socket, or a
 * slow start / stall (for timeouts). Every request is recorded — headers without the credential, and the
 * parsed body — for assertions.
 *
 * Queued replies are used first, in arrival order. When the queue is empty, `respond` (if given) answers from
 * the request itself — what concurrent requests of a parallel build need, since their arrival order is not
 * fixed. `latencyMs` holds every reply back that long before its first byte, like a model's time to first
 * token. `getJson` adds read-only `GET` routes answering JSON (e.g. counters of a scripted model, for a
 * server running in another process).
 */
export interface RecordedRequest {
  index: number;
  method: string;
  path: string;
  /** Request headers, lower-cased, without `authorization` and `x-api-key`. */
  headers: Record<string, string>;
  /** Whether a credential came, and whether it was the one the server was told to expect. */
  credential: 'none' | 'expected' | 'other';
  // biome-ignore lint/suspicious/noExplicitAny: a JSON request body, inspected freely by tests
  body: any;
  stream: boolean;
}

export interface ScriptedServer {
  /** `http://127.0.0.1:<port>` — what the SDK gets as base URL. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Appends replies, used one per request in order. */
  enqueue(...replies: Reply[]): void;
  /** Replies not used yet. */
  pending(): number;
  close(): Promise<void>;
}

export interface ScriptedServerOptions {
  /** The key requests should carry; recorded as `credential: 'expected'` when they do. */
  expectedKey?: string;
  /** Answers a request when no queued reply is left; undefined → the "no reply scripted" 400 error. */
  respond?: (request: RecordedRequest) => StaticReply | undefined;
  /** Wait before every `POST /v1/messages` reply starts (headers included), in ms. */
  latencyMs?: number;
  /** `GET <path>` routes, each answering its function's value as JSON. */
  getJson?: Record<string, () => unknown>;
  /** The port to listen on; default any free one. */
  port?: number;
}

export async function startScriptedServer(options: ScriptedServerOptions = {}): Promise<ScriptedServer> {
  const queue: Reply[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const route =
      req.method === 'GET'
        ? options.getJson?.[new URL(req.url ?? '/', 'http://127.0.0.1').pathname]
        : undefined;
    if (route) {
      // Not recorded: these routes are for whoever runs the server, not part of the API under test.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(route()));
      return;
    }
    const recorded = record(req, body);
    requests.push(recorded);
    if (req.method !== 'POST' || recorded.path !== '/v1/messages') {
      sendError(res, {
        kind: 'error',
        status: 404,
        type: 'not_found_error',
        message: `no route ${recorded.path}`,
      });
      return;
    }
    const queued = queue.shift();
    const next = typeof queued === 'function' ? queued(recorded) : (queued ?? options.respond?.(recorded));
    if (options.latencyMs) {
      const closed = new AbortController();
      res.on('close', () => closed.abort());
      await pause(options.latencyMs, closed.signal);
      if (closed.signal.aborted) return;
    }
    if (!next) {
      sendError(res, {
        kind: 'error',
        status: 400,
        type: 'invalid_request_error',
        message: `scripted server: no reply scripted for request #${recorded.index + 1}`,
      });
      return;
    }
    await respond(res, next, recorded);
  }

  function record(req: IncomingMessage, body: unknown): RecordedRequest {
    const headers: Record<string, string> = {};
    let credential: RecordedRequest['credential'] = 'none';
    for (const [name, value] of Object.entries(req.headers)) {
      const joined = Array.isArray(value) ? value.join(', ') : (value ?? '');
      if (name === 'authorization' || name === 'x-api-key') {
        const token = joined.replace(/^Bearer\s+/i, '');
        credential =
          options.expectedKey !== undefined && token === options.expectedKey ? 'expected' : 'other';
        continue;
      }
      headers[name] = joined;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const stream =
      typeof body === 'object' && body !== null && (body as { stream?: unknown }).stream === true;
    return {
      index: requests.length,
      method: req.method ?? '',
      path: url.pathname,
      headers,
      credential,
      body,
      stream,
    };
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...replies) => queue.push(...replies),
    pending: () => queue.length,
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close').catch(() => undefined);
    },
  };
}

async function respond(res: ServerResponse, reply: StaticReply, request: RecordedRequest): Promise<void> {
  const closed = new AbortController();
  res.on('close', () => closed.abort());
  if (reply.kind === 'slow') {
    await pause(reply.beforeHeadersMs, closed.signal);
    if (closed.signal.aborted) return;
    await respond(res, reply.inner, request);
    return;
  }
  if (reply.kind === 'error') {
    sendError(res, reply);
    return;
  }
  const model = typeof request.body?.model === 'string' ? request.body.model : 'scripted-model';
  const id = `msg_scripted_${request.index + 1}`;
  const { content, stopReason, usage } = reply;
  if (!request.stream) {
    if (reply.kind === 'cut') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id":"', () => res.socket?.destroy());
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_${id}` });
    res.end(JSON.stringify(messageJson(id, model, content, stopReason, usage)));
    return;
  }
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    'request-id': `req_${id}`,
  });
  const events = sseEvents(id, model, content, stopReason, usage);
  const limit =
    reply.kind === 'cut'
      ? reply.afterEvents
      : reply.kind === 'stream-error'
        ? reply.afterEvents
        : events.length;
  for (let i = 0; i < Math.min(limit, events.length); i++) {
    if (closed.signal.aborted) return;
    if (reply.kind === 'message' && reply.stallAfterEvents === i)
      await pause(reply.stallMs ?? 0, closed.signal);
    if (closed.signal.aborted) return;
    res.write(events[i]);
    if (reply.kind === 'message' && reply.eventDelayMs) await pause(reply.eventDelayMs, closed.signal);
  }
  if (reply.kind === 'cut') {
    // Flush what was written, then drop the connection without finishing the chunked body.
    res.write('', () => res.socket?.destroy());
    return;
  }
  if (reply.kind === 'stream-error') {
    const data = JSON.stringify({ type: 'error', error: { type: reply.type, message: reply.message } });
    res.end(`event: error\ndata: ${data}\n\n`);
    return;
  }
  res.end();
}

function sendError(res: ServerResponse, reply: ErrorReply): void {
  res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
  res.end(
    JSON.stringify({
      type: 'error',
      error: { type: reply.type, message: reply.message },
      request_id: 'req_scripted_error',
    }),
  );
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
