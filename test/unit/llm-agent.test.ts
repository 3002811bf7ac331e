import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { z } from 'zod';
import { defineTool, RequestLimitError, ToolRetriesExhaustedError, ToolRetry } from '../../shared/src/llm';
import { type Harness, startHarness } from '../support/llm-harness';
import { reply } from '../support/scripted-messages-server';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** A tiny in-memory file tool set, as the fixer would have. */
function fileTools(files: Map<string, string>) {
  const readFile = defineTool({
    name: 'read_file',
    description: 'Read a file',
    input: z.object({ path: z.string() }),
    run: ({ path }) => {
      const text = files.get(path);
      if (text === undefined) throw new ToolRetry(`No file ${path}; files: ${[...files.keys()].join(', ')}`);
      return text;
    },
  });
  const editFile = defineTool({
    name: 'edit_file',
    description: 'Edit a file',
    input: z.object({
      path: z.string(),
      edits: z.array(z.object({ old: z.string(), new: z.string() })).min(1),
    }),
    run: ({ path, edits }) => {
      let text = files.get(path) ?? '';
      for (const edit of edits) {
        if (text.split(edit.old).length !== 2) throw new ToolRetry(`"${edit.old}" must occur exactly once`);
        text = text.replace(edit.old, edit.new);
      }
      files.set(path, text);
      return `Edited ${path}`;
    },
  });
  return [readFile, editFile];
}

test('the tool loop runs tools, feeds a ToolRetry back as a retryable error, and returns the final text', async () => {
  harness = await startHarness();
  const files = new Map([['spec.smd', 'Tokens expire soon.']]);
  harness.server.enqueue(
    reply.toolUse('read_file', { path: 'specs.smd' }),
    reply.toolUse('read_file', { path: 'spec.smd' }),
    reply.toolUse('edit_file', { path: 'spec.smd', edits: [{ old: 'soon', new: 'after 15 minutes' }] }),
    reply.text('Fixed the expiry.'),
  );
  const result = await harness.client.runAgent({
    role: 'fixer',
    system: 'You fix specs.',
    user: 'Finding: vague expiry',
    tools: fileTools(files),
  });
  assert.equal(result.text, 'Fixed the expiry.');
  assert.equal(result.requests, 4);
  assert.equal(result.toolCalls, 3);
  assert.equal(result.usage.requests, 4);
  assert.equal(result.usage.output, 80);
  assert.equal(files.get('spec.smd'), 'Tokens expire after 15 minutes.');

  const second = harness.server.requests[1]?.body;
  const retried = second.messages.at(-1).content[0];
  assert.equal(retried.type, 'tool_result');
  assert.equal(retried.is_error, true);
  assert.match(retried.content, /No file specs\.smd; files: spec\.smd/);
  const third = harness.server.requests[2]?.body;
  const ok = third.messages.at(-1).content[0];
  assert.equal(ok.is_error, undefined);
  assert.equal(ok.content, 'Tokens expire soon.');

  const toolEvents = harness.events.filter((event) => event.type === 'tool-call');
  assert.deepEqual(
    toolEvents.map((event) => event.type === 'tool-call' && [event.tool, event.ok]),
    [
      ['read_file', false],
      ['read_file', true],
      ['edit_file', true],
    ],
  );
});

test('every request carries the tools with a cache breakpoint on the last one, the system prompt and the history tail', async () => {
  harness = await startHarness();
  harness.server.enqueue(reply.toolUse('read_file', { path: 'a' }), reply.text('done'));
  await harness.client.runAgent({
    role: 'build',
    system: 'You build.',
    user: 'Task',
    tools: fileTools(new Map([['a', 'x']])),
  });
  for (const { body } of harness.server.requests) {
    assert.deepEqual(
      body.tools.map((tool: { name: string; cache_control?: unknown }) => [tool.name, tool.cache_control]),
      [
        ['read_file', undefined],
        ['edit_file', { type: 'ephemeral' }],
      ],
    );
    assert.deepEqual(body.system[0].cache_control, { type: 'ephemeral' });
    assert.deepEqual(body.messages.at(-1).content.at(-1).cache_control, { type: 'ephemeral' });
    assert.equal(body.tool_choice, undefined, 'the agent chooses tools itself');
  }
  // Only the newest message carries a breakpoint (at most four are allowed per request).
  const second = harness.server.requests[1]?.body;
  assert.equal(JSON.stringify(second.messages[0]).includes('cache_control'), false);
});

test('invalid tool input is fed back with the zod problem', async () => {
  harness = await startHarness();
  const files = new Map([['a', 'one two']]);
  harness.server.enqueue(
    reply.toolUse('edit_file', { path: 'a', edits: '[{"old": "one", "new": "1"}]' }),
    reply.toolUse('edit_file', { path: 'a', edits: [{ old: 'one', new: '1' }] }),
    reply.text('ok'),
  );
  await harness.client.runAgent({ role: 'build', system: 's', user: 'u', tools: fileTools(files) });
  const feedback = harness.server.requests[1]?.body.messages.at(-1).content[0];
  assert.equal(feedback.is_error, true);
  assert.match(feedback.content, /Invalid input for edit_file/);
  assert.match(feedback.content, /edits/);
  assert.equal(files.get('a'), '1 two');
});

test('an unknown tool is fed back with the list of tools', async () => {
  harness = await startHarness();
  harness.server.enqueue(reply.toolUse('write_file', { path: 'a' }), reply.text('ok'));
  await harness.client.runAgent({ role: 'build', system: 's', user: 'u', tools: fileTools(new Map()) });
  const feedback = harness.server.requests[1]?.body.messages.at(-1).content[0];
  assert.match(feedback.content, /no tool "write_file".*read_file, edit_file/);
});

test('a tool failing more than tool_retries times in a row ends the run', async () => {
  harness = await startHarness({ llm: { tool_retries: 2 } });
  for (let i = 0; i < 3; i++) harness.server.enqueue(reply.toolUse('read_file', { path: 'missing' }));
  await assert.rejects(
    harness.client.runAgent({ role: 'fixer', system: 's', user: 'u', tools: fileTools(new Map()) }),
    (error: unknown) => {
      assert.ok(error instanceof ToolRetriesExhaustedError);
      assert.equal(error.toolName, 'read_file');
      assert.match(error.message, /read_file failed 3 times in a row \(\[llm\] tool_retries = 2\)/);
      assert.match(error.message, /No file missing/);
      return true;
    },
  );
  assert.equal(harness.server.requests.length, 3);
});

test('a success resets the count of consecutive tool failures', async () => {
  harness = await startHarness({ llm: { tool_retries: 1 } });
  const files = new Map([['a', 'x']]);
  harness.server.enqueue(
    reply.toolUse('read_file', { path: 'nope' }),
    reply.toolUse('read_file', { path: 'a' }),
    reply.toolUse('read_file', { path: 'nope' }),
    reply.text('done'),
  );
  const result = await harness.client.runAgent({
    role: 'build',
    system: 's',
    user: 'u',
    tools: fileTools(files),
  });
  assert.equal(result.text, 'done');
});

test('the request limit stops a run that never finishes', async () => {
  harness = await startHarness();
  for (let i = 0; i < 5; i++) harness.server.enqueue(reply.toolUse('read_file', { path: 'a' }));
  await assert.rejects(
    harness.client.runAgent({
      role: 'build',
      system: 's',
      user: 'u',
      tools: fileTools(new Map([['a', 'x']])),
      maxRequests: 3,
    }),
    (error: unknown) => {
      assert.ok(error instanceof RequestLimitError);
      assert.equal(error.limit, 3);
      assert.match(error.message, /made 3 requests without finishing \(limit 3\)/);
      return true;
    },
  );
  assert.equal(harness.server.requests.length, 3);
});

test('several tool calls in one turn all get a result, in order', async () => {
  harness = await startHarness();
  harness.server.enqueue(
    reply.toolUses([
      { name: 'read_file', input: { path: 'a' } },
      { name: 'read_file', input: { path: 'b' } },
    ]),
    reply.text('read both'),
  );
  const files = new Map([
    ['a', 'A'],
    ['b', 'B'],
  ]);
  await harness.client.runAgent({ role: 'build', system: 's', user: 'u', tools: fileTools(files) });
  const results = harness.server.requests[1]?.body.messages.at(-1).content;
  assert.deepEqual(
    results.map((block: { content: string }) => block.content),
    ['A', 'B'],
  );
});

test('errors other than ToolRetry end the run as they are', async () => {
  harness = await startHarness();
  harness.server.enqueue(reply.toolUse('boom', {}));
  const boom = defineTool({
    name: 'boom',
    description: 'fails',
    input: z.object({}),
    run: () => {
      throw new RangeError('disk on fire');
    },
  });
  await assert.rejects(
    harness.client.runAgent({ role: 'build', system: 's', user: 'u', tools: [boom] }),
    /disk on fire/,
  );
});
