/**
 * Model providers as `provider:model` strings name them (reference §8). One table: the API-key variable
 * each provider needs, and whether model names are free-form (not checked against a known list).
 */
export interface ProviderInfo {
  /** Environment variable holding the API key, if the provider needs one. */
  keyEnv?: string;
  /** Model names are not checked offline (gateways and local runtimes accept anything). */
  freeForm: boolean;
}

export const PROVIDERS: Record<string, ProviderInfo> = {
  anthropic: { keyEnv: 'ANTHROPIC_API_KEY', freeForm: false },
  openai: { keyEnv: 'OPENAI_API_KEY', freeForm: false },
  google: { keyEnv: 'GOOGLE_API_KEY', freeForm: false },
  'google-gla': { keyEnv: 'GOOGLE_API_KEY', freeForm: false },
  'google-vertex': { freeForm: false },
  groq: { keyEnv: 'GROQ_API_KEY', freeForm: true },
  cohere: { keyEnv: 'CO_API_KEY', freeForm: true },
  openrouter: { keyEnv: 'OPENROUTER_API_KEY', freeForm: true },
  xai: { keyEnv: 'XAI_API_KEY', freeForm: true },
  grok: { keyEnv: 'XAI_API_KEY', freeForm: true },
  mistral: { keyEnv: 'MISTRAL_API_KEY', freeForm: true },
  deepseek: { keyEnv: 'DEEPSEEK_API_KEY', freeForm: true },
  fireworks: { keyEnv: 'FIREWORKS_API_KEY', freeForm: true },
  together: { keyEnv: 'TOGETHER_API_KEY', freeForm: true },
  heroku: { keyEnv: 'HEROKU_INFERENCE_KEY', freeForm: true },
  github: { keyEnv: 'GITHUB_API_KEY', freeForm: true },
  nebius: { keyEnv: 'NEBIUS_API_KEY', freeForm: true },
  sambanova: { keyEnv: 'SAMBANOVA_API_KEY', freeForm: true },
  azure: { keyEnv: 'AZURE_OPENAI_API_KEY', freeForm: true },
  moonshotai: { keyEnv: 'MOONSHOTAI_API_KEY', freeForm: true },
  ovhcloud: { keyEnv: 'OVHCLOUD_API_KEY', freeForm: true },
  ollama: { freeForm: true },
  bedrock: { freeForm: true },
  huggingface: { freeForm: true },
  cerebras: { freeForm: true },
};

/** Anthropic model names checked offline; anything else gets a warning (it may still be valid). */
export const KNOWN_ANTHROPIC_MODELS = [
  'claude-opus-4-6',
  'claude-sonnet-4-6',
  'claude-opus-4-5',
  'claude-sonnet-4-5',
  'claude-haiku-4-5',
  'claude-opus-4-1',
  'claude-opus-4-0',
  'claude-sonnet-4-0',
  'claude-3-7-sonnet-latest',
  'claude-3-5-haiku-latest',
] as const;

/** The sentinel model of the original's test suite; accepted without a provider. */
export const TEST_MODEL = 'test';

export function splitModelString(model: string): { provider?: string; name: string } {
  const colon = model.indexOf(':');
  if (colon <= 0) return { name: model };
  return { provider: model.slice(0, colon), name: model.slice(colon + 1) };
}
