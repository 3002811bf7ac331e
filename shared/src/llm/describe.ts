import type { LlmRole } from '../model/config';
import type { ResolvedModel } from './resolve';
import type { Failure } from './retry';

/**
 * The one-line cause of a failed request, saying what is wrong and what to do (reference §8's error
 * panels: 404 model rejected, 402 credits, 429 rate limit, 5xx provider trouble, connection problems).
 */
export function describeFailure(
  failure: Failure,
  model: ResolvedModel,
  role: LlmRole,
  attempts: number,
  retryAfterTooLong: boolean,
): string {
  const who = `${model.modelString} (${role}) at ${model.baseURL}`;
  const detail = failure.detail ? `: ${failure.detail}` : '';
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  if (retryAfterTooLong && failure.retryAfterMs !== undefined) {
    return `${who} is rate limited and asked to wait ${Math.ceil(failure.retryAfterMs / 1000)} s${detail}. Try again later.`;
  }
  switch (failure.reason) {
    case 'rate-limited':
      return `${who} kept rate-limiting requests${tries}${detail}. Wait a little, lower [build] jobs, or raise your API rate limits.`;
    case 'overloaded':
      return `${who} stayed overloaded${tries}${detail}. Try again in a few minutes.`;
    case 'server-error':
      return `${who} kept failing with a server error${tries}${detail}. The provider has trouble; try again later.`;
    case 'timeout':
      return `${who} did not answer in time${tries}. Check the connection, or raise [llm] request_timeout for slow models.`;
    case 'connection':
    case 'incomplete-stream':
      return model.provider === 'ollama'
        ? `Could not reach Ollama at ${model.baseURL}${tries}${detail}. Start it with \`ollama serve\`, or set [llm] ollama_base_url.`
        : `Could not reach ${model.baseURL}${tries}${detail}. Check the network, [llm] base_url and ANTHROPIC_BASE_URL.`;
  }
  switch (failure.status) {
    case 401:
      return `${who} rejected the API key (401)${detail}. Check ANTHROPIC_API_KEY.`;
    case 402:
      return `${who} refused the request: insufficient credits (402)${detail}. Add credits to the account.`;
    case 403:
      return `${who} denied access (403)${detail}. Check that the key may use this model.`;
    case 404:
      return model.provider === 'ollama'
        ? `Ollama at ${model.baseURL} does not have model "${model.model}" (404)${detail}. Run \`ollama pull ${model.model}\`, or fix ${model.setting}.`
        : `${who} was not found (404)${detail}. Check the model name in ${model.setting} and [llm] base_url.`;
    case 413:
      return `${who} rejected the request as too large (413)${detail}. Split the spec or shorten the prompt.`;
  }
  if (failure.status !== undefined) {
    return `${who} rejected the request (HTTP ${failure.status})${detail}. Check the [llm] configuration.`;
  }
  return `${who} failed${detail}.`;
}
