import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import {
  checkLlmSetup,
  LlmClient,
  LlmConfigError,
  ollamaSdkBaseUrl,
  resolveModel,
} from '../../shared/src/llm';
import { llmConfig, startHarness, TEST_KEY } from '../support/llm-harness';
import { reply, startScriptedServer } from '../support/scripted-messages-server';

const servers: { close(): Promise<void> }[] = [];
after(async () => {
  for (const server of servers) await server.close();
});

test('anthropic: goes to [llm] base_url, else ANTHROPIC_BASE_URL, else the Anthropic API', () => {
  const env = { ANTHROPIC_BASE_URL: 'https://gateway.example/anthropic/' };
  assert.equal(resolveModel(llmConfig(), 'audit', {}).baseURL, 'https://api.anthropic.com');
  assert.equal(resolveModel(llmConfig(), 'audit', env).baseURL, 'https://gateway.example/anthropic');
  const configured = resolveModel(llmConfig({ base_url: 'http://proxy.local:8080' }), 'audit', env);
  assert.equal(configured.baseURL, 'http://proxy.local:8080');
  assert.equal(configured.baseURLSource, '[llm] base_url');
  assert.equal(configured.model, 'claude-sonnet-4-6');
  assert.equal(configured.needsApiKey, true);
});

test('role overrides pick their own model; unset roles fall back to [llm] model', () => {
  const config = llmConfig({ planner: 'anthropic:claude-opus-4-6', build: 'ollama:qwen3-coder' });
  assert.equal(resolveModel(config, 'planner', {}).model, 'claude-opus-4-6');
  assert.equal(resolveModel(config, 'planner', {}).setting, '[llm] planner');
  assert.equal(resolveModel(config, 'audit', {}).setting, '[llm] model');
  const build = resolveModel(config, 'build', {});
  assert.equal(build.provider, 'ollama');
  assert.equal(build.needsApiKey, false);
});

test("ollama: the SDK gets Ollama's host, without the OpenAI-style /v1 of ollama_base_url", () => {
  assert.equal(ollamaSdkBaseUrl('http://localhost:11434/v1'), 'http://localhost:11434');
  assert.equal(ollamaSdkBaseUrl('http://gpu-box:11434/v1/'), 'http://gpu-box:11434');
  assert.equal(ollamaSdkBaseUrl('http://gpu-box:11434'), 'http://gpu-box:11434');
  const config = llmConfig({ model: 'ollama:llama3' });
  assert.equal(resolveModel(config, 'audit', {}).baseURL, 'http://localhost:11434');
  const fromEnv = resolveModel(config, 'audit', { OLLAMA_BASE_URL: 'http://other:9999/v1' });
  assert.equal(fromEnv.baseURL, 'http://other:9999');
  assert.equal(fromEnv.baseURLSource, 'OLLAMA_BASE_URL');
});

test('other providers are a configuration error that says what is supported and how to use base_url', () => {
  const config = llmConfig({ audit: 'openai:gpt-4o' });
  assert.throws(
    () => resolveModel(config, 'audit', {}),
    (error: unknown) => {
      assert.ok(error instanceof LlmConfigError);
      assert.match(error.message, /\[llm\] audit = "openai:gpt-4o"/);
      assert.match(error.message, /provider "openai" .*not supported/);
      assert.match(error.message, /anthropic:<model>/);
      assert.match(error.message, /ollama:<model>/);
      assert.match(error.message, /base_url/);
      return true;
    },
  );
  for (const model of ['mistral:mistral-large', 'openrouter:anthropic/claude-sonnet-4', 'nosuch:x']) {
    assert.throws(() => resolveModel(llmConfig({ model }), 'build', {}), LlmConfigError);
  }
});

test('a model without provider prefix gets a suggestion', () => {
  assert.throws(
    () => resolveModel(llmConfig({ model: 'claude-sonnet-4-6' }), 'audit', {}),
    /no provider prefix.*Did you mean "anthropic:claude-sonnet-4-6"/s,
  );
  assert.throws(() => resolveModel(llmConfig({ model: 'anthropic:' }), 'audit', {}), /names no model/);
  assert.throws(() => resolveModel(llmConfig({ model: 'test' }), 'audit', {}), LlmConfigError);
});

test('a missing key is reported before any work, with the export line to run', async () => {
  const server = await startScriptedServer();
  servers.push(server);
  assert.throws(
    () => new LlmClient({ config: llmConfig({ base_url: server.url }), env: { ANTHROPIC_API_KEY: '  ' } }),
    (error: unknown) => {
      assert.ok(error instanceof LlmConfigError);
      assert.match(error.message, /ANTHROPIC_API_KEY is not set/);
      assert.match(error.message, /export ANTHROPIC_API_KEY=/);
      assert.match(error.message, /anthropic:claude-sonnet-4-6 \(audit, planner, build/);
      return true;
    },
  );
  assert.equal(server.requests.length, 0);
});

test('every problem is reported at once; ollama-only setups need no key', () => {
  const config = llmConfig({
    model: 'ollama:llama3',
    audit: 'openai:gpt-4o',
    reviewer: 'anthropic:claude-haiku-4-5',
  });
  assert.throws(
    () => checkLlmSetup(config, {}),
    (error: unknown) => {
      assert.ok(error instanceof LlmConfigError);
      assert.match(error.message, /openai/);
      assert.match(error.message, /ANTHROPIC_API_KEY is not set.*claude-haiku-4-5 \(reviewer\)/s);
      return true;
    },
  );
  assert.equal(checkLlmSetup(llmConfig({ model: 'ollama:llama3' }), {}).size, 7);
  // Only the roles asked for are checked.
  assert.equal(checkLlmSetup(config, {}, ['build']).get('build')?.provider, 'ollama');
});

test('ollama requests arrive at ollama_base_url, without the Anthropic key', async () => {
  const server = await startScriptedServer({ expectedKey: TEST_KEY });
  servers.push(server);
  server.enqueue(reply.text('hello from ollama'));
  const client = new LlmClient({
    config: llmConfig({ model: 'ollama:qwen3-coder', ollama_base_url: `${server.url}/v1` }),
    env: { ANTHROPIC_API_KEY: TEST_KEY },
  });
  const result = await client.callText('audit', { system: 'Be brief.', user: 'Hi' });
  assert.equal(result.text, 'hello from ollama');
  assert.equal(server.requests.length, 1);
  const [request] = server.requests;
  assert.equal(request?.path, '/v1/messages');
  assert.equal(request?.body.model, 'qwen3-coder');
  assert.equal(request?.credential, 'other', 'a placeholder credential, never the Anthropic key');
  assert.equal(result.usage.costUsd, null, 'no price is known for a local model');
});

test('ANTHROPIC_BASE_URL routes anthropic: models to a compatible service', async () => {
  const server = await startScriptedServer({ expectedKey: TEST_KEY });
  servers.push(server);
  server.enqueue(reply.text('via env'));
  const client = new LlmClient({
    config: llmConfig(),
    env: { ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: server.url },
  });
  assert.equal((await client.callText('brief', { system: 's', user: 'u' })).text, 'via env');
  assert.equal(server.requests[0]?.credential, 'expected');
  assert.equal(server.requests[0]?.body.model, 'claude-sonnet-4-6');
});

test('[llm] base_url wins over ANTHROPIC_BASE_URL', async () => {
  const harness = await startHarness({
    env: { ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' },
  });
  servers.push(harness);
  harness.server.enqueue(reply.text('via config'));
  assert.equal((await harness.client.callText('audit', { system: 's', user: 'u' })).text, 'via config');
  assert.equal(harness.server.requests.length, 1);
});
