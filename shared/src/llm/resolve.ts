import { LLM_ROLES, type LlmRole, modelForRole, type OssatureConfig } from '../model/config';
import { PROVIDERS, splitModelString, TEST_MODEL } from '../model/providers';
import { LlmConfigError } from './errors';

/**
 * Where each role's requests go (reference §2.4, §8). Everything speaks the Anthropic Messages API
 * through `@anthropic-ai/sdk`:
 *
 * - `anthropic:<model>` → `[llm] base_url`, else env `ANTHROPIC_BASE_URL`, else https://api.anthropic.com.
 *   Any service with an Anthropic-compatible endpoint (a gateway, a proxy) is reached this way.
 * - `ollama:<model>` → Ollama's Anthropic-compatible endpoint. Ollama serves it at `<host>/v1/messages`
 *   and the SDK appends `/v1/messages` itself, so the SDK gets the bare host: env `OLLAMA_BASE_URL`, else
 *   `[llm] ollama_base_url` (default `http://localhost:11434/v1`, the original's OpenAI-style root),
 *   with a trailing `/v1` removed. The env variable wins, as it did in the original.
 *
 * Any other provider is a configuration error.
 */

export type EndpointKind = 'anthropic' | 'ollama';

export interface ResolvedModel {
  role: LlmRole;
  /** As written in ossature.toml, e.g. `anthropic:claude-sonnet-4-6`. */
  modelString: string;
  provider: EndpointKind;
  /** The model name sent in requests. */
  model: string;
  /** Base URL given to the SDK (it appends `/v1/messages`). */
  baseURL: string;
  /** Which setting chose the base URL, for messages. */
  baseURLSource: string;
  /** True when requests carry `ANTHROPIC_API_KEY` (never for Ollama). */
  needsApiKey: boolean;
  /** The ossature.toml key the model string came from: `[llm] audit` or `[llm] model`. */
  setting: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com';
export const API_KEY_ENV = 'ANTHROPIC_API_KEY';

const SUPPORTED =
  'Supported providers: "anthropic:<model>" (the Anthropic API, or any service with an Anthropic-compatible endpoint set as [llm] base_url or ANTHROPIC_BASE_URL) and "ollama:<model>" (a local Ollama, [llm] ollama_base_url).';

/** The API key from the environment, trimmed; undefined when unset or blank. */
export function apiKeyFrom(env: Env): string | undefined {
  const key = env[API_KEY_ENV]?.trim();
  return key ? key : undefined;
}

/** Resolves one role's model string to an endpoint, or throws {@link LlmConfigError}. */
export function resolveModel(config: OssatureConfig, role: LlmRole, env: Env): ResolvedModel {
  const modelString = modelForRole(config, role).trim();
  const setting = config.llm[role] !== undefined ? `[llm] ${role}` : '[llm] model';
  const where = `${setting} = "${modelString}"`;
  const { provider, name } = splitModelString(modelString);
  if (modelString === TEST_MODEL) {
    throw new LlmConfigError(
      `${where}: the "test" model of the original tool does not exist here. ${SUPPORTED}`,
    );
  }
  if (provider === undefined) {
    const guess = name.startsWith('claude') ? ` Did you mean "anthropic:${name}"?` : '';
    throw new LlmConfigError(
      `${where} has no provider prefix; write it as "provider:model".${guess} ${SUPPORTED}`,
    );
  }
  if (name.trim() === '') {
    throw new LlmConfigError(`${where} names no model after "${provider}:". ${SUPPORTED}`);
  }
  if (provider === 'anthropic') {
    const fromConfig = config.llm.base_url?.trim();
    const fromEnv = env.ANTHROPIC_BASE_URL?.trim();
    const [baseURL, baseURLSource] = fromConfig
      ? [fromConfig, '[llm] base_url']
      : fromEnv
        ? [fromEnv, 'ANTHROPIC_BASE_URL']
        : [ANTHROPIC_DEFAULT_BASE_URL, 'default'];
    return {
      role,
      modelString,
      provider,
      model: name,
      baseURL: checkedUrl(baseURL, baseURLSource),
      baseURLSource,
      needsApiKey: true,
      setting,
    };
  }
  if (provider === 'ollama') {
    const fromEnv = env.OLLAMA_BASE_URL?.trim();
    const [raw, baseURLSource] = fromEnv
      ? [fromEnv, 'OLLAMA_BASE_URL']
      : [config.llm.ollama_base_url.trim(), '[llm] ollama_base_url'];
    return {
      role,
      modelString,
      provider,
      model: name,
      baseURL: ollamaSdkBaseUrl(checkedUrl(raw, baseURLSource)),
      baseURLSource,
      needsApiKey: false,
      setting,
    };
  }
  const known = provider in PROVIDERS ? '' : ' (an unknown provider)';
  throw new LlmConfigError(
    `${where}: provider "${provider}"${known} is not supported. ${SUPPORTED} If ${provider} offers an Anthropic-compatible endpoint, use "anthropic:${name}" with [llm] base_url pointing at it.`,
  );
}

/** `http://host:11434/v1/` → `http://host:11434`: the SDK appends `/v1/messages` itself. */
export function ollamaSdkBaseUrl(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/v1$/, '');
}

function checkedUrl(url: string, source: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new LlmConfigError(
      `${source} = "${url}" is not an http(s) URL; set it to e.g. "http://localhost:11434".`,
    );
  }
  return url.replace(/\/+$/, '');
}

/**
 * Resolves the given roles (default: every role, as the original checked each configured role) and checks
 * that `ANTHROPIC_API_KEY` is set when any of them needs it. Collects every problem into one
 * {@link LlmConfigError} so the user fixes them in one go. Call it before any work.
 */
export function checkLlmSetup(
  config: OssatureConfig,
  env: Env,
  roles: readonly LlmRole[] = LLM_ROLES,
): Map<LlmRole, ResolvedModel> {
  const resolved = new Map<LlmRole, ResolvedModel>();
  const problems: string[] = [];
  for (const role of roles) {
    try {
      resolved.set(role, resolveModel(config, role, env));
    } catch (error) {
      if (!(error instanceof LlmConfigError)) throw error;
      if (!problems.includes(error.message)) problems.push(error.message);
    }
  }
  const keyed = [...resolved.values()].filter((model) => model.needsApiKey);
  if (keyed.length > 0 && apiKeyFrom(env) === undefined) problems.push(missingKeyMessage(keyed));
  if (problems.length > 0) throw new LlmConfigError(problems.join('\n'));
  return resolved;
}

function missingKeyMessage(models: ResolvedModel[]): string {
  const byModel = new Map<string, LlmRole[]>();
  for (const model of models)
    byModel.set(model.modelString, [...(byModel.get(model.modelString) ?? []), model.role]);
  const uses = [...byModel].map(([model, roles]) => `${model} (${roles.join(', ')})`).join('; ');
  return [
    `${API_KEY_ENV} is not set, and the configured model ${uses} needs it.`,
    'Set it in the shell that runs ossature, then run the command again:',
    `  export ${API_KEY_ENV}=sk-ant-...`,
    'Create a key at https://console.anthropic.com/settings/keys. A compatible service behind [llm] base_url takes its own key in the same variable; "ollama:<model>" needs none.',
  ].join('\n');
}
