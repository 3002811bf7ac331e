import Anthropic from '@anthropic-ai/sdk';
import type { z } from 'zod';
import type { LlmRole, OssatureConfig } from '../model/config';
import { type AgentRequest, type AgentResult, runToolLoop } from './agent';
import { textOf } from './content';
import type { LlmEvent, LlmEventListener } from './events';
import { logLine, makeRedactor, type Redactor } from './redact';
import { type ModelCall, modelCall } from './request';
import { apiKeyFrom, checkLlmSetup, type Env, type ResolvedModel } from './resolve';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, sleep } from './retry';
import { runStructured, type StructuredRequest, type StructuredResult } from './structured';
import { summarize, type UsageLabels, type UsageSummary, UsageTracker } from './usage';

export interface LlmClientOptions {
  config: OssatureConfig;
  /** Where `ANTHROPIC_API_KEY`, `ANTHROPIC_BASE_URL`, `OLLAMA_BASE_URL` are read; default `process.env`. */
  env?: Env;
  /** Roles checked (provider, key) when the client is created; default every role. */
  roles?: readonly LlmRole[];
  onEvent?: LlmEventListener;
  /** The run's tracker; a new one by default. */
  usage?: UsageTracker;
  /**
   * Per request: the longest wait for the response to start and between two stream events, in ms.
   * Default `[llm] request_timeout` (seconds).
   */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** How retry delays are waited out; tests pass a scaled one. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Cancels every request of this client. */
  signal?: AbortSignal;
  /** Which SDK log lines become `log` events; default `warn`. */
  sdkLogLevel?: 'debug' | 'info' | 'warn' | 'error' | 'off';
}

export interface TextRequest {
  system: string;
  user: string;
  labels?: UsageLabels;
  maxTokens?: number;
  onText?: (delta: string, textSoFar: string) => void;
  signal?: AbortSignal;
}

export interface TextResult {
  text: string;
  stopReason: string | null;
  usage: UsageSummary;
}

/**
 * The model client: the only way the rest of the code talks to a model. Creating one checks the
 * configuration and the API key (throwing {@link LlmConfigError} with what to do) before any work.
 */
export class LlmClient {
  readonly usage: UsageTracker;
  readonly #options: LlmClientOptions;
  readonly #env: Env;
  readonly #models: Map<LlmRole, ResolvedModel>;
  readonly #sdks = new Map<string, Anthropic>();
  readonly #redact: Redactor;
  readonly #policy: RetryPolicy;

  constructor(options: LlmClientOptions) {
    this.#options = options;
    this.#env = options.env ?? process.env;
    this.#models = checkLlmSetup(options.config, this.#env, options.roles);
    this.usage = options.usage ?? new UsageTracker();
    this.#redact = makeRedactor([apiKeyFrom(this.#env)]);
    this.#policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  }

  /** Where a role's requests go. */
  model(role: LlmRole): ResolvedModel {
    let model = this.#models.get(role);
    if (!model) {
      model = checkLlmSetup(this.#options.config, this.#env, [role]).get(role)!;
      this.#models.set(role, model);
    }
    return model;
  }

  /** One plain text answer (briefs, interface inference). */
  async callText(role: LlmRole, request: TextRequest): Promise<TextResult> {
    const call = this.#call(role, request.labels, request.onText, request.signal);
    const message = await call.send({
      system: request.system,
      messages: [{ role: 'user', content: request.user }],
      ...(request.maxTokens !== undefined ? { maxTokens: request.maxTokens } : {}),
    });
    return { text: textOf(message), stopReason: message.stop_reason, usage: summarize(call.calls) };
  }

  /** A structured output of type `request.name`, validated with `request.schema` (see runStructured). */
  callStructured<S extends z.ZodType>(
    role: LlmRole,
    request: StructuredRequest<S>,
  ): Promise<StructuredResult<z.output<S>>> {
    return runStructured(this.#call(role, request.labels, request.onText, request.signal), request);
  }

  /** A tool-loop agent run (see runToolLoop). */
  runAgent(request: AgentRequest): Promise<AgentResult> {
    return runToolLoop(this.#call(request.role, request.labels, request.onText, request.signal), request);
  }

  #call(
    role: LlmRole,
    labels: UsageLabels | undefined,
    onText: ((delta: string, textSoFar: string) => void) | undefined,
    signal: AbortSignal | undefined,
  ): ModelCall {
    const resolved = this.model(role);
    const signals = [this.#options.signal, signal].filter((s): s is AbortSignal => s !== undefined);
    const combined = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    return modelCall({
      sdk: this.#sdk(resolved),
      resolved,
      role,
      labels: labels ?? {},
      config: this.#options.config,
      policy: this.#policy,
      timeoutMs: this.#options.timeoutMs ?? this.#options.config.llm.request_timeout * 1000,
      sleep: this.#options.sleep ?? sleep,
      ...(combined ? { signal: combined } : {}),
      usage: this.usage,
      emit: (event) => this.#emit(event),
      redact: this.#redact,
      ...(onText ? { onText } : {}),
    });
  }

  #emit(event: LlmEvent): void {
    this.#options.onEvent?.(this.#redact(event));
  }

  #sdk(resolved: ResolvedModel): Anthropic {
    const apiKey = resolved.needsApiKey ? apiKeyFrom(this.#env) : 'ollama';
    const id = `${resolved.baseURL}\n${resolved.needsApiKey}`;
    let sdk = this.#sdks.get(id);
    if (!sdk) {
      const log =
        (level: 'debug' | 'info' | 'warn' | 'error') =>
        (...args: unknown[]) =>
          this.#emit({ type: 'log', level, message: logLine(args) });
      sdk = new Anthropic({
        // The ollama placeholder stops the SDK from looking for credentials on disk; Ollama ignores it.
        apiKey: apiKey ?? null,
        baseURL: resolved.baseURL,
        maxRetries: 0,
        logLevel: this.#options.sdkLogLevel ?? 'warn',
        logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
        openTelemetry: false,
      });
      this.#sdks.set(id, sdk);
    }
    return sdk;
  }
}

/** Creates a client; throws {@link LlmConfigError} when the configuration or the key is not usable. */
export function createLlmClient(options: LlmClientOptions): LlmClient {
  return new LlmClient(options);
}
