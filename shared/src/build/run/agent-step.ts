import { type AgentResult, ToolRetriesExhaustedError } from '../../llm';
import { render } from '../../prompts';
import { EDIT_SCHEMA_REMINDER } from '../prompt';
import { buildTools, type TaskSandbox } from '../tools';
import type { BuildContext } from './context';

/**
 * One implementer or fixer run (reference §5.4 "call wrapper"): a tool-loop agent on the `build` role with
 * the nine sandboxed tools. Rate limits, overload and dropped connections are retried by the model client;
 * here, a run that ends because the model kept sending malformed `edit_file` calls gets one fresh retry
 * with a reminder of the `{old, new}` edit schema.
 */

const STRUCTURAL_EDIT_PROBLEM =
  /missing key|not an object|expected json array|expected array|parse failure|must both be strings|field required|validation error|invalid input|expected string|expected object/i;

export interface AgentStep {
  kind: 'implementer' | 'fixer';
  /** The model role: `build` (implementer and per-task fixer) or `fixer` (VMD verify-task fixing). */
  role?: 'build' | 'fixer';
  user: string;
  taskId: string;
  spec: string;
  operation: string;
  sandbox: TaskSandbox;
}

export async function runAgentStep(ctx: BuildContext, step: AgentStep): Promise<AgentResult> {
  const config = ctx.project.config;
  const system = render(step.kind === 'implementer' ? 'build.implementer' : 'build.fixer', {
    language: config.output.language,
  });
  const tools = buildTools(step.sandbox, { signal: ctx.signal, commandTimeoutMs: ctx.commandTimeoutMs });
  const run = (user: string) =>
    ctx.client().runAgent({
      role: step.role ?? 'build',
      system,
      user,
      tools,
      maxTokens: config.build.max_output_tokens,
      labels: { spec: step.spec, task: step.taskId, operation: step.operation },
      signal: ctx.signal,
    });
  try {
    return await run(step.user);
  } catch (error) {
    if (
      error instanceof ToolRetriesExhaustedError &&
      error.toolName === 'edit_file' &&
      STRUCTURAL_EDIT_PROBLEM.test(error.lastProblem)
    ) {
      return await run(`${step.user}\n\n${EDIT_SCHEMA_REMINDER}`);
    }
    throw error;
  }
}
