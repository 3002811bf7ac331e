// The after-text of a `[[task]]` line in plan.toml (decorations.ts draws it): what a run is doing with the task,
// or its plan status. Pure, so test/unit/client-task-label.test.ts checks the texts without VS Code.
import type { TaskPhase } from '../../../shared/src/model/events';
import type { TaskStatus } from '../../../shared/src/model/plan';

/** What decorations know of a task from the run events (live-tasks.ts). */
export type LiveTask =
  | { kind: 'queued' }
  | { kind: 'running'; phase?: TaskPhase; startedAt: number }
  | { kind: 'finished'; status: TaskStatus; durationMs: number; costUsd: number | null; error?: string }
  | { kind: 'up-to-date' };

const SPINNER = ['◐', '◓', '◑', '◒'];
/** How often the spinner turns while a run goes on. */
export const FRAME_MS = 500;

const STATUS_TEXT: Record<TaskStatus, string> = {
  done: '✓ done',
  failed: '✗ failed',
  pending: '○ pending',
  skipped: '⤼ skipped',
  manual: '✋ manual',
};

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

function cost(usd: number | null): string | undefined {
  if (usd === null) return undefined;
  return usd > 0 && usd < 0.01 ? '<$0.01' : `$${usd.toFixed(2)}`;
}

export interface TaskLabel {
  text: string;
  tone: 'running' | 'passed' | 'failed' | 'muted';
}

/**
 * The after-text of one task line: its live state when a run touched it, else its plan status (the truth).
 * `runActive`: the project's run is still going, so the plan on disk may not be read again yet.
 */
export function taskLabel(
  task: { status: TaskStatus },
  live: LiveTask | undefined,
  now: number,
  runActive = false,
): TaskLabel {
  if (live?.kind === 'queued') return { text: '… queued', tone: 'muted' };
  if (live?.kind === 'running') {
    const frame = SPINNER[Math.floor(now / FRAME_MS) % SPINNER.length];
    const parts = [`${frame} running`, live.phase, seconds(Math.max(0, now - live.startedAt))];
    return { text: parts.filter(Boolean).join(' · '), tone: 'running' };
  }
  // A finished run's result shows while its run goes on (the plan may not be read again yet) and then as long as
  // the plan agrees with it (not once the task was reset or marked manual since).
  if (live?.kind === 'up-to-date' && (task.status === 'done' || runActive))
    return { text: '✓ up to date', tone: 'passed' };
  if (live?.kind === 'finished' && (live.status === task.status || runActive)) {
    const head = STATUS_TEXT[live.status];
    const text = [head, seconds(live.durationMs), cost(live.costUsd)].filter(Boolean).join(' · ');
    const tone = live.status === 'done' ? 'passed' : live.status === 'failed' ? 'failed' : 'muted';
    return { text, tone };
  }
  const tone = task.status === 'done' ? 'passed' : task.status === 'failed' ? 'failed' : 'muted';
  return { text: STATUS_TEXT[task.status], tone };
}
