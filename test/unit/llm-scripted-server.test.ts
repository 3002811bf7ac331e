import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { reply, type ScriptedServer, startScriptedServer } from '../support/scripted-messages-server';

const KEY = 'sk-ant-scripted-server-key';
let server: ScriptedServer;
let sdk: Anthropic;
before(async () => {
  server = await startScriptedServer({ expectedKey: KEY });
  sdk = new Anthropic({ apiKey: KEY, baseURL: server.url, maxRetries: 0, logLevel: 'off' });
});
after(() => server.close());

test('JSON (non-streaming) replies are complete messages the SDK reads', async () => {
  server.enqueue(reply.toolUse('SpecAuditReport', { findings: [] }, { text: 'Here it is.' }));
  const message = await sdk.messages.create({
    model: 'claude-haiku-4-5',
    max_tokens: 100,
    messages: [{ role: 'user', content: 'hi' }],
  });
  assert.equal(message.model, 'claude-haiku-4-5');
  assert.equal(message.stop_reason, 'tool_use');
  assert.deepEqual(
    message.content.map((block) => block.type),
    ['text', 'tool_use'],
  );
  const use = message.content[1];
  assert.ok(use?.type === 'tool_use');
  assert.deepEqual(use.input, { findings: [] });
  assert.equal(message.usage.input_tokens, 100);
  const recorded = server.requests.at(-1);
  assert.equal(recorded?.stream, false);
  assert.equal(recorded?.credential, 'expected');
  assert.equal(recorded?.headers.authorization, undefined);
});

test('SSE replies stream text and tool input deltas the SDK assembles', async () => {
  server.enqueue(reply.toolUse('lookup', { path: 'a/b.txt', n: 3 }, { text: 'Let me look.' }));
  const stream = sdk.messages.stream({
    model: 'm',
    max_tokens: 100,
    messages: [{ role: 'user', content: 'hi' }],
  });
  const kinds = new Set<string>();
  stream.on('streamEvent', (event) => kinds.add(event.type));
  const message = await stream.finalMessage();
  assert.deepEqual([...kinds].sort(), [
    'content_block_delta',
    'content_block_start',
    'content_block_stop',
    'message_delta',
    'message_start',
    'message_stop',
  ]);
  assert.equal(message.content[0]?.type === 'text' && message.content[0].text, 'Let me look.');
  const use = message.content[1];
  assert.ok(use?.type === 'tool_use');
  assert.deepEqual(use.input, { path: 'a/b.txt', n: 3 });
  assert.equal(message.usage.output_tokens, 20);
});

test('errors carry the API error body and headers', async () => {
  server.enqueue(reply.rateLimited('2'));
  await assert.rejects(
    sdk.messages.create({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'x' }] }),
    (error: unknown) => {
      assert.ok(error instanceof Anthropic.RateLimitError);
      assert.equal(error.headers?.get('retry-after'), '2');
      assert.equal(error.type, 'rate_limit_error');
      return true;
    },
  );
});

test('a request with nothing scripted fails clearly, unknown routes are 404', async () => {
  assert.equal(server.pending(), 0);
  await assert.rejects(
    sdk.messages.create({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'x' }] }),
    /no reply scripted for request #\d+/,
  );
  const response = await fetch(`${server.url}/v1/other`, { method: 'POST' });
  assert.equal(response.status, 404);
});

test('function replies see the request they answer', async () => {
  server.enqueue((request) => reply.text(`you sent ${request.body.messages[0].content}`));
  const message = await sdk.messages.create({
    model: 'm',
    max_tokens: 1,
    messages: [{ role: 'user', content: 'ping' }],
  });
  assert.equal(message.content[0]?.type === 'text' && message.content[0].text, 'you sent ping');
});
