/**
 * The model layer (DESIGN.md "llm/"): the only code that talks to a model, over `@anthropic-ai/sdk`.
 * Create one {@link LlmClient} per run with `createLlmClient({ config, onEvent })`.
 */
export {
  type AgentRequest,
  type AgentResult,
  type AgentTool,
  DEFAULT_MAX_REQUESTS,
  defineTool,
} from './agent';
export {
  createLlmClient,
  LlmClient,
  type LlmClientOptions,
  type TextRequest,
  type TextResult,
} from './client';
export {
  type FailureReason,
  LlmConfigError,
  LlmError,
  LlmRequestError,
  RequestLimitError,
  StructuredOutputError,
  ToolRetriesExhaustedError,
  ToolRetry,
} from './errors';
export type { LlmEvent, LlmEventListener } from './events';
export { ANTHROPIC_PRICES, costOf, type ModelPrice, priceOf, type TokenCounts } from './prices';
export {
  ANTHROPIC_DEFAULT_BASE_URL,
  API_KEY_ENV,
  apiKeyFrom,
  checkLlmSetup,
  type Env,
  ollamaSdkBaseUrl,
  type ResolvedModel,
  resolveModel,
} from './resolve';
export { DEFAULT_RETRY_POLICY, type RetryPolicy, retryAfterFrom } from './retry';
export * from './schemas';
export type { StructuredRequest, StructuredResult } from './structured';
export {
  type CallUsage,
  cachedInputShare,
  EMPTY_USAGE,
  formatCost,
  formatTokens,
  summarize,
  type UsageLabels,
  type UsageSummary,
  UsageTracker,
} from './usage';
