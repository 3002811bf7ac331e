import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { z } from 'zod';
import { defineTool, LlmConfigError, specAuditReportSchema, ToolRetry } from '../../shared/src/llm';
import { LlmClient } from '../../shared/src/llm/client';
import { llmConfig, startHarness, TEST_KEY } from '../support/llm-harness';
import { reply } from '../support/scripted-messages-server';

/** Everything text-like reachable from a value: strings, error messages and stacks, object fields. */
function dump(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, item) => {
    if (item instanceof Error)
      return { name: item.name, message: item.message, stack: item.stack, cause: item.cause };
    if (item instanceof Map) return [...item];
    if (typeof item === 'object' && item !== null) {
      if (seen.has(item)) return '[seen]';
      seen.add(item);
    }
    return item;
  });
}

test('the API key reaches the server and nothing else: not recorded, emitted, logged, thrown or written', async () => {
  const cwd = process.cwd();
  const scratch = mkdtempSync(join(tmpdir(), 'ossature-llm-'));
  const printed: string[] = [];
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const capture =
    (write: typeof out) =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      printed.push(String(chunk));
      return (write as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean)(chunk, ...rest);
    };
  process.chdir(scratch);
  process.stdout.write = capture(out) as typeof process.stdout.write;
  process.stderr.write = capture(err) as typeof process.stderr.write;
  const harness = await startHarness({ client: { sdkLogLevel: 'debug' } });
  const errors: unknown[] = [];
  try {
    harness.server.enqueue(
      reply.rateLimited('1'),
      reply.text('hello'),
      reply.toolUse('SpecAuditReport', { findings: 'bad' }),
      reply.toolUse('SpecAuditReport', { findings: [] }),
      reply.toolUse('lookup', { key: 'x' }),
      reply.text('done'),
      reply.cut(reply.text('cut off stream'), 3),
      reply.error(401, 'authentication_error', `invalid x-api-key: Bearer ${TEST_KEY}`),
    );
    await harness.client.callText('audit', { system: 's', user: 'u' });
    await harness.client.callStructured('audit', {
      system: 's',
      user: 'u',
      schema: specAuditReportSchema,
      name: 'SpecAuditReport',
    });
    const lookup = defineTool({
      name: 'lookup',
      description: 'looks up',
      input: z.object({ key: z.string() }),
      run: () => {
        throw new ToolRetry('not found');
      },
    });
    await harness.client.runAgent({ role: 'build', system: 's', user: 'u', tools: [lookup] });
    await harness.client
      .callText('audit', { system: 's', user: 'u' })
      .catch((error: unknown) => errors.push(error));
    try {
      new LlmClient({ config: llmConfig({ model: 'openai:gpt-4o' }), env: { ANTHROPIC_API_KEY: TEST_KEY } });
    } catch (error) {
      assert.ok(error instanceof LlmConfigError);
      errors.push(error);
    }
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.chdir(cwd);
    await harness.close();
  }

  assert.ok(
    harness.server.requests.some((request) => request.credential === 'expected'),
    'the key was sent to the server',
  );
  assert.equal(errors.length, 2);
  assert.match(dump(errors[0]), /\[redacted\]/, 'the echoed key was scrubbed from the error');
  assert.ok(
    harness.events.some((event) => event.type === 'log'),
    'SDK log lines were captured as events',
  );
  const surfaces = {
    requests: dump(harness.server.requests),
    events: dump(harness.events),
    errors: dump(errors),
    usage: dump(harness.client.usage.calls),
    printed: printed.join(''),
  };
  for (const [surface, text] of Object.entries(surfaces)) {
    assert.equal(text.includes(TEST_KEY), false, `the key leaked into ${surface}`);
    assert.equal(text.includes(TEST_KEY.slice(7, 30)), false, `part of the key leaked into ${surface}`);
  }
  assert.deepEqual(readdirSync(scratch), [], 'the model layer writes no files');
});
