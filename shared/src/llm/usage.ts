import type { LlmRole } from '../model/config';
import { costOf, type TokenCounts } from './prices';

/** What a call is charged to. The tracker itself is the run. */
export interface UsageLabels {
  spec?: string;
  task?: string;
  /** What the call was for, e.g. `spec-audit`, `planner`, `implement`. */
  operation?: string;
}

/** One completed request: its tokens and its cost, priced with that request's own model. */
export interface CallUsage extends TokenCounts {
  role: LlmRole;
  provider: string;
  model: string;
  labels: UsageLabels;
  /** USD, or null when the model's price is unknown. */
  costUsd: number | null;
}

export interface UsageSummary extends TokenCounts {
  requests: number;
  /** USD; null when any call in the summary has an unknown price (a partial sum would be wrong). */
  costUsd: number | null;
  /** USD of the calls whose price is known. */
  knownCostUsd: number;
  /** `provider:model` of calls without a price, each once. */
  unpricedModels: string[];
}

export const EMPTY_USAGE: Readonly<UsageSummary> = Object.freeze({
  input: 0,
  output: 0,
  cacheRead: 0,
  cacheWrite: 0,
  requests: 0,
  costUsd: 0,
  knownCostUsd: 0,
  unpricedModels: [],
});

/** Builds the record of one request from the API's usage object. */
export function callUsage(
  role: LlmRole,
  provider: string,
  model: string,
  labels: UsageLabels,
  usage: {
    input_tokens?: number | null;
    output_tokens?: number | null;
    cache_read_input_tokens?: number | null;
    cache_creation_input_tokens?: number | null;
  },
): CallUsage {
  const tokens: TokenCounts = {
    input: usage.input_tokens ?? 0,
    output: usage.output_tokens ?? 0,
    cacheRead: usage.cache_read_input_tokens ?? 0,
    cacheWrite: usage.cache_creation_input_tokens ?? 0,
  };
  return {
    role,
    provider,
    model,
    labels: { ...labels },
    ...tokens,
    costUsd: costOf(provider, model, tokens),
  };
}

/** Adds calls up; cost is the sum of each call's own cost (never re-priced with one model). */
export function summarize(calls: Iterable<CallUsage>): UsageSummary {
  const sum = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, requests: 0, knownCostUsd: 0 };
  const unpriced = new Set<string>();
  for (const call of calls) {
    sum.input += call.input;
    sum.output += call.output;
    sum.cacheRead += call.cacheRead;
    sum.cacheWrite += call.cacheWrite;
    sum.requests += 1;
    if (call.costUsd === null) unpriced.add(`${call.provider}:${call.model}`);
    else sum.knownCostUsd += call.costUsd;
  }
  return { ...sum, costUsd: unpriced.size > 0 ? null : sum.knownCostUsd, unpricedModels: [...unpriced] };
}

/**
 * Usage of a run, call by call, with roll-ups per task, per spec, per model and in total. Record through
 * the model client (it labels each call); read anywhere.
 */
export class UsageTracker {
  readonly #calls: CallUsage[] = [];
  readonly #listeners = new Set<(call: CallUsage) => void>();

  record(call: CallUsage): void {
    this.#calls.push(call);
    for (const listener of this.#listeners) listener(call);
  }

  /** Calls a function on every recorded call from now on; returns the unsubscribe function. */
  onRecord(listener: (call: CallUsage) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get calls(): readonly CallUsage[] {
    return this.#calls;
  }

  /** A position to pass to {@link since}. */
  mark(): number {
    return this.#calls.length;
  }

  /** Usage of the calls recorded after `mark`. */
  since(mark: number): UsageSummary {
    return summarize(this.#calls.slice(mark));
  }

  /** The whole run. */
  total(): UsageSummary {
    return summarize(this.#calls);
  }

  /** Calls whose labels match every label given (or that pass the predicate). */
  summary(filter: UsageLabels | ((call: CallUsage) => boolean)): UsageSummary {
    const test =
      typeof filter === 'function'
        ? filter
        : (call: CallUsage) =>
            Object.entries(filter).every(
              ([key, value]) => value === undefined || call.labels[key as keyof UsageLabels] === value,
            );
    return summarize(this.#calls.filter(test));
  }

  bySpec(): Map<string, UsageSummary> {
    return this.#group((call) => call.labels.spec);
  }

  byTask(): Map<string, UsageSummary> {
    return this.#group((call) => call.labels.task);
  }

  /** Keyed by `provider:model`. */
  byModel(): Map<string, UsageSummary> {
    return this.#group((call) => `${call.provider}:${call.model}`);
  }

  #group(keyOf: (call: CallUsage) => string | undefined): Map<string, UsageSummary> {
    const groups = new Map<string, CallUsage[]>();
    for (const call of this.#calls) {
      const key = keyOf(call);
      if (key === undefined) continue;
      const group = groups.get(key);
      if (group) group.push(call);
      else groups.set(key, [call]);
    }
    return new Map([...groups].map(([key, calls]) => [key, summarize(calls)]));
  }
}

/** Share of input tokens served from the prompt cache (0..1); 0 when there was no input. */
export function cachedInputShare(usage: TokenCounts): number {
  const all = usage.input + usage.cacheRead + usage.cacheWrite;
  return all === 0 ? 0 : usage.cacheRead / all;
}

/** `500`, `1.5k`, `1.5M` (reference §8). */
export function formatTokens(count: number): string {
  if (count < 1000) return String(count);
  if (count < 999_950) return `${trimZero((count / 1000).toFixed(1))}k`;
  return `${trimZero((count / 1_000_000).toFixed(1))}M`;
}

/** `$0.0042` below one cent, else `$0.12`; `?` when unknown (reference §8). */
export function formatCost(usd: number | null): string {
  if (usd === null) return '?';
  return usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

function trimZero(text: string): string {
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}
