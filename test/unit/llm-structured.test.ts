import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { z } from 'zod';
import { StructuredOutputError, specAuditReportSchema, specTaskPlanSchema } from '../../shared/src/llm';
import { type Harness, startHarness } from '../support/llm-harness';
import { reply } from '../support/scripted-messages-server';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const FINDING = {
  severity: 'error',
  location: 'Requirements > Login, L12',
  issue: 'Vague',
  suggestion: 'Say how',
};
const audit = {
  system: 'You audit specs.',
  user: 'L1: # Spec',
  schema: specAuditReportSchema,
  name: 'SpecAuditReport',
};

test('a forced tool call named after the output type returns the validated output', async () => {
  harness = await startHarness();
  harness.server.enqueue(reply.toolUse('SpecAuditReport', { findings: [FINDING] }, { text: 'Looking…' }));
  const result = await harness.client.callStructured('audit', audit);
  assert.deepEqual(result.value, { findings: [FINDING] });
  assert.equal(result.retries, 0);
  assert.equal(result.requests, 1);

  const body = harness.server.requests[0]?.body;
  assert.deepEqual(body.tool_choice, { type: 'tool', name: 'SpecAuditReport' });
  assert.equal(body.tools.length, 1);
  assert.equal(body.tools[0].name, 'SpecAuditReport');
  const expected = z.toJSONSchema(specAuditReportSchema, { io: 'input' }) as Record<string, unknown>;
  delete expected.$schema;
  assert.deepEqual(body.tools[0].input_schema, expected);
  assert.equal(body.stream, true, 'requests are streamed');
  assert.equal(body.model, 'claude-sonnet-4-6');
});

test('prompt-cache breakpoints sit on the system prompt and the last tool definition', async () => {
  harness = await startHarness();
  harness.server.enqueue(reply.toolUse('SpecAuditReport', { findings: [] }));
  await harness.client.callStructured('audit', audit);
  const body = harness.server.requests[0]?.body;
  assert.deepEqual(body.system, [
    { type: 'text', text: 'You audit specs.', cache_control: { type: 'ephemeral' } },
  ]);
  assert.deepEqual(body.tools.at(-1).cache_control, { type: 'ephemeral' });
  // A one-shot prompt is not cached: the write premium would buy nothing.
  assert.equal(JSON.stringify(body.messages).includes('cache_control'), false);
});

test('an invalid output is retried with the zod problem fed back as an is_error tool result', async () => {
  harness = await startHarness();
  harness.server.enqueue(
    reply.toolUse('SpecAuditReport', { findings: [{ ...FINDING, severity: 'fatal' }] }),
    reply.toolUse('SpecAuditReport', { findings: [FINDING] }),
  );
  const result = await harness.client.callStructured('audit', audit);
  assert.equal(result.retries, 1);
  assert.equal(result.requests, 2);
  assert.equal(result.usage.input, 200);

  const second = harness.server.requests[1]?.body;
  assert.equal(second.messages.length, 3);
  const [, assistant, feedback] = second.messages;
  assert.equal(assistant.role, 'assistant');
  const toolUse = assistant.content.find((block: { type: string }) => block.type === 'tool_use');
  assert.equal(toolUse.input.findings[0].severity, 'fatal');
  assert.equal(feedback.role, 'user');
  const [toolResult] = feedback.content;
  assert.equal(toolResult.type, 'tool_result');
  assert.equal(toolResult.tool_use_id, toolUse.id);
  assert.equal(toolResult.is_error, true);
  assert.match(toolResult.content, /findings\[0\]\.severity/);
  assert.match(toolResult.content, /"error"\|"warning"\|"info"|error.*warning.*info/);

  const retryEvent = harness.events.find((event) => event.type === 'output-retry');
  assert.ok(retryEvent && retryEvent.type === 'output-retry');
  assert.equal(retryEvent.output, 'SpecAuditReport');
  assert.equal(retryEvent.retry, 1);
});

test('exhausting [llm] retries ends with a clear StructuredOutputError', async () => {
  harness = await startHarness({ llm: { retries: 2 } });
  for (let i = 0; i < 3; i++) harness.server.enqueue(reply.toolUse('SpecAuditReport', { findings: 'none' }));
  await assert.rejects(harness.client.callStructured('audit', audit), (error: unknown) => {
    assert.ok(error instanceof StructuredOutputError);
    assert.equal(error.outputName, 'SpecAuditReport');
    assert.match(
      error.message,
      /anthropic:claude-sonnet-4-6 \(audit\) did not return a valid SpecAuditReport/,
    );
    assert.match(error.message, /after 3 attempt\(s\) \(\[llm\] retries = 2\)/);
    assert.match(error.lastProblem, /findings/);
    return true;
  });
  assert.equal(harness.server.requests.length, 3);
  assert.equal(harness.server.pending(), 0);
});

test('a validator problem is fed back like a schema problem', async () => {
  harness = await startHarness();
  const task = {
    kind: 'task',
    title: 'Scaffold',
    description: 'Create the package manifest',
    outputs: ['pyproject.toml'],
    depends_on: [],
    spec_refs: [],
    arch_refs: [],
    verify: 'pip install -e .',
  };
  harness.server.enqueue(
    reply.toolUse('SpecTaskPlan', { tasks: [task] }),
    reply.toolUse('SpecTaskPlan', {
      tasks: [
        { ...task, verify: [] },
        { kind: 'preserved', previous_index: 2, depends_on: [1] },
      ],
    }),
  );
  const result = await harness.client.callStructured('planner', {
    system: 'You plan.',
    user: 'Plan it.',
    schema: specTaskPlanSchema,
    name: 'SpecTaskPlan',
    validate: (plan) =>
      plan.tasks.some(
        (entry) => entry.kind === 'task' && entry.verify.some((command) => command.includes('pip install')),
      )
        ? 'Task 1 (Scaffold): verify command "pip install -e ." builds before any source file exists; use test -f.'
        : undefined,
  });
  assert.equal(result.retries, 1);
  assert.equal(result.value.tasks.length, 2);
  const first = result.value.tasks[0];
  assert.ok(first?.kind === 'task');
  assert.deepEqual(first.context_files, [], 'defaults are filled in');
  const feedback = harness.server.requests[1]?.body.messages[2].content[0];
  assert.match(feedback.content, /Task 1 \(Scaffold\): verify command/);
});

test('a reply without the tool call is asked again; JSON in text is accepted', async () => {
  harness = await startHarness();
  harness.server.enqueue(
    reply.text('I think the spec is fine.'),
    reply.text('```json\n{"findings": []}\n```'),
  );
  const result = await harness.client.callStructured('audit', audit);
  assert.deepEqual(result.value, { findings: [] });
  const retry = harness.server.requests[1]?.body.messages;
  assert.equal(retry.at(-1).role, 'user');
  assert.match(retry.at(-1).content[0].text, /calling the SpecAuditReport tool/);
});

test('malformed tool input JSON counts as an invalid output', async () => {
  harness = await startHarness();
  harness.server.enqueue(
    reply.rawToolUse('SpecAuditReport', '{"findings": [{"severity": "error"'),
    reply.toolUse('SpecAuditReport', { findings: [] }),
  );
  const result = await harness.client.callStructured('audit', audit);
  assert.equal(result.retries, 1);
  const feedback = harness.server.requests[1]?.body.messages.at(-1).content[0];
  assert.equal(feedback.is_error, true);
});

test('streamed text reaches onText and stream events as it arrives', async () => {
  harness = await startHarness();
  harness.server.enqueue(reply.text('The quick brown fox jumps over the lazy dog'));
  const seen: string[] = [];
  const result = await harness.client.callText('brief', {
    system: 's',
    user: 'u',
    onText: (delta) => seen.push(delta),
  });
  assert.ok(seen.length > 1, 'several deltas');
  assert.equal(seen.join(''), result.text);
  const streamed = harness.events.filter((event) => event.type === 'stream');
  const last = streamed.at(-1);
  assert.ok(last && last.type === 'stream');
  assert.equal(last.chars, result.text.length);
});
