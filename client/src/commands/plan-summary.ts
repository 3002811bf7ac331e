// The text of the plan summary "Ossature: Review Plan" shows beside plan.toml: tasks per spec with their
// statuses, what the next build would run and why, and its estimated cost. Markdown; pure (no 'vscode').
import { basename, relative } from 'node:path';
import type { BuildForecastResult, PlanProjectInfo, PlanTaskInfo } from '../../../shared/src/protocol';
import { formatCost } from '../runs/run-progress';

const MARK: Record<string, string> = { done: '✓', failed: '✗', pending: '○', skipped: '⤼', manual: '✋' };

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderPlanSummary(
  plan: PlanProjectInfo,
  forecast: BuildForecastResult | { error: string },
): string {
  const lines: string[] = [`# Plan of ${plan.name}`, ''];
  if (plan.tasks.length === 0) {
    lines.push(
      `No plan yet: \`${relative(plan.root, plan.planFile)}\` does not exist or has no task. Run **Ossature: Audit** to plan the build.`,
    );
    return `${lines.join('\n')}\n`;
  }
  const counts = new Map<string, number>();
  for (const task of plan.tasks) counts.set(task.status, (counts.get(task.status) ?? 0) + 1);
  const tally = [...counts].map(([status, n]) => `${MARK[status] ?? ''} ${n} ${status}`).join(' · ');
  lines.push(`\`${relative(plan.root, plan.planFile)}\` · ${plan.tasks.length} tasks · ${tally}`, '');
  lines.push(...renderForecast(forecast), '');
  lines.push('## Tasks per spec', '');
  const specFile = new Map(plan.specs.map((s) => [s.id, s.file]));
  const bySpec = new Map<string, PlanTaskInfo[]>();
  for (const task of plan.tasks) bySpec.set(task.spec, [...(bySpec.get(task.spec) ?? []), task]);
  for (const [spec, tasks] of bySpec) {
    const file = specFile.get(spec);
    lines.push(`### ${spec}${file ? ` (${basename(file)})` : ''}`, '');
    lines.push('| | Task | Title | Kind | Depends on |', '|---|---|---|---|---|');
    for (const t of tasks) {
      lines.push(
        `| ${MARK[t.status] ?? ''} ${t.status} | ${t.id} | ${cell(t.title)} | ${t.kind} | ${t.dependsOn.join(', ')} |`,
      );
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

function renderForecast(forecast: BuildForecastResult | { error: string }): string[] {
  const out = ['## What the next build would run', ''];
  if (!('rows' in forecast)) {
    out.push(`No forecast: ${forecast.error}`);
    return out;
  }
  if (forecast.error) {
    out.push(`No forecast: ${forecast.error}`);
    return out;
  }
  if (forecast.rows.length === 0) {
    out.push(`Nothing: every task is up to date (${forecast.upToDate}) or held.`);
    return out;
  }
  const cost = formatCost(forecast.totals.costUsd);
  const { inputTokens, outputTokens } = forecast.totals;
  out.push(
    `${forecast.rows.length} task${forecast.rows.length === 1 ? '' : 's'} · ~${inputTokens} input and ~${outputTokens} output tokens · ` +
      (cost ? `estimated cost ~${cost}` : 'no cost estimate (unknown model price)') +
      ` · ${forecast.upToDate} up to date`,
    '',
    '| Task | Spec | Title | Runs | Why |',
    '|---|---|---|---|---|',
  );
  for (const row of forecast.rows) {
    out.push(
      `| ${row.id} | ${row.spec} | ${cell(row.title)} | ${row.run === 'yes' ? 'yes' : 'if an upstream interface changes'} | ${cell(row.reasons.join(', '))} |`,
    );
  }
  if (forecast.held?.length) {
    out.push('', `Held: ${forecast.held.map((h) => `${h.id} (${h.hold})`).join(', ')}.`);
  }
  out.push(
    '',
    'Estimates count the prompts and one file per turn; fix rounds and prompt caching are not counted.',
  );
  return out;
}
