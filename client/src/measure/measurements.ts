// Figures for bench/extension-bench.mjs, written to the "Ossature" output channel: how long activate() took
// (always, one line), and — only with OSSATURE_MEASURE_EVENT_LOOP=1 in the extension host's environment — the
// longest event-loop stall of the extension host during each run, from its run-started to its run-finished event.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Disposable, LogOutputChannel } from 'vscode';
import { onRunEvent } from '../runs/run-cli';

/** Marks taken by activate(): its start, the call to start the language server, and that server being ready. */
export interface ActivationMarks {
  startedAt: number;
  serverStartAt?: number;
  /** When activate() returned (it does not wait for the server). */
  activatedAt?: number;
  serverReadyAt?: number;
}

/**
 * The line the benchmark reads, e.g. `Activated in 12.3 ms; the language server was ready 967.8 ms later`.
 * activate() returns before the server is ready; VS Code's own "activation" figure is the first part.
 */
export function logActivation(log: LogOutputChannel, marks: ActivationMarks): void {
  const ms = (from: number, to: number) => `${(to - from).toFixed(1)} ms`;
  const activated = marks.activatedAt ?? marks.serverStartAt ?? performance.now();
  const server =
    marks.serverReadyAt === undefined
      ? 'the language server did not start'
      : `the language server was ready ${ms(activated, marks.serverReadyAt)} later`;
  log.info(`Activated in ${ms(marks.startedAt, activated)}; ${server}`);
}

/** Sampling interval of the event-loop monitor. */
const RESOLUTION_MS = 1;
/** Ticks between two reads of the process's CPU time. */
const CPU_EVERY = 10;

/** With OSSATURE_MEASURE_EVENT_LOOP=1: one `Event loop during the run …` line per run; otherwise nothing. */
export function measureRunEventLoop(log: LogOutputChannel): Disposable[] {
  if (process.env.OSSATURE_MEASURE_EVENT_LOOP !== '1') return [];
  // The histogram holds the intervals between samples (ns): a stall is an interval minus the resolution.
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  const stall = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS).toFixed(1);
  let started: number | undefined;
  let events = 0;
  // The longest gap between two ticks of our own timer, which run event came last before it, and how much CPU
  // the process used around it (read every CPU_EVERY ticks, so the figure spans the gap and up to that many ms
  // before it): a gap with little CPU is the machine not scheduling the process, not our code running.
  let ticker: ReturnType<typeof setInterval> | undefined;
  let ticks = 0;
  let lastTick = 0;
  let checkpoint = { at: 0, cpu: process.cpuUsage() };
  let longest = { gap: 0, cpu: 0, span: 0, after: '' };
  // The gap with the most CPU time: the extension host working rather than waiting (CPU counts every thread of
  // the process, e.g. zlib and GC helpers, so it can exceed the gap).
  let busiest = { gap: 0, cpu: 0, span: 0, after: '' };
  let lastEvent = '';
  const tick = () => {
    const now = performance.now();
    const gap = now - lastTick;
    lastTick = now;
    if (gap > longest.gap || gap > 5 * RESOLUTION_MS) {
      const used = process.cpuUsage(checkpoint.cpu);
      const sample = {
        gap,
        cpu: (used.user + used.system) / 1000,
        span: now - checkpoint.at,
        after: lastEvent,
      };
      if (gap > longest.gap) longest = sample;
      if (sample.cpu > busiest.cpu) busiest = sample;
    }
    if (++ticks % CPU_EVERY === 0) checkpoint = { at: now, cpu: process.cpuUsage() };
  };
  const stop = () => {
    histogram.disable();
    if (ticker) clearInterval(ticker);
    ticker = undefined;
  };
  const subscription = onRunEvent(({ event }) => {
    events++;
    lastEvent = event.type;
    if (event.type === 'run-started') {
      histogram.reset();
      histogram.enable();
      started = performance.now();
      events = 1;
      longest = { gap: 0, cpu: 0, span: 0, after: event.type };
      busiest = longest;
      lastTick = performance.now();
      checkpoint = { at: lastTick, cpu: process.cpuUsage() };
      ticker ??= setInterval(tick, RESOLUTION_MS);
    } else if (event.type === 'run-finished' && started !== undefined) {
      stop();
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const gap = (g: typeof longest) =>
        `${g.gap.toFixed(1)} ms with ${g.cpu.toFixed(1)} ms of CPU in the ${g.span.toFixed(1)} ms around it, after a ${g.after} event`;
      log.info(
        `Event loop during the run (${seconds} s, ${events} events): longest stall ${stall(histogram.max)} ms, ` +
          `p99 ${stall(histogram.percentile(99))} ms, mean ${stall(histogram.mean)} ms; longest gap between ` +
          `ticks ${gap(longest)}; busiest gap ${gap(busiest)}`,
      );
      started = undefined;
    }
  });
  return [subscription, { dispose: stop }];
}
