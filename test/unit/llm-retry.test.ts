import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { type LlmEvent, LlmRequestError, retryAfterFrom, specAuditReportSchema } from '../../shared/src/llm';
import { backoffDelay, DEFAULT_RETRY_POLICY } from '../../shared/src/llm/retry';
import { type Harness, startHarness } from '../support/llm-harness';
import { reply } from '../support/scripted-messages-server';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const text = { system: 's', user: 'u' };
type RetryEvent = Extract<LlmEvent, { type: 'retry' }>;
const retries = (events: LlmEvent[]) => events.filter((event): event is RetryEvent => event.type === 'retry');

test('429 is retried after the retry-after seconds the server asked for', async () => {
  harness = await startHarness();
  harness.server.enqueue(reply.rateLimited('7'), reply.rateLimited('0.5'), reply.text('finally'));
  const result = await harness.client.callText('audit', text);
  assert.equal(result.text, 'finally');
  assert.equal(harness.server.requests.length, 3);
  assert.deepEqual(harness.sleeps, [7000, 500]);
  const [first, second] = retries(harness.events);
  assert.equal(first?.reason, 'rate-limited');
  assert.equal(first?.status, 429);
  assert.equal(first?.attempt, 1);
  assert.equal(first?.retryAfterMs, 7000);
  assert.equal(first?.delayMs, 7000);
  assert.equal(second?.attempt, 2);
});

test('retry-after as an HTTP date is honoured', async () => {
  harness = await startHarness();
  const at = new Date(Date.now() + 30_000).toUTCString();
  harness.server.enqueue(reply.rateLimited(at), reply.text('ok'));
  await harness.client.callText('audit', text);
  const delay = harness.sleeps[0] ?? 0;
  assert.ok(delay > 25_000 && delay <= 30_000, `delay ${delay}`);
});

test('529 overloaded and 500 are retried with growing, jittered backoff', async () => {
  harness = await startHarness();
  harness.server.enqueue(reply.overloaded(), reply.serverError(), reply.overloaded(), reply.text('up again'));
  const result = await harness.client.callText('audit', text);
  assert.equal(result.text, 'up again');
  const events = retries(harness.events);
  assert.deepEqual(
    events.map((event) => [event.reason, event.status]),
    [
      ['overloaded', 529],
      ['server-error', 500],
      ['overloaded', 529],
    ],
  );
  // Equal jitter: retry n waits between half and all of base × 2^(n-1).
  harness.sleeps.forEach((delay, index) => {
    const ceiling = DEFAULT_RETRY_POLICY.baseDelayMs * 2 ** index;
    assert.ok(delay >= ceiling / 2 && delay <= ceiling, `retry ${index + 1}: ${delay} ms`);
  });
  assert.equal(events[0]?.maxAttempts, DEFAULT_RETRY_POLICY.maxRetries + 1);
});

test('a stream cut off mid-way (socket destroyed) is retried', async () => {
  harness = await startHarness();
  harness.server.enqueue(
    reply.cut(reply.text('This answer will be cut off half way'), 4),
    reply.text('whole answer'),
  );
  const seen: string[] = [];
  const result = await harness.client.callText('audit', { ...text, onText: (delta) => seen.push(delta) });
  assert.equal(result.text, 'whole answer');
  const [event] = retries(harness.events);
  assert.equal(event?.reason, 'connection');
  assert.equal(harness.server.requests.length, 2);
  assert.equal(result.usage.requests, 1, 'only completed responses count');
});

test('a structured call survives a cut-off stream in the middle of the tool input', async () => {
  harness = await startHarness();
  const good = reply.toolUse('SpecAuditReport', { findings: [] });
  harness.server.enqueue(reply.cut(good, 6), good);
  const result = await harness.client.callStructured('audit', {
    ...text,
    schema: specAuditReportSchema,
    name: 'SpecAuditReport',
  });
  assert.deepEqual(result.value, { findings: [] });
  assert.equal(result.retries, 0, 'a transport retry is not an output retry');
});

test('an overloaded error event in the middle of a stream is retried', async () => {
  harness = await startHarness();
  harness.server.enqueue(reply.streamError(reply.text('partial output here')), reply.text('second try'));
  assert.equal((await harness.client.callText('audit', text)).text, 'second try');
  assert.equal(retries(harness.events)[0]?.reason, 'overloaded');
});

test('a response that does not start within the timeout is abandoned and retried', async () => {
  harness = await startHarness({ client: { timeoutMs: 150 } });
  harness.server.enqueue(reply.slow(5_000, reply.text('too late')), reply.text('in time'));
  const started = Date.now();
  assert.equal((await harness.client.callText('audit', text)).text, 'in time');
  assert.ok(Date.now() - started < 2_000);
  assert.equal(retries(harness.events)[0]?.reason, 'timeout');
});

test('a stream that stalls mid-way is abandoned after the timeout and retried', async () => {
  harness = await startHarness({ client: { timeoutMs: 150 } });
  harness.server.enqueue(
    reply.stall(reply.text('stalls after a few events'), 4, 5_000),
    reply.text('recovered'),
  );
  assert.equal((await harness.client.callText('audit', text)).text, 'recovered');
  assert.equal(retries(harness.events)[0]?.reason, 'timeout');
});

test('a slow but steady stream is not a timeout', async () => {
  harness = await startHarness({ client: { timeoutMs: 200 } });
  harness.server.enqueue({ ...reply.text('slow and steady wins the race'), eventDelayMs: 60 });
  assert.equal((await harness.client.callText('audit', text)).text, 'slow and steady wins the race');
  assert.equal(retries(harness.events).length, 0);
});

test('when retries run out the error says what failed and how often', async () => {
  harness = await startHarness({ client: { retry: { maxRetries: 2 } } });
  harness.server.enqueue(reply.overloaded(), reply.overloaded(), reply.overloaded());
  await assert.rejects(harness.client.callText('planner', text), (error: unknown) => {
    assert.ok(error instanceof LlmRequestError);
    assert.equal(error.status, 529);
    assert.equal(error.reason, 'overloaded');
    assert.equal(error.attempts, 3);
    assert.match(
      error.message,
      /anthropic:claude-sonnet-4-6 \(planner\).*stayed overloaded after 3 attempts/,
    );
    return true;
  });
  assert.equal(harness.server.requests.length, 3);
});

test('a timeout that keeps happening ends with a timeout error', async () => {
  harness = await startHarness({ client: { timeoutMs: 80, retry: { maxRetries: 1 } } });
  harness.server.enqueue(reply.slow(2_000, reply.text('x')), reply.slow(2_000, reply.text('x')));
  await assert.rejects(harness.client.callText('audit', text), (error: unknown) => {
    assert.ok(error instanceof LlmRequestError);
    assert.equal(error.reason, 'timeout');
    assert.match(error.message, /did not answer in time after 2 attempts.*request_timeout/);
    return true;
  });
});

test('client errors are not retried', async () => {
  harness = await startHarness();
  harness.server.enqueue(reply.error(400, 'invalid_request_error', 'max_tokens: too large'));
  await assert.rejects(harness.client.callText('audit', text), (error: unknown) => {
    assert.ok(error instanceof LlmRequestError);
    assert.equal(error.status, 400);
    assert.equal(error.reason, undefined);
    assert.match(error.message, /HTTP 400.*max_tokens: too large/);
    return true;
  });
  assert.equal(harness.server.requests.length, 1);
  assert.equal(retries(harness.events).length, 0);
});

test('an unknown model says how to fix it', async () => {
  harness = await startHarness({ llm: { model: 'anthropic:claude-nonexistent' } });
  harness.server.enqueue(reply.error(404, 'not_found_error', 'model: claude-nonexistent'));
  await assert.rejects(harness.client.callText('audit', text), /was not found \(404\).*\[llm\] model/);
});

test('a retry-after beyond the limit is not waited for', async () => {
  harness = await startHarness({ client: { retry: { maxRetryAfterMs: 60_000 } } });
  harness.server.enqueue(reply.rateLimited('3600'));
  await assert.rejects(harness.client.callText('audit', text), /asked to wait 3600 s/);
  assert.deepEqual(harness.sleeps, []);
});

test('an unreachable endpoint is a connection failure with a hint', async () => {
  harness = await startHarness({
    llm: { base_url: 'http://127.0.0.1:9' },
    client: { retry: { maxRetries: 1 } },
  });
  await assert.rejects(harness.client.callText('audit', text), (error: unknown) => {
    assert.ok(error instanceof LlmRequestError);
    assert.equal(error.reason, 'connection');
    assert.match(error.message, /Could not reach http:\/\/127\.0\.0\.1:9.*\[llm\] base_url/);
    return true;
  });
});

test('cancelling stops waiting and retrying', async () => {
  const controller = new AbortController();
  harness = await startHarness({ client: { signal: controller.signal, timeoutMs: 5_000 } });
  harness.server.enqueue(reply.slow(3_000, reply.text('x')));
  setTimeout(() => controller.abort(new Error('user cancelled')), 50);
  await assert.rejects(harness.client.callText('audit', text), /user cancelled/);
  assert.equal(retries(harness.events).length, 0);
});

test('retry-after parsing: ms header, seconds, fractions, dates, garbage', () => {
  const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(retryAfterFrom(headers({ 'retry-after-ms': '250', 'retry-after': '9' })), 250);
  assert.equal(retryAfterFrom(headers({ 'retry-after': '3' })), 3000);
  assert.equal(retryAfterFrom(headers({ 'retry-after': '0.25' })), 250);
  assert.equal(retryAfterFrom(headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:10 GMT' }), now), 10_000);
  assert.equal(retryAfterFrom(headers({ 'retry-after': 'Wed, 31 Dec 2025 00:00:00 GMT' }), now), 0);
  assert.equal(retryAfterFrom(headers({ 'retry-after': 'soon' })), undefined);
  assert.equal(retryAfterFrom(headers({})), undefined);
});

test('backoff doubles up to the cap, jitter stays within bounds', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000, jitter: 0.5 };
  assert.equal(
    backoffDelay(policy, 1, undefined, () => 1),
    100,
  );
  assert.equal(
    backoffDelay(policy, 1, undefined, () => 0),
    50,
  );
  assert.equal(
    backoffDelay(policy, 3, undefined, () => 1),
    400,
  );
  assert.equal(
    backoffDelay(policy, 10, undefined, () => 1),
    1000,
  );
  assert.equal(
    backoffDelay(policy, 2, 1234, () => 0),
    1234,
    'retry-after wins',
  );
});
