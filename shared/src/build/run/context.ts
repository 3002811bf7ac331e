import type { LlmClient, UsageTracker } from '../../llm';
import type { BuildPromptContext } from '../prompt';
import type { BuildProject } from './build-project';
import type { RunEmitter } from './run-events';

/** What every step of one build run shares. */
export interface BuildContext {
  project: BuildProject;
  prompts: BuildPromptContext;
  /** The model client, created on first use (throws LlmConfigError when the key or config is unusable). */
  client(): LlmClient;
  usage: UsageTracker;
  emitter: RunEmitter;
  signal: AbortSignal;
  /** Per verify command; default 120 s (reference §5.4). */
  verifyTimeoutMs: number;
  /** Per run_command tool call; default 120 s. */
  commandTimeoutMs: number;
  /** Time per task id spent waiting for the model and running verify commands (ms). */
  timings: TaskTimings;
}

export class TaskTimings {
  readonly #model = new Map<string, number>();
  readonly #verify = new Map<string, number>();

  addModel(id: string, ms: number): void {
    this.#model.set(id, (this.#model.get(id) ?? 0) + ms);
  }

  addVerify(id: string, ms: number): void {
    this.#verify.set(id, (this.#verify.get(id) ?? 0) + ms);
  }

  /** The task's totals so far, then forgets them (a retried task starts again from zero). */
  take(id: string): { modelMs: number; verifyMs: number } {
    const taken = {
      modelMs: Math.round(this.#model.get(id) ?? 0),
      verifyMs: Math.round(this.#verify.get(id) ?? 0),
    };
    this.#model.delete(id);
    this.#verify.delete(id);
    return taken;
  }
}

/** What one task run produced (reference §5.4 step 10). */
export interface TaskOutcome {
  success: boolean;
  created: string[];
  edited: string[];
  /** The last verify output, or the failure's explanation. */
  verifyOutput: string;
  /** One line saying why a failed task failed. */
  error?: string;
  /** The run was cancelled while this task ran; its status stays pending. */
  interrupted?: boolean;
}
