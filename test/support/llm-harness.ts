import { LlmClient, type LlmClientOptions, type LlmEvent } from '../../shared/src/llm';
import type { Env } from '../../shared/src/llm/resolve';
import { configSchema, type OssatureConfig } from '../../shared/src/model/config';
import { type ScriptedServer, startScriptedServer } from './scripted-messages-server';

/** A key-shaped secret: tests assert it reaches the server and nothing else. */
export const TEST_KEY = 'sk-ant-test-7f3c9e1d2b4a-DO-NOT-LEAK';

/** An ossature config whose `[llm]` section is `llm` over a default anthropic model. */
export function llmConfig(llm: Record<string, unknown> = {}): OssatureConfig {
  return configSchema.parse({ llm: { model: 'anthropic:claude-sonnet-4-6', ...llm } });
}

export interface Harness {
  server: ScriptedServer;
  client: LlmClient;
  events: LlmEvent[];
  /** Retry delays the client asked for (nominal ms); the harness waits only 1/1000 of each. */
  sleeps: number[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  llm?: Record<string, unknown>;
  env?: Env;
  client?: Partial<LlmClientOptions>;
}

/**
 * A scripted server plus a client pointed at it through `[llm] base_url`, with the test key, recorded
 * events, and retry delays scaled down (recorded at their nominal length).
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const server = await startScriptedServer({ expectedKey: TEST_KEY });
  const events: LlmEvent[] = [];
  const sleeps: number[] = [];
  const client = new LlmClient({
    config: llmConfig({ base_url: server.url, ...options.llm }),
    env: options.env ?? { ANTHROPIC_API_KEY: TEST_KEY },
    onEvent: (event) => events.push(event),
    sleep: (ms) => {
      sleeps.push(ms);
      return new Promise((resolve) => setTimeout(resolve, Math.min(20, ms / 1000)));
    },
    ...options.client,
  });
  return { server, client, events, sleeps, close: () => server.close() };
}
