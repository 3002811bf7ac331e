import { reasonText } from '../../build/reason-text';
import type { BuildForecast } from '../../build/run/build-forecast';
import { clip } from '../../build/run/verify-step';
import { formatCost, formatTokens } from '../../llm';
import type { RunEvent, RunUsage } from '../../model/events';
import type { Terminal } from '../terminal';

/**
 * How `ossature build` shows a run: one line per task outcome (attributed `[id/total]`), fix attempts and
 * warnings as they happen, a live status line on a terminal (done/total, running tasks, elapsed, tokens,
 * cost), and the end-of-build summary. Plain lines only when stdout is not a terminal.
 */

export function usageText(usage: RunUsage): string {
  if (usage.requests === 0) return 'no model calls';
  const input = usage.tokens.input + usage.tokens.cacheRead + usage.tokens.cacheWrite;
  const cost = usage.costUsd === null ? '$?' : formatCost(usage.costUsd);
  return `${formatTokens(input)} in, ${formatTokens(usage.tokens.output)} out, ${cost}`;
}

/** Keeps the first and last 10 lines of long output (reference §5.4 "Errors" panel). */
export function outputPanel(output: string): string[] {
  return clip(output.replace(/\s+$/, ''))
    .split('\n')
    .map((line) => `    │ ${line}`);
}

export class BuildReporter {
  #total = 0;
  #titles = new Map<string, string>();
  #running = new Map<string, string>();
  #done = 0;
  #failed = 0;
  #usage: RunUsage | undefined;
  #started = Date.now();
  #status: string | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly t: Terminal,
    private readonly live: boolean,
    private readonly verbose: boolean,
  ) {}

  handle(event: RunEvent): void {
    const lines = this.lines(event);
    if (lines.length > 0) this.clear();
    for (const line of lines) this.t.out(line);
    this.redraw();
  }

  lines(event: RunEvent): string[] {
    const t = this.t;
    const tag = (id: string) => `[${id}/${String(this.#total).padStart(3, '0')}]`;
    switch (event.type) {
      case 'run-started': {
        this.#total = event.total;
        this.#done = event.done;
        this.#started = Date.now();
        if (this.live) this.#timer = setInterval(() => this.redraw(), 1000).unref();
        const runs = event.planned.length;
        return [
          t.bold(
            `${event.project} — ${event.total} tasks, ${event.done} done, ${runs} to run${event.maybe.length > 0 ? `, ${event.maybe.length} more if an upstream interface changes` : ''}${event.jobs > 1 ? ` (${event.jobs} jobs)` : ''}`,
          ),
        ];
      }
      case 'setup':
        return event.passed
          ? [t.dim(`setup: ${event.command}`)]
          : [t.red(`✗ setup failed: ${event.command}`), ...outputPanel(event.output)];
      case 'task-started':
        this.#titles.set(event.id, event.title);
        this.#running.set(event.id, event.title);
        return [
          `${t.cyan('▶')} ${tag(event.id)} ${event.title} ${t.dim(`(${event.reasons.map(reasonText).join(', ')})`)}`,
        ];
      case 'task-phase':
        if (event.phase === 'fix')
          return [t.yellow(`  ${tag(event.id)} verify failed — fix attempt ${event.attempt ?? 1}`)];
        if (event.phase === 'review-fix')
          return [t.yellow(`  ${tag(event.id)} review found problems — fix round ${event.attempt ?? 1}`)];
        return this.verbose
          ? [t.dim(`  ${tag(event.id)} ${event.phase}${event.attempt ? ` ${event.attempt}` : ''}`)]
          : [];
      case 'verify-output':
        return this.verbose && !event.passed ? outputPanel(event.output) : [];
      case 'task-checked':
        return this.verbose ? [t.dim(`· ${tag(event.id)} ${event.result}`)] : [];
      case 'task-finished': {
        this.#running.delete(event.id);
        const seconds = `${(event.durationMs / 1000).toFixed(1)}s`;
        if (event.status === 'done') {
          this.#done += 1;
          const files = `${event.created.length + event.edited.length} file${event.created.length + event.edited.length === 1 ? '' : 's'}`;
          return [
            `${t.green('✓')} ${tag(event.id)} ${event.title} ${t.dim(`(${files}, ${event.lines} lines, ${seconds}, ${usageText(event.usage)})`)}`,
          ];
        }
        if (event.status === 'failed') {
          this.#failed += 1;
          return [
            `${t.red('✗')} ${tag(event.id)} ${event.title} ${t.dim(`(${seconds}, ${usageText(event.usage)})`)}`,
            t.red(`    ${event.error ?? 'failed'}`),
          ];
        }
        return [t.yellow(`■ ${tag(event.id)} ${event.title} — interrupted, left ${event.status}`)];
      }
      case 'interface':
        if (event.result === 'failed')
          return [t.yellow(`  interface of ${event.spec} could not be extracted: ${event.message ?? ''}`)];
        return this.verbose || event.result === 'written'
          ? [t.dim(`  interface of ${event.spec}: ${event.result}`)]
          : [];
      case 'usage':
        this.#usage = event.usage;
        return [];
      case 'log':
        return [
          event.level === 'info'
            ? event.message
            : t.yellow(`  ${event.id ? `${tag(event.id)} ` : ''}${event.message}`),
        ];
      case 'waiting':
        return [];
      case 'run-finished': {
        if (this.#timer) clearInterval(this.#timer);
        this.#running.clear();
        const head =
          event.outcome === 'completed' || event.outcome === 'up-to-date'
            ? t.green(event.outcome === 'up-to-date' ? 'Build up to date' : 'Build complete')
            : event.outcome === 'interrupted'
              ? t.yellow('Build interrupted')
              : t.red(event.outcome === 'stopped' ? 'Build stopped' : 'Build finished with failures');
        const parts = [`Done: ${event.done}/${event.total} (built ${event.built} this run)`];
        if (event.failed) parts.push(t.red(`Failed: ${event.failed}`));
        if (event.skipped) parts.push(`Skipped: ${event.skipped}`);
        if (event.pending) parts.push(`Pending: ${event.pending}`);
        return [
          '',
          `${t.bold(head)} — ${parts.join(' · ')} · ${(event.durationMs / 1000).toFixed(1)}s`,
          `LLM usage: ${usageText(event.usage)}${event.usage.requests ? ` (${event.usage.requests} request${event.usage.requests === 1 ? '' : 's'})` : ''}`,
        ];
      }
    }
  }

  /** Removes the live status line (before other output, and at the end). */
  clear(): void {
    if (this.#status === undefined) return;
    process.stdout.write('\r\u001b[K');
    this.#status = undefined;
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.clear();
  }

  private redraw(): void {
    if (!this.live || this.#running.size === 0) return;
    const elapsed = Math.round((Date.now() - this.#started) / 1000);
    const running = [...this.#running.keys()].join(', ');
    const usage = this.#usage ? ` · ${usageText(this.#usage)}` : '';
    const text = `Build ${this.#done}/${this.#total} · ✓${this.#done} ✗${this.#failed} · running ${running} · ${Math.floor(elapsed / 60)}m${String(elapsed % 60).padStart(2, '0')}s${usage}`;
    const width = process.stdout.columns ?? 100;
    this.#status = text.length >= width ? `${text.slice(0, width - 2)}…` : text;
    process.stdout.write(`\r\u001b[K${this.t.dim(this.#status)}`);
  }
}

/** `build --dry-run`: each task that would run and why, with the cost estimate. */
export function renderForecast(t: Terminal, forecast: BuildForecast): string[] {
  const lines: string[] = [];
  if (forecast.rows.length === 0) lines.push(t.green('Nothing to build: every selected task is up to date.'));
  for (const row of forecast.rows) {
    const why = row.reasons.map(reasonText).join(', ');
    const cost = row.estimate.costUsd === null ? '$?' : formatCost(row.estimate.costUsd);
    const est =
      row.kind === 'llm'
        ? `~${formatTokens(row.estimate.inputTokens)} in, ~${formatTokens(row.estimate.outputTokens)} out, ~${cost}`
        : row.kind === 'copy'
          ? 'copy, no model'
          : 'author cases, no model unless they fail';
    const maybe = row.run === 'maybe' ? t.yellow(' (maybe)') : '';
    lines.push(`  ${row.id}  ${row.spec.padEnd(12)} ${row.title}${maybe}`);
    lines.push(t.dim(`       why: ${why} · ${est}`));
    if (row.unmetDependencies.length > 0)
      lines.push(
        t.yellow(
          `       would fail: dependencies ${row.unmetDependencies.join(', ')} are not done and do not run`,
        ),
      );
  }
  for (const held of forecast.held)
    lines.push(t.dim(`  ${held.id}  held (${held.hold}) although it would run`));
  const total = forecast.totals;
  const cost =
    total.costUsd === null
      ? `? (no price for ${total.unpricedModels.join(', ')})`
      : `~${formatCost(total.costUsd)}`;
  lines.push(
    '',
    `${forecast.rows.filter((r) => r.run === 'yes').length} task(s) would run, ${forecast.rows.filter((r) => r.run === 'maybe').length} maybe, ${forecast.upToDate} up to date.`,
    `Estimate: ~${formatTokens(total.inputTokens)} in, ~${formatTokens(total.outputTokens)} out, ${cost} (fix loops not counted). No model was called and nothing was written.`,
  );
  return lines;
}
