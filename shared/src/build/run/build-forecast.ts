import { type Env, priceOf, resolveModel } from '../../llm';
import type { LlmRole } from '../../model/config';
import type { PlanTask } from '../../model/plan';
import { render } from '../../prompts';
import { isReviewable } from '../prompt';
import type { TaskDecision } from '../staleness';
import type { RunForecast } from '../what-runs';
import type { BuildContext } from './context';
import type { TaskInput } from './task-input';

/**
 * `build --dry-run`: each task that would run and why, with an estimate of its tokens and cost, and no
 * model call and no write. Input tokens are the rendered prompts at 4 characters per token; the
 * implementer is assumed to write one file per turn (its conversation grows by what it wrote), a file to
 * be ~800 tokens; a review adds one call. Fix loops are not counted (they depend on what fails), nor is
 * prompt caching (it lowers the real cost).
 */

export const CHARS_PER_TOKEN = 4;
const TOKENS_PER_FILE = 800;
const TOKENS_PER_TURN = 150;
const REVIEW_OUTPUT_TOKENS = 300;
const INTERFACE_OUTPUT_TOKENS = 900;

export interface TaskEstimate {
  inputTokens: number;
  outputTokens: number;
  /** USD; null when a model's price is unknown. */
  costUsd: number | null;
}

export interface ForecastRow {
  id: string;
  spec: string;
  title: string;
  kind: TaskInput['kind'];
  run: 'yes' | 'maybe';
  reasons: TaskDecision['reasons'];
  unmetDependencies: string[];
  estimate: TaskEstimate;
}

export interface BuildForecast {
  rows: ForecastRow[];
  /** Held tasks (manual, skipped, not selected) that would otherwise run. */
  held: { id: string; hold: string }[];
  upToDate: number;
  totals: TaskEstimate & { unpricedModels: string[] };
}

const tokens = (text: string) => Math.ceil(text.length / CHARS_PER_TOKEN);

export function buildForecast(
  ctx: Pick<BuildContext, 'project' | 'prompts'>,
  forecast: RunForecast,
  inputs: ReadonlyMap<string, TaskInput>,
  env: Env,
): BuildForecast {
  const config = ctx.project.config;
  const unpriced = new Set<string>();
  const price = (role: LlmRole, input: number, output: number): number | null => {
    const model = resolveModel(config, role, env);
    const p = priceOf(model.provider, model.model);
    if (!p) {
      unpriced.add(model.modelString);
      return null;
    }
    return (input * p.input + output * p.output) / 1_000_000;
  };
  const implementerSystem = tokens(render('build.implementer', { language: config.output.language }));
  const reviewerSystem = tokens(render('build.reviewer', { language: config.output.language }));
  const rows: ForecastRow[] = [];
  const held: BuildForecast['held'] = [];
  let upToDate = 0;
  const rebuiltSpecs = new Set<string>();
  for (const decision of forecast.decisions) {
    if (decision.run === 'no') {
      if (decision.hold && decision.reasons.length > 0) held.push({ id: decision.id, hold: decision.hold });
      else if (!decision.hold) upToDate += 1;
      continue;
    }
    const task = ctx.project.byId.get(decision.id) as PlanTask;
    const input = inputs.get(task.id);
    const kind = input?.kind ?? 'llm';
    let estimate: TaskEstimate = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
    if (kind === 'llm' && input) {
      const files = Math.max(1, task.outputs.length);
      const turns = files + 1;
      const first = implementerSystem + tokens(input.prompt);
      const inputTokens = turns * first + ((turns * (turns - 1)) / 2) * TOKENS_PER_FILE;
      const outputTokens = turns * TOKENS_PER_TURN + files * TOKENS_PER_FILE;
      const cost = price('build', inputTokens, outputTokens);
      estimate = { inputTokens, outputTokens, costUsd: cost };
      if (config.build.review && isReviewable(ctx.prompts, task)) {
        const reviewIn = reviewerSystem + tokens(input.prompt) + files * TOKENS_PER_FILE;
        const reviewCost = price('reviewer', reviewIn, REVIEW_OUTPUT_TOKENS);
        estimate = {
          inputTokens: estimate.inputTokens + reviewIn,
          outputTokens: estimate.outputTokens + REVIEW_OUTPUT_TOKENS,
          costUsd: cost === null || reviewCost === null ? null : cost + reviewCost,
        };
      }
      rebuiltSpecs.add(task.spec);
    }
    rows.push({
      id: task.id,
      spec: task.spec,
      title: task.title,
      kind,
      run: decision.run,
      reasons: decision.reasons,
      unmetDependencies: decision.unmetDependencies,
      estimate,
    });
  }
  // One interface extraction per spec rebuilt by the model.
  for (const spec of rebuiltSpecs) {
    const specRows = rows.filter((row) => row.spec === spec && row.kind === 'llm');
    const inputTokens = specRows.length * TOKENS_PER_FILE * 2;
    const cost = price('interface', inputTokens, INTERFACE_OUTPUT_TOKENS);
    const last = specRows[specRows.length - 1];
    if (last) {
      last.estimate = {
        inputTokens: last.estimate.inputTokens + inputTokens,
        outputTokens: last.estimate.outputTokens + INTERFACE_OUTPUT_TOKENS,
        costUsd: last.estimate.costUsd === null || cost === null ? null : last.estimate.costUsd + cost,
      };
    }
  }
  const totals = rows.reduce(
    (sum, row) => ({
      inputTokens: sum.inputTokens + row.estimate.inputTokens,
      outputTokens: sum.outputTokens + row.estimate.outputTokens,
      costUsd:
        sum.costUsd === null || row.estimate.costUsd === null ? null : sum.costUsd + row.estimate.costUsd,
    }),
    { inputTokens: 0, outputTokens: 0, costUsd: 0 as number | null },
  );
  return { rows, held, upToDate, totals: { ...totals, unpricedModels: [...unpriced] } };
}
