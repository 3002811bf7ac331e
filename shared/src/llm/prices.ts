/**
 * The one price table: USD per million tokens for the Claude models of `KNOWN_ANTHROPIC_MODELS`
 * (shared/src/model/providers.ts), from Anthropic's published pricing. `cacheWrite` is the 5-minute
 * ephemeral write rate (1.25 × input), the only cache this layer asks for; `cacheRead` is the cache-hit
 * rate (0.1 × input). Long-context surcharges (the 1M-token beta of some Sonnet models) are not modelled:
 * this layer never requests that beta.
 *
 * A model not listed here, or any model reached through another provider (Ollama), has an unknown cost,
 * shown as unknown — never a guess. Update this file when prices change; nothing else holds a price.
 */

export interface ModelPrice {
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
  /** The model's output cap (max_tokens); requests ask for no more than this. */
  maxOutputTokens: number;
}

const OPUS_4_5: ModelPrice = {
  input: 5,
  output: 25,
  cacheWrite: 6.25,
  cacheRead: 0.5,
  maxOutputTokens: 64_000,
};
const OPUS_4: ModelPrice = {
  input: 15,
  output: 75,
  cacheWrite: 18.75,
  cacheRead: 1.5,
  maxOutputTokens: 32_000,
};
const SONNET: ModelPrice = {
  input: 3,
  output: 15,
  cacheWrite: 3.75,
  cacheRead: 0.3,
  maxOutputTokens: 64_000,
};

export const ANTHROPIC_PRICES: Readonly<Record<string, ModelPrice>> = {
  'claude-opus-4-6': { ...OPUS_4_5, maxOutputTokens: 128_000 },
  'claude-sonnet-4-6': SONNET,
  'claude-opus-4-5': OPUS_4_5,
  'claude-sonnet-4-5': SONNET,
  'claude-haiku-4-5': { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1, maxOutputTokens: 64_000 },
  'claude-opus-4-1': OPUS_4,
  'claude-opus-4-0': OPUS_4,
  'claude-sonnet-4-0': SONNET,
  'claude-3-7-sonnet-latest': SONNET,
  'claude-3-5-haiku-latest': {
    input: 0.8,
    output: 4,
    cacheWrite: 1,
    cacheRead: 0.08,
    maxOutputTokens: 8_192,
  },
};

/** Other spellings of the same models: dated snapshots and the short `-4` names. */
const ALIASES: Readonly<Record<string, string>> = {
  'claude-opus-4': 'claude-opus-4-0',
  'claude-sonnet-4': 'claude-sonnet-4-0',
  'claude-3-7-sonnet': 'claude-3-7-sonnet-latest',
  'claude-3-5-haiku': 'claude-3-5-haiku-latest',
};

/** The price of `model` on `provider`, or undefined when unknown. Dated snapshots map to their model. */
export function priceOf(provider: string, model: string): ModelPrice | undefined {
  if (provider !== 'anthropic') return undefined;
  const undated = model.replace(/-\d{8}$/, '');
  const name = ALIASES[undated] ?? undated;
  return ANTHROPIC_PRICES[name];
}

export interface TokenCounts {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

/** Cost in USD of one call, or null when the model's price is unknown. */
export function costOf(provider: string, model: string, tokens: TokenCounts): number | null {
  const price = priceOf(provider, model);
  if (!price) return null;
  return (
    (tokens.input * price.input +
      tokens.output * price.output +
      tokens.cacheWrite * price.cacheWrite +
      tokens.cacheRead * price.cacheRead) /
    1_000_000
  );
}
