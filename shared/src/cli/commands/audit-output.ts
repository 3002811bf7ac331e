import { findingsForTable } from '../../audit/audit-report';
import type { DryRunReport } from '../../audit/run';
import { type AuditEvent, describeCounts, type FindingRow, type SeverityCounts } from '../../audit/run';
import { formatCost, formatTokens, type LlmEvent, type UsageLabels, type UsageSummary } from '../../llm';
import type { Terminal } from '../terminal';
import { renderTable } from '../terminal';

/** How `ossature audit` shows a run: one line per event, findings as a list, the usage line at the end. */

function severityLabel(t: Terminal, severity: FindingRow['severity']): string {
  const text = severity.toUpperCase().padEnd(7);
  return severity === 'error' ? t.red(text) : severity === 'warning' ? t.yellow(text) : t.cyan(text);
}

/** The findings of one scope, info → warning → error, each with its suggestion on the next line. */
export function renderFindings(t: Terminal, scope: string, findings: readonly FindingRow[]): string[] {
  if (findings.length === 0) return [];
  const lines = [t.bold(`${scope} findings:`)];
  for (const f of findingsForTable(findings)) {
    lines.push(`  ${severityLabel(t, f.severity)} ${f.where ? `${t.dim(f.where)} ` : ''}${f.issue}`);
    if (f.suggestion) lines.push(`          ${t.dim('→')} ${f.suggestion}`);
  }
  return lines;
}

export function renderSummary(t: Terminal, counts: SeverityCounts, audited: number, cached: number): string {
  const parts = [
    counts.error ? t.red(`${counts.error} error(s)`) : '0 errors',
    counts.warning ? t.yellow(`${counts.warning} warning(s)`) : '0 warnings',
    `${counts.info} info`,
  ];
  return `${t.bold('Audit summary:')} ${parts.join(', ')} — ${audited} spec(s) audited, ${cached} cached`;
}

/** `spec-audit CLI`, `planner WEBUI`, `cross-spec-audit`: what a model call is for. */
export function callLabel(labels: UsageLabels): string {
  const { operation, spec } = labels;
  return spec && !operation?.startsWith(spec)
    ? [operation, spec].filter(Boolean).join(' ')
    : (operation ?? '');
}

function llmLine(t: Terminal, event: LlmEvent, verbose: boolean): string | undefined {
  const who = () => ('labels' in event ? callLabel(event.labels) : '');
  switch (event.type) {
    case 'retry': {
      const cause = event.status !== undefined ? `${event.reason} (${event.status})` : event.reason;
      return t.yellow(
        `  ${who()}: ${cause}; retrying in ${(event.delayMs / 1000).toFixed(1)} s (attempt ${event.attempt + 1} of ${event.maxAttempts})`,
      );
    }
    case 'output-retry':
      return t.yellow(
        `  ${who()}: the ${event.output} was not usable; asking again (${event.retry} of ${event.maxRetries}): ${event.problem.split('\n', 1)[0]}`,
      );
    case 'request':
      return verbose && event.attempt === 1 ? t.dim(`  → ${who()} (${event.model})`) : undefined;
    case 'response':
      return verbose
        ? t.dim(
            `  ← ${who()}: ${formatTokens(event.usage.input + event.usage.cacheRead + event.usage.cacheWrite)} in (${formatTokens(event.usage.cacheRead)} cached), ${formatTokens(event.usage.output)} out, ${(event.durationMs / 1000).toFixed(1)} s`,
          )
        : undefined;
    case 'tool-call':
      return verbose
        ? t.dim(
            `  ${event.ok ? '✓' : '✗'} ${event.tool}${event.problem ? `: ${event.problem.split('\n', 1)[0]}` : ''}`,
          )
        : undefined;
    case 'log':
      return verbose || event.level === 'error' ? t.dim(`  ${event.message}`) : undefined;
    default:
      return undefined;
  }
}

/** The lines for one run event (none for events shown only in verbose mode). */
export function renderEvent(t: Terminal, event: AuditEvent, verbose: boolean): string[] {
  switch (event.type) {
    case 'log': {
      if (event.level === 'detail') return verbose ? [t.dim(event.message)] : [];
      if (event.level === 'warn') return [t.yellow(event.message)];
      if (event.level === 'success') return [t.green(event.message)];
      return [event.message];
    }
    case 'report': {
      const when = event.cached ? ' (cached)' : event.cycle > 0 ? ` (re-audit ${event.cycle})` : '';
      return [`${event.scope}: ${describeCounts(event.counts)}${when}`];
    }
    case 'findings':
      return renderFindings(t, event.scope, event.findings);
    case 'summary':
      return [renderSummary(t, event.counts, event.audited.length, event.cached.length)];
    case 'plan-changes':
      return event.lines.map((line, i) => (i === 0 ? t.bold(line) : line));
    case 'llm': {
      const line = llmLine(t, event.event, verbose);
      return line ? [line] : [];
    }
  }
}

/** `LLM usage: 12.3k in, 1.5k out, $0.04` (input counts cached tokens too), then the cache detail. */
export function usageLine(usage: UsageSummary, label = 'LLM usage'): string {
  const input = usage.input + usage.cacheRead + usage.cacheWrite;
  const cost =
    usage.costUsd === null
      ? `? (no price for ${usage.unpricedModels.join(', ')})`
      : formatCost(usage.costUsd);
  const cache =
    usage.cacheRead + usage.cacheWrite > 0
      ? `; cache ${formatTokens(usage.cacheRead)} read, ${formatTokens(usage.cacheWrite)} written`
      : '';
  return `${label}: ${formatTokens(input)} in, ${formatTokens(usage.output)} out, ${cost} (${usage.requests} request(s)${cache})`;
}

export function renderDryRun(t: Terminal, report: DryRunReport): string[] {
  const lines = [t.bold('Dry run — no model is called and nothing is written.')];
  lines.push(`Spec audits: ${report.audit.length > 0 ? report.audit.join(', ') : 'none'}`);
  lines.push(`Cross-spec audit: ${report.crossSpec ? 'yes' : 'no'}`);
  lines.push(`Briefs to write: ${report.briefs.length > 0 ? report.briefs.join(', ') : 'none'}`);
  const interfaces = report.interfaces.map(
    (s) => `${s.specId} (${s.source === 'amd' ? 'from AMD' : 'inferred'})`,
  );
  lines.push(`Interfaces to write: ${interfaces.length > 0 ? interfaces.join(', ') : 'none'}`);
  lines.push(
    report.plan
      ? `Planning: ${report.plan.mode} (${report.plan.reason}); planner calls for ${report.plan.specs.length > 0 ? report.plan.specs.join(', ') : 'no spec'}`
      : 'Planning: not required',
  );
  if (report.calls.length > 0) {
    lines.push('');
    lines.push(
      renderTable(
        'Model calls',
        ['Call', 'For', 'Prompt', 'Model', 'In (est.)', 'Out (est.)', 'Cost (est.)'],
        report.calls.map((c) => [
          c.operation,
          c.scope,
          c.promptId,
          c.model,
          formatTokens(c.inputTokens),
          formatTokens(c.outputTokens),
          formatCost(c.costUsd),
        ]),
      ),
    );
  }
  const { totals } = report;
  lines.push('');
  if (report.calls.length === 0) {
    lines.push(t.bold('Estimate: nothing to do — no model call would be made.'));
    return lines;
  }
  lines.push(
    t.bold(
      `Estimate: ~${formatTokens(totals.inputTokens)} in, ~${formatTokens(totals.outputTokens)} out, ~${formatCost(totals.costUsd)} for ${report.calls.length} call(s)`,
    ),
  );
  lines.push(
    t.dim(
      'Input = rendered prompts (system + user) at 4 characters per token; output = a typical answer size per call. ' +
        'Fix cycles are not included (they depend on the findings); prompt caching is not counted, so the real input cost is usually lower.',
    ),
  );
  if (totals.unpricedModels.length > 0) {
    lines.push(t.dim(`No price is known for ${totals.unpricedModels.join(', ')}.`));
  }
  return lines;
}

/**
 * A transient line showing the model call in progress (on a terminal only): what is being asked, then the
 * tokens streamed so far. Cleared before any other output and when the answer is complete.
 */
export class StatusLine {
  #shown = false;
  #lastUpdate = 0;

  constructor(
    private readonly write: (text: string) => void,
    private readonly enabled: boolean,
  ) {}

  clear(): void {
    if (!this.#shown) return;
    this.write('\r\u001b[K');
    this.#shown = false;
  }

  update(event: AuditEvent): void {
    if (!this.enabled || event.type !== 'llm') return;
    const e = event.event;
    if (e.type === 'log') return;
    const what = callLabel(e.labels);
    if (e.type === 'request') this.#show(`… ${what} (${e.model})`);
    else if (e.type === 'stream' && Date.now() - this.#lastUpdate > 100) {
      this.#show(`… ${what}: ${formatTokens(e.estimatedTokens)} tokens so far`);
    } else if (e.type === 'response') this.clear();
  }

  #show(text: string): void {
    this.#lastUpdate = Date.now();
    const width = process.stdout.columns ?? 100;
    this.write(`\r\u001b[K${text.length >= width ? `${text.slice(0, width - 2)}…` : text}`);
    this.#shown = true;
  }
}
