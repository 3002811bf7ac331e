import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import {
  ANTHROPIC_PRICES,
  type CallUsage,
  cachedInputShare,
  costOf,
  formatCost,
  formatTokens,
  priceOf,
  specTaskPlanSchema,
  type UsageLabels,
  UsageTracker,
} from '../../shared/src/llm';
import { callUsage } from '../../shared/src/llm/usage';
import type { LlmRole } from '../../shared/src/model/config';
import { KNOWN_ANTHROPIC_MODELS } from '../../shared/src/model/providers';
import { type Harness, startHarness } from '../support/llm-harness';
import { reply } from '../support/scripted-messages-server';

function callUsageForTest(
  role: LlmRole,
  model: string,
  labels: UsageLabels,
  input: number,
  output: number,
): CallUsage {
  return callUsage(role, 'anthropic', model, labels, { input_tokens: input, output_tokens: output });
}

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

test('every known Claude model has a price, and dated snapshots find theirs', () => {
  for (const model of KNOWN_ANTHROPIC_MODELS) assert.ok(ANTHROPIC_PRICES[model], `no price for ${model}`);
  assert.equal(priceOf('anthropic', 'claude-sonnet-4-5-20250929'), ANTHROPIC_PRICES['claude-sonnet-4-5']);
  assert.equal(priceOf('anthropic', 'claude-opus-4-20250514'), ANTHROPIC_PRICES['claude-opus-4-0']);
  assert.equal(priceOf('anthropic', 'claude-future-9'), undefined);
  assert.equal(priceOf('ollama', 'claude-sonnet-4-6'), undefined, 'a price belongs to a provider');
});

test('cost counts input, output, cache writes and cache reads at their own rates', () => {
  const tokens = { input: 1_000_000, output: 1_000_000, cacheWrite: 1_000_000, cacheRead: 1_000_000 };
  assert.equal(costOf('anthropic', 'claude-sonnet-4-6', tokens), 3 + 15 + 3.75 + 0.3);
  assert.equal(costOf('anthropic', 'claude-haiku-4-5', { ...tokens, output: 0 }), 1 + 1.25 + 0.1);
  assert.equal(costOf('anthropic', 'mystery', tokens), null);
});

test('usage rolls up per task, per spec and per run; each call is priced with its own model', () => {
  const tracker = new UsageTracker();
  tracker.record(callUsageForTest('audit', 'claude-haiku-4-5', { spec: 'AUTH' }, 1000, 100));
  tracker.record(callUsageForTest('build', 'claude-opus-4-6', { spec: 'AUTH', task: '001' }, 2000, 500));
  tracker.record(callUsageForTest('build', 'claude-opus-4-6', { spec: 'AUTH', task: '001' }, 3000, 500));
  tracker.record(callUsageForTest('build', 'claude-sonnet-4-6', { spec: 'API', task: '002' }, 1000, 1000));

  const total = tracker.total();
  assert.equal(total.requests, 4);
  assert.equal(total.input, 7000);
  assert.equal(total.output, 2100);
  const haiku = (1000 * 1 + 100 * 5) / 1e6;
  const opus = (5000 * 5 + 1000 * 25) / 1e6;
  const sonnet = (1000 * 3 + 1000 * 15) / 1e6;
  assert.ok(Math.abs((total.costUsd ?? 0) - (haiku + opus + sonnet)) < 1e-12);

  const byTask = tracker.byTask();
  assert.deepEqual([...byTask.keys()], ['001', '002']);
  assert.equal(byTask.get('001')?.requests, 2);
  assert.ok(Math.abs((byTask.get('001')?.costUsd ?? 0) - opus) < 1e-12);
  const bySpec = tracker.bySpec();
  assert.equal(bySpec.get('AUTH')?.requests, 3);
  assert.equal(bySpec.get('API')?.input, 1000);
  assert.equal(tracker.summary({ spec: 'AUTH', task: '001' }).requests, 2);
  assert.equal(tracker.byModel().get('anthropic:claude-opus-4-6')?.requests, 2);
});

test('an unknown model makes the cost unknown — shown as such, never a partial sum', () => {
  const tracker = new UsageTracker();
  tracker.record(callUsageForTest('audit', 'claude-sonnet-4-6', { task: '001' }, 1000, 100));
  tracker.record(callUsageForTest('build', 'my-finetune', { task: '001' }, 1000, 100));
  const summary = tracker.total();
  assert.equal(summary.costUsd, null);
  assert.ok(summary.knownCostUsd > 0);
  assert.deepEqual(summary.unpricedModels, ['anthropic:my-finetune']);
  assert.equal(formatCost(summary.costUsd), '?');
});

test('token and cost formatting follow the original', () => {
  assert.equal(formatTokens(500), '500');
  assert.equal(formatTokens(1500), '1.5k');
  assert.equal(formatTokens(12_000), '12k');
  assert.equal(formatTokens(999_999), '1M');
  assert.equal(formatTokens(1_500_000), '1.5M');
  assert.equal(formatCost(0.0042), '$0.0042');
  assert.equal(formatCost(0.123), '$0.12');
  assert.equal(formatCost(0), '$0.0000');
});

test('usage reported by the server, cache tokens included, is tracked with the call labels', async () => {
  harness = await startHarness({ llm: { planner: 'anthropic:claude-opus-4-6' } });
  harness.server.enqueue(
    reply.text('brief', {
      usage: {
        input_tokens: 50,
        output_tokens: 10,
        cache_creation_input_tokens: 2000,
        cache_read_input_tokens: 0,
      },
    }),
    reply.toolUse(
      'SpecTaskPlan',
      { tasks: [] },
      {
        usage: {
          input_tokens: 40,
          output_tokens: 30,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 2000,
        },
      },
    ),
  );
  const first = await harness.client.callText('brief', { system: 's', user: 'u', labels: { spec: 'AUTH' } });
  assert.equal(first.usage.cacheWrite, 2000);
  const second = await harness.client.callStructured('planner', {
    system: 's',
    user: 'u',
    schema: specTaskPlanSchema,
    name: 'SpecTaskPlan',
    labels: { spec: 'AUTH', operation: 'planner' },
  });
  assert.equal(second.usage.cacheRead, 2000);
  assert.equal(
    second.usage.costUsd,
    (40 * 5 + 30 * 25 + 2000 * 0.5) / 1e6,
    'priced as Opus, the planner model',
  );

  const run = harness.client.usage.total();
  assert.equal(run.requests, 2);
  assert.equal(run.cacheRead, 2000);
  assert.equal(run.cacheWrite, 2000);
  assert.equal(harness.client.usage.bySpec().get('AUTH')?.requests, 2);
  assert.equal(harness.client.usage.calls[1]?.labels.operation, 'planner');
  assert.ok(Math.abs(cachedInputShare(run) - 2000 / 4090) < 1e-12);

  const responses = harness.events.filter((event) => event.type === 'response');
  assert.equal(responses.length, 2);
});
