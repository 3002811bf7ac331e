import type {
  ContentBlockParam,
  MessageParam,
  Tool,
  ToolUseBlock,
} from '@anthropic-ai/sdk/resources/messages';
import type { z } from 'zod';
import { assistantContent, describeZodError, inputSchemaOf, jsonInText, textOf, toolUses } from './content';
import { StructuredOutputError } from './errors';
import type { ModelCall } from './request';
import { summarize, type UsageLabels, type UsageSummary } from './usage';

export interface StructuredRequest<S extends z.ZodType> {
  system: string;
  user: string;
  /** The output model; its JSON Schema is the forced tool's `input_schema`. */
  schema: S;
  /** The output type, e.g. `SpecAuditReport`; also the forced tool's name. */
  name: string;
  /** The tool's description; a generic one by default. */
  description?: string;
  /**
   * Checks beyond the schema (the planner's verify-command validator, §4.8). A returned message is fed
   * back to the model like a validation error and counts against `[llm] retries`.
   */
  validate?: (value: z.output<S>) => string | undefined;
  labels?: UsageLabels;
  maxTokens?: number;
  onText?: (delta: string, textSoFar: string) => void;
  signal?: AbortSignal;
}

export interface StructuredResult<T> {
  value: T;
  usage: UsageSummary;
  requests: number;
  /** Invalid outputs asked for again. */
  retries: number;
}

/**
 * Structured output by a forced tool call (`tool_choice: {type: 'tool', name}`). The reply is validated
 * with zod; an invalid one is sent back as an `is_error` tool result carrying zod's report, up to
 * `[llm] retries` times, after which {@link StructuredOutputError} is thrown.
 */
export async function runStructured<S extends z.ZodType>(
  call: ModelCall,
  request: StructuredRequest<S>,
): Promise<StructuredResult<z.output<S>>> {
  const { name, schema } = request;
  const tool: Tool = {
    name,
    description:
      request.description ??
      `Return the ${name}: call this tool once, with the complete ${name} as its input.`,
    input_schema: inputSchemaOf(schema, name),
  };
  const maxRetries = call.config.llm.retries;
  const messages: MessageParam[] = [{ role: 'user', content: request.user }];
  for (let retry = 0; ; retry++) {
    const message = await call.send({
      system: request.system,
      messages,
      tools: [tool],
      toolChoice: { type: 'tool', name },
      ...(request.maxTokens !== undefined ? { maxTokens: request.maxTokens } : {}),
    });
    const uses = toolUses(message);
    const use = uses.find((block) => block.name === name);
    const candidate = use ? use.input : jsonInText(textOf(message));
    let problem: string;
    if (candidate === undefined) {
      problem = `Answer by calling the ${name} tool with the complete ${name} as its input.`;
    } else {
      const parsed = schema.safeParse(candidate);
      if (parsed.success) {
        const invalid = request.validate?.(parsed.data);
        if (!invalid) {
          const usage = summarize(call.calls);
          return { value: parsed.data, usage, requests: usage.requests, retries: retry };
        }
        problem = invalid;
      } else {
        problem = `The ${name} is invalid:\n${describeZodError(parsed.error)}\nFix these fields and call ${name} again with the complete, corrected ${name}.`;
      }
    }
    if (message.stop_reason === 'max_tokens') {
      problem = `Your reply was cut off at the output limit before the ${name} was complete; give a shorter, complete ${name}.\n${problem}`;
    }
    if (retry >= maxRetries) {
      throw new StructuredOutputError(
        `${call.resolved.modelString} (${call.role}) did not return a valid ${name} after ${retry + 1} attempt(s) ([llm] retries = ${maxRetries}). Last problem: ${problem}`,
        name,
        problem,
      );
    }
    call.emit({
      type: 'output-retry',
      role: call.role,
      model: call.resolved.modelString,
      labels: call.labels,
      output: name,
      retry: retry + 1,
      maxRetries,
      problem,
    });
    const content = assistantContent(message);
    if (content.length > 0) messages.push({ role: 'assistant', content });
    messages.push({ role: 'user', content: feedback(uses, use, problem, name) });
  }
}

/** The next user turn: a tool result for every tool call (the API requires one each), or plain text. */
function feedback(
  uses: ToolUseBlock[],
  use: ToolUseBlock | undefined,
  problem: string,
  name: string,
): ContentBlockParam[] {
  if (uses.length === 0) return [{ type: 'text', text: problem }];
  return uses.map((block) => ({
    type: 'tool_result',
    tool_use_id: block.id,
    is_error: true,
    content:
      block === use
        ? problem
        : block.name === name
          ? `Only the first ${name} call is read; send one call with the whole ${name}.`
          : `There is no tool "${block.name}". ${problem}`,
  }));
}
