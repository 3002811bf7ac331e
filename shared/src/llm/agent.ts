import type {
  MessageParam,
  Tool,
  ToolResultBlockParam,
  ToolUseBlock,
} from '@anthropic-ai/sdk/resources/messages';
import type { z } from 'zod';
import type { LlmRole } from '../model/config';
import { assistantContent, describeZodError, inputSchemaOf, textOf, toolUses } from './content';
import { RequestLimitError, ToolRetriesExhaustedError, ToolRetry } from './errors';
import type { ModelCall } from './request';
import { summarize, type UsageLabels, type UsageSummary } from './usage';

/** A tool the model may call: its input is validated with `input` before `run` sees it. */
export interface AgentTool<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  input: S;
  /**
   * Does the work and returns the text the model reads. Throw {@link ToolRetry} to send a message back
   * as a retryable error; any other error ends the run.
   */
  run(input: z.output<S>): string | Promise<string>;
}

/** Declares a tool with its input type inferred from the schema. */
export function defineTool<S extends z.ZodType>(tool: AgentTool<S>): AgentTool<S> {
  return tool;
}

/** The original's request limit per agent run (reference §8). */
export const DEFAULT_MAX_REQUESTS = 200;

export interface AgentRequest {
  role: LlmRole;
  system: string;
  user: string;
  tools: readonly AgentTool[];
  /** Requests allowed in this run; default {@link DEFAULT_MAX_REQUESTS}. */
  maxRequests?: number;
  labels?: UsageLabels;
  maxTokens?: number;
  onText?: (delta: string, textSoFar: string) => void;
  signal?: AbortSignal;
}

export interface AgentResult {
  /** The model's final text (the turn in which it called no tool). */
  text: string;
  stopReason: string | null;
  usage: UsageSummary;
  requests: number;
  /** Tool calls made, failed ones included. */
  toolCalls: number;
}

/**
 * The tool loop: send, run every tool the model called, send the results back, until the model answers
 * without calling a tool. Invalid tool input and {@link ToolRetry} go back to the model as `is_error`
 * results; a tool failing more than `[llm] tool_retries` times in a row ends the run with
 * {@link ToolRetriesExhaustedError}, and so does reaching the request limit ({@link RequestLimitError}).
 */
export async function runToolLoop(call: ModelCall, request: AgentRequest): Promise<AgentResult> {
  const byName = new Map(request.tools.map((tool) => [tool.name, tool]));
  const definitions: Tool[] = request.tools.map((tool) => ({
    name: tool.name,
    description: tool.description,
    input_schema: inputSchemaOf(tool.input, tool.name),
  }));
  const limit = request.maxRequests ?? DEFAULT_MAX_REQUESTS;
  const maxToolRetries = call.config.llm.tool_retries;
  const failures = new Map<string, number>();
  const messages: MessageParam[] = [{ role: 'user', content: request.user }];
  let requests = 0;
  let toolCalls = 0;
  for (;;) {
    if (requests >= limit) {
      throw new RequestLimitError(
        `${call.resolved.modelString} (${call.role}) made ${requests} requests without finishing (limit ${limit}).`,
        limit,
      );
    }
    requests++;
    const message = await call.send({
      system: request.system,
      messages,
      tools: definitions,
      cacheHistory: true,
      ...(request.maxTokens !== undefined ? { maxTokens: request.maxTokens } : {}),
    });
    const uses = toolUses(message);
    if (uses.length === 0) {
      const usage = summarize(call.calls);
      return { text: textOf(message), stopReason: message.stop_reason, usage, requests, toolCalls };
    }
    messages.push({ role: 'assistant', content: assistantContent(message) });
    const results: ToolResultBlockParam[] = [];
    for (const use of uses) {
      toolCalls++;
      results.push(await runTool(call, byName, use, failures, maxToolRetries));
    }
    messages.push({ role: 'user', content: results });
  }
}

async function runTool(
  call: ModelCall,
  tools: Map<string, AgentTool>,
  use: ToolUseBlock,
  failures: Map<string, number>,
  maxToolRetries: number,
): Promise<ToolResultBlockParam> {
  const started = Date.now();
  const fields = { role: call.role, model: call.resolved.modelString, labels: call.labels, tool: use.name };
  const tool = tools.get(use.name);
  let problem: string;
  if (!tool) {
    problem = `There is no tool "${use.name}". Available tools: ${[...tools.keys()].join(', ')}.`;
  } else {
    const parsed = tool.input.safeParse(use.input);
    if (!parsed.success) {
      problem = `Invalid input for ${use.name}:\n${describeZodError(parsed.error)}\nCall ${use.name} again with corrected input.`;
    } else {
      try {
        const output = await tool.run(parsed.data);
        failures.set(use.name, 0);
        call.emit({ type: 'tool-call', ...fields, ok: true, durationMs: Date.now() - started });
        return { type: 'tool_result', tool_use_id: use.id, content: output };
      } catch (error) {
        if (!(error instanceof ToolRetry)) throw error;
        problem = error.message;
      }
    }
  }
  const count = (failures.get(use.name) ?? 0) + 1;
  failures.set(use.name, count);
  const retriesLeft = maxToolRetries - count;
  call.emit({
    type: 'tool-call',
    ...fields,
    ok: false,
    problem,
    retriesLeft,
    durationMs: Date.now() - started,
  });
  if (retriesLeft < 0) {
    throw new ToolRetriesExhaustedError(
      `${call.resolved.modelString} (${call.role}): tool ${use.name} failed ${count} times in a row ([llm] tool_retries = ${maxToolRetries}). Last problem: ${problem}`,
      use.name,
      problem,
    );
  }
  return { type: 'tool_result', tool_use_id: use.id, is_error: true, content: problem };
}
