// Turns one project's run events into Testing results: task-started → started; task-finished done → passed with
// its duration, failed → failed with the error and the last verify output (located on the task's line), left
// pending or skipped → skipped; task-checked up to date → passed, manual or skipped → skipped. A task's
// requirement items get the same result. Also: the initial state of every item from its plan status.
import { Location, type TestItem, TestMessage, type TestRun } from 'vscode';
import type { RunEvent } from '../../../shared/src/model/events';
import type { PlanTaskStatus } from '../../../shared/src/protocol';
import type { PlanTestItems } from './test-items';

type Outcome = 'passed' | 'failed' | 'skipped';

export class RunReporter {
  /** The last verify output of each task (the failure message shows it). */
  readonly #verifyOutput = new Map<string, string>();
  /** Tasks started but not finished: skipped when the run ends without their result. */
  readonly #open = new Set<string>();

  constructor(
    readonly run: TestRun,
    private readonly items: PlanTestItems,
    readonly configFile: string,
    private readonly onResult: (item: TestItem, outcome: Outcome) => void = () => {},
  ) {}

  apply(event: RunEvent): void {
    switch (event.type) {
      case 'run-started':
        for (const id of event.planned) this.#each(id, (item) => this.run.enqueued(item));
        break;
      case 'task-started':
        this.#open.add(event.id);
        this.#verifyOutput.delete(event.id);
        this.#each(event.id, (item) => this.run.started(item));
        this.#line(`▶ ${event.id} ${event.title}`);
        break;
      case 'verify-output':
        this.#verifyOutput.set(event.id, event.output);
        break;
      case 'task-finished': {
        this.#open.delete(event.id);
        const seconds = `${(event.durationMs / 1000).toFixed(1)} s`;
        if (event.status === 'done') {
          this.#report(event.id, 'passed', event.durationMs);
          this.#line(`✓ ${event.id} ${event.title} (${seconds})`);
        } else if (event.status === 'failed') {
          const text = [event.error, this.#verifyOutput.get(event.id)].filter(Boolean).join('\n\n');
          this.#report(event.id, 'failed', event.durationMs, text || `Task ${event.id} failed.`);
          this.#line(`✗ ${event.id} ${event.title} (${seconds})${event.error ? `: ${event.error}` : ''}`);
        } else {
          this.#report(event.id, 'skipped');
          this.#line(
            `○ ${event.id} ${event.title}: ${event.status === 'pending' ? 'interrupted' : event.status}`,
          );
        }
        break;
      }
      case 'task-checked':
        if (event.result === 'up-to-date' || event.result === 'backfilled') this.#report(event.id, 'passed');
        else if (event.result === 'manual' || event.result === 'skipped') this.#report(event.id, 'skipped');
        break;
      case 'log':
        if (event.level !== 'info') this.#line(`${event.level}: ${event.message}`);
        break;
      default:
        break;
    }
  }

  /** The run is over: tasks it started and never finished are reported skipped. */
  finish(): void {
    for (const id of this.#open) this.#report(id, 'skipped');
    this.#open.clear();
  }

  /** Every selected item gets the same message (e.g. the run was refused before it started). */
  errored(items: readonly TestItem[], message: string): void {
    for (const item of items) this.run.errored(item, new TestMessage(message));
  }

  #report(id: string, outcome: Outcome, durationMs?: number, message?: string): void {
    this.#each(id, (item, isTask) => {
      if (outcome === 'passed') this.run.passed(item, durationMs);
      else if (outcome === 'skipped') this.run.skipped(item);
      else {
        const failure = new TestMessage(
          isTask ? (message ?? '') : `Task ${id} covering it failed:\n\n${message}`,
        );
        if (item.uri && item.range) failure.location = new Location(item.uri, item.range);
        this.run.failed(item, failure, durationMs);
      }
      this.onResult(item, outcome);
    });
  }

  /** The task's item and its requirement items. */
  #each(id: string, report: (item: TestItem, isTask: boolean) => void): void {
    const task = this.items.taskItem(this.configFile, id);
    if (!task) return;
    report(task, true);
    for (const requirement of this.items.requirementsOf(task)) report(requirement, false);
  }

  #line(text: string): void {
    this.run.appendOutput(`${text}\r\n`);
  }
}

/** What a plan status means for an item before any run of this session: undefined → no result. */
export function planStatusOutcome(status: PlanTaskStatus): Outcome | undefined {
  if (status === 'done') return 'passed';
  if (status === 'failed') return 'failed';
  if (status === 'skipped' || status === 'manual') return 'skipped';
  return undefined;
}
