// The state of a build or retry as its run events tell it, and the texts the progress notification and the
// status bar show: `Build 3/9 · ✓2 ✗1 · $0.41`. Pure (no 'vscode'): fed one event at a time.
import type { RunEvent } from '../../../shared/src/model/events';

type Finished = Extract<RunEvent, { type: 'run-finished' }>;

export class RunProgress {
  /** Tasks this run expects to run (grows when a "maybe" task joins). */
  readonly #expected = new Set<string>();
  /** Tasks started or finished so far: the "3" of "3/9". */
  readonly #started = new Set<string>();
  /** Running task id → its title and phase. */
  readonly #running = new Map<string, { title: string; phase?: string }>();
  readonly #finished = new Map<string, string>();
  readonly #titles = new Map<string, string>();
  #costUsd: number | null = null;
  #requests = 0;
  #waiting: Extract<RunEvent, { type: 'waiting' }> | undefined;
  #result: Finished | undefined;

  /** @param verb "Build" or "Retry" */
  constructor(readonly verb: string) {}

  handle(event: RunEvent): void {
    switch (event.type) {
      case 'run-started':
        for (const id of event.planned) this.#expected.add(id);
        break;
      case 'task-started':
        this.#expected.add(event.id);
        this.#started.add(event.id);
        this.#finished.delete(event.id);
        this.#running.set(event.id, { title: event.title });
        this.#titles.set(event.id, event.title);
        this.#waiting = undefined;
        break;
      case 'task-phase': {
        const running = this.#running.get(event.id);
        if (running) running.phase = event.attempt ? `${event.phase} ${event.attempt}` : event.phase;
        break;
      }
      case 'task-finished':
        // A task whose dependency failed finishes (failed) without having started.
        this.#expected.add(event.id);
        this.#started.add(event.id);
        this.#running.delete(event.id);
        this.#finished.set(event.id, event.status);
        break;
      case 'usage':
        this.#costUsd = event.usage.costUsd;
        this.#requests = event.usage.requests;
        break;
      case 'waiting':
        this.#waiting = event;
        break;
      case 'run-finished':
        this.#result = event;
        this.#running.clear();
        this.#waiting = undefined;
        this.#costUsd = event.usage.costUsd;
        this.#requests = event.usage.requests;
        break;
    }
  }

  /** The run-finished event, once it came. */
  get result(): Finished | undefined {
    return this.#result;
  }

  /** The task waiting for an answer (step mode, or a failure), until the run moves on. */
  get waiting(): Extract<RunEvent, { type: 'waiting' }> | undefined {
    return this.#waiting;
  }

  get total(): number {
    return this.#expected.size;
  }

  count(status: string): number {
    let n = 0;
    for (const value of this.#finished.values()) if (value === status) n += 1;
    return n;
  }

  /** 0–100: finished tasks of the expected ones; 100 only once the run has finished. */
  get percent(): number {
    if (this.#result) return 100;
    if (this.total === 0) return 0;
    return Math.min(99, Math.floor((this.#finished.size / this.total) * 100));
  }

  /** `3/9 · ✓2 ✗1 · $0.41` (✗ only after a failure, the cost once a model call was priced). */
  get counts(): string {
    const parts = [`${this.#started.size}/${this.total}`];
    const failed = this.count('failed');
    parts.push(failed > 0 ? `✓${this.count('done')} ✗${failed}` : `✓${this.count('done')}`);
    const cost = formatCost(this.#costUsd, this.#requests);
    if (cost) parts.push(cost);
    return parts.join(' · ');
  }

  /** `Build 3/9 · ✓2 ✗1 · $0.41`, or once finished e.g. `Build cancelled 2/9 · ✓1 · $0.10`. */
  get text(): string {
    const outcome = this.#result?.outcome;
    if (outcome === 'up-to-date') return `${this.verb}: up to date`;
    const word = outcome === 'interrupted' ? ' cancelled' : outcome === 'stopped' ? ' stopped' : '';
    return `${this.verb}${word} ${this.counts}`;
  }

  /** The status bar text: a spinning icon while running, then one for the outcome. */
  get statusText(): string {
    return `${statusIcon(this.#result)} ${this.text}`;
  }

  /** What runs now, e.g. "Core helpers (verify) · Report module", or what the run waits for. */
  get detail(): string {
    if (this.#waiting) {
      const title = this.#titleOf(this.#waiting.id);
      return this.#waiting.kind === 'step'
        ? `${title} done: continue, skip the next task or stop?`
        : `${title} failed: retry, skip or stop?`;
    }
    return [...this.#running.values()]
      .map((r) => (r.phase ? `${r.title} (${r.phase})` : r.title))
      .join(' · ');
  }

  #titleOf(id: string): string {
    return this.#titles.get(id) ?? `Task ${id}`;
  }
}

/** `$0.41`, `<$0.01`, or undefined before any priced model call. */
export function formatCost(costUsd: number | null, requests = 1): string | undefined {
  if (costUsd === null || requests === 0) return undefined;
  if (costUsd > 0 && costUsd < 0.01) return '<$0.01';
  return `$${costUsd.toFixed(2)}`;
}

function statusIcon(result: Finished | undefined): string {
  if (!result) return '$(sync~spin)';
  if (result.outcome === 'interrupted' || result.outcome === 'stopped') return '$(circle-slash)';
  return result.exitCode === 0 ? '$(check)' : '$(error)';
}
