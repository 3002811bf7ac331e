import { reasonText } from '../../../shared/src/build/reason-text';
import type { BuildForecast } from '../../../shared/src/build/run/build-forecast';
import { BuildError } from '../../../shared/src/build/run/errors';
import { forecastBuild } from '../../../shared/src/build/run/forecast';
import type { Env } from '../../../shared/src/llm';
import type { BuildForecastParams, BuildForecastResult, PlanTaskKind } from '../../../shared/src/protocol';
import { StoreError } from '../../../shared/src/store/toml-read';

/**
 * `ossature/buildForecast`: what `ossature build --dry-run` (or `retry --dry-run`) would say, computed by
 * the same engine function (shared/src/build/run/forecast.ts) from the files on disk — the build reads the
 * disk, so unsaved edits do not count. A project that cannot be forecast (no plan, invalid specs, an
 * unknown task) answers with no rows and `error` saying what is wrong and what to do.
 */

/** Lines of a BuildError's details (the diagnostics) kept in `error`. */
const MAX_DETAILS = 20;

const KIND: Record<BuildForecast['rows'][number]['kind'], PlanTaskKind> = {
  llm: 'task',
  copy: 'copy',
  verify: 'verify',
};

const nothing = (): BuildForecastResult => ({
  rows: [],
  upToDate: 0,
  totals: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
});

const failed = (message: string): BuildForecastResult => ({ ...nothing(), error: message });

export function provideBuildForecast(
  params: BuildForecastParams,
  env: Env = process.env,
): BuildForecastResult {
  try {
    const report = forecastBuild({
      configFile: params.configFile,
      ...(params.spec !== undefined ? { spec: params.spec } : {}),
      ...(params.only !== undefined ? { only: params.only } : {}),
      ...(params.force ? { force: true } : {}),
      ...(params.retry !== undefined ? { retry: params.retry } : {}),
      env,
    });
    const reset = report.reset !== undefined ? { reset: report.reset } : {};
    const forecast = report.forecast;
    // A retry with no failed task: nothing runs, and `reset` says so.
    if (!forecast) return { ...nothing(), ...reset };
    return {
      rows: forecast.rows.map((row) => ({
        id: row.id,
        spec: row.spec,
        title: row.title,
        kind: KIND[row.kind],
        run: row.run,
        reasons: row.reasons.map(reasonText),
        estimate: row.estimate,
        unmetDependencies: row.unmetDependencies,
      })),
      upToDate: forecast.upToDate,
      totals: {
        inputTokens: forecast.totals.inputTokens,
        outputTokens: forecast.totals.outputTokens,
        costUsd: forecast.totals.costUsd,
      },
      held: forecast.held,
      unpricedModels: forecast.totals.unpricedModels,
      ...reset,
    };
  } catch (error) {
    if (error instanceof BuildError) {
      const details = error.details.slice(0, MAX_DETAILS);
      if (error.details.length > MAX_DETAILS)
        details.push(`… and ${error.details.length - MAX_DETAILS} more`);
      return failed([error.message, ...details].join('\n'));
    }
    if (error instanceof StoreError) return failed(error.message);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return failed(
        `${params.configFile} cannot be read (${(error as Error).message}). Open a folder with an ossature.toml, or run \`ossature init\`.`,
      );
    }
    throw error;
  }
}
