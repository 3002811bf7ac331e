// The texts of the cost confirmation (what runs, what it is estimated to cost) and the forecast a run asks the
// server for. Pure (no 'vscode'), so unit tests check the wording against forecasts.
import type { BuildForecastParams, BuildForecastResult } from '../../../shared/src/protocol';
import { formatCost } from './run-progress';
import { type CliRunRequest, optionValue } from './run-request';

export interface CostQuestion {
  message: string;
  detail: string;
}

const MAX_ROWS_SHOWN = 8;

/** The forecast a build or retry request asks for (its `--spec`, `--only`, `--from`, `--force`). */
export function forecastParams(
  request: Pick<CliRunRequest, 'configFile' | 'command' | 'args'>,
): BuildForecastParams {
  const { args } = request;
  const only = optionValue(args, '--only');
  if (request.command === 'retry') {
    const from = optionValue(args, '--from');
    return {
      configFile: request.configFile,
      retry: { ...(from !== undefined ? { from } : {}), ...(only !== undefined ? { only } : {}) },
    };
  }
  const spec = optionValue(args, '--spec');
  return {
    configFile: request.configFile,
    ...(spec !== undefined ? { spec } : {}),
    ...(only !== undefined ? { only } : {}),
    ...(args.includes('--force') ? { force: true } : {}),
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const thousands = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n));

/**
 * `Build 9 tasks with the model? Estimated cost ~$0.41` and the tasks as detail; undefined when no task that
 * calls the model would run (nothing to confirm).
 */
export function costQuestion(verb: string, forecast: BuildForecastResult): CostQuestion | undefined {
  const model = forecast.rows.filter((row) => row.kind !== 'copy');
  if (model.length === 0) return undefined;
  const sure = model.filter((row) => row.run === 'yes').length;
  const maybe = model.length - sure;
  const cost = formatCost(forecast.totals.costUsd);
  const estimate = cost
    ? `Estimated cost ~${cost}`
    : `No cost estimate (no price known for ${forecast.unpricedModels?.join(', ') || 'the model'})`;
  const count = sure > 0 ? plural(sure, 'task') : plural(maybe, 'task');
  const maybeNote =
    sure > 0 && maybe > 0
      ? ` (+${maybe} if an upstream interface changes)`
      : sure === 0
        ? ' (if an upstream interface changes)'
        : '';
  const lines = forecast.rows
    .slice(0, MAX_ROWS_SHOWN)
    .map((row) => `${row.id} ${row.title}${row.reasons.length ? ` — ${row.reasons.join(', ')}` : ''}`);
  if (forecast.rows.length > MAX_ROWS_SHOWN)
    lines.push(`… and ${forecast.rows.length - MAX_ROWS_SHOWN} more`);
  if (forecast.upToDate > 0) lines.push(`${forecast.upToDate} up to date.`);
  if (forecast.reset) lines.push(forecast.reset);
  lines.push(
    `Estimate: ${thousands(forecast.totals.inputTokens)} input and ${thousands(forecast.totals.outputTokens)} output tokens; fix rounds are not counted.`,
  );
  return { message: `${verb} ${count} with the model?${maybeNote} ${estimate}`, detail: lines.join('\n') };
}

/** The question before an audit: audit reviews the specs that changed, so it names the project's spec count. */
export function auditQuestion(projectName: string, specs: number | undefined, replan: boolean): CostQuestion {
  const counted = specs === undefined ? '' : ` It has ${plural(specs, 'spec')};`;
  return replan
    ? {
        message: `Re-plan ${projectName} with the model?${counted} every spec is reviewed and the whole plan rebuilt.`,
        detail: 'Your edits to plan.toml are backed up in .ossature/backups/ first.',
      }
    : {
        message: `Audit ${projectName} with the model?${counted} the specs changed since the last audit are reviewed.`,
        detail: 'Run `ossature audit --dry-run` in a terminal for a token and cost estimate.',
      };
}
