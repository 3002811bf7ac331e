// The 'ossature' TestController ("Ossature plan"): every plan task, and every requirement a task covers, is a
// Testing item with run profiles mapped to build commands (run-plan.ts). Results come from the run events of each
// CLI run (run-results.ts) — of runs started here and of runs started elsewhere (the palette, CodeLens) — and an
// item's state before any run from its plan status, so the gutter shows what the engine's state says.
import {
  type CancellationToken,
  type Disposable,
  EventEmitter,
  Location,
  type LogOutputChannel,
  type TestController,
  type TestItem,
  TestMessage,
  type TestRun,
  TestRunProfileKind,
  TestRunRequest,
  tests,
  type Event as VsEvent,
} from 'vscode';
import { type LiveTasks, onOssatureTaskEnded, type RunEventMessage } from '../plan/live-tasks';
import { type PlanTasksStore, sameFile } from '../plan/plan-tasks';
import type { CliRunRequest, RunResult } from '../runs/run-request';
import { cliRunsFor, PROFILES, type ProfileKind, type RunSelection } from './run-plan';
import { planStatusOutcome, RunReporter } from './run-results';
import { PlanTestItems } from './test-items';

export type Outcome = 'passed' | 'failed' | 'skipped';

/** The run functions of runs/run-cli.ts (contract 1), passed in so this file does not depend on how they run. */
export interface CliRuns {
  runCli(request: CliRunRequest): Promise<RunResult>;
  onRunEvent: VsEvent<RunEventMessage>;
  /** Cancels the project's run going on (what the progress notification's Cancel does). */
  cancelRun(configFile?: string): boolean;
}

/** What the in-host tests (and anyone holding the extension's API) can see of the Testing side. */
export interface OssatureTesting {
  readonly controller: TestController;
  /** The last outcome reported for an item id (by a run or from the plan status). */
  outcomeOf(itemId: string): Outcome | undefined;
  /** Fires after each outcome reported. */
  readonly onDidReport: VsEvent<{ id: string; outcome: Outcome }>;
  /** Fires after the items were rebuilt from the plan. */
  readonly onDidSync: VsEvent<void>;
}

export class PlanTesting implements OssatureTesting, Disposable {
  readonly controller: TestController;
  readonly items: PlanTestItems;
  readonly #outcomes = new Map<string, Outcome>();
  readonly #reported = new EventEmitter<{ id: string; outcome: Outcome }>();
  readonly onDidReport = this.#reported.event;
  readonly #synced = new EventEmitter<void>();
  readonly onDidSync = this.#synced.event;
  /** The reporter of each project with a run going on (key: its configFile as the run was asked). */
  readonly #active = new Map<string, { reporter: RunReporter; external: boolean }>();
  readonly #disposables: Disposable[] = [];

  constructor(
    private readonly store: PlanTasksStore,
    private readonly live: LiveTasks,
    private readonly runs: CliRuns,
    private readonly log: LogOutputChannel,
  ) {
    this.controller = tests.createTestController('ossature', 'Ossature plan');
    this.items = new PlanTestItems(this.controller);
    this.controller.refreshHandler = () => store.refresh();
    for (const { kind, label } of PROFILES) {
      this.controller.createRunProfile(
        label,
        TestRunProfileKind.Run,
        (request, token) => this.#run(kind, request, token),
        kind === 'only',
      );
    }
    this.#disposables.push(
      this.controller,
      this.#reported,
      this.#synced,
      store.onDidChange(() => this.#sync()),
      runs.onRunEvent((message) => this.#onEvent(message)),
      // A run that ends without its run-finished event (killed): close its results.
      onOssatureTaskEnded((configFile) => {
        for (const [key, { external }] of [...this.#active]) {
          if (external && (!configFile || sameFile(configFile, key))) this.#endExternal(key);
        }
      }),
    );
    this.#sync();
  }

  outcomeOf(itemId: string): Outcome | undefined {
    return this.#outcomes.get(itemId);
  }

  #sync(): void {
    try {
      this.items.sync(this.store.projects);
      this.#reportPlanStatuses();
    } finally {
      this.#synced.fire();
    }
  }

  /** Items whose plan status differs from their last outcome get it, in one short run ("Plan status"). */
  #reportPlanStatuses(): void {
    let run: TestRun | undefined;
    const stale: TestItem[] = [];
    for (const project of this.store.projects) {
      if (this.#activeFor(project.configFile)) continue;
      for (const task of project.tasks) {
        const item = this.items.taskItem(project.configFile, task.id);
        if (!item) continue;
        const outcome = planStatusOutcome(task.status);
        const related = [item, ...this.items.requirementsOf(item)];
        for (const one of related) {
          const before = this.#outcomes.get(one.id);
          if (outcome === before) continue;
          if (outcome === undefined) {
            // Pending again (a retry reset it, the plan was edited): the last result no longer holds.
            this.#outcomes.delete(one.id);
            stale.push(one);
            continue;
          }
          run ??= this.controller.createTestRun(new TestRunRequest(), 'Plan status', false);
          if (outcome === 'passed') run.passed(one);
          else if (outcome === 'skipped') run.skipped(one);
          else {
            const message = new TestMessage(
              `Task ${task.id} failed in its last run. Open its verify output from the plan, fix the spec or the code, and run it again.`,
            );
            if (one.uri && one.range) message.location = new Location(one.uri, one.range);
            run.failed(one, message);
          }
          this.#record(one, outcome);
        }
      }
    }
    run?.end();
    if (stale.length > 0) this.controller.invalidateTestResults(stale);
  }

  #record(item: TestItem, outcome: Outcome): void {
    this.#outcomes.set(item.id, outcome);
    this.#reported.fire({ id: item.id, outcome });
  }

  #activeFor(configFile: string): { reporter: RunReporter; external: boolean } | undefined {
    for (const [key, value] of this.#active) if (sameFile(key, configFile)) return value;
    return undefined;
  }

  #onEvent({ configFile, event }: RunEventMessage): void {
    let active = this.#activeFor(configFile);
    if (!active && event.type === 'run-started') {
      // A run started elsewhere (the palette, a CodeLens): its results show here too.
      const run = this.controller.createTestRun(new TestRunRequest(), `Ossature ${event.command}`, true);
      active = { reporter: this.#reporter(run, configFile), external: true };
      this.#active.set(configFile, active);
    }
    active?.reporter.apply(event);
    if (event.type === 'run-finished' && active?.external) this.#endExternal(configFile);
  }

  #endExternal(configFile: string): void {
    const active = this.#activeFor(configFile);
    if (!active) return;
    for (const [key, value] of this.#active) if (value === active) this.#active.delete(key);
    active.reporter.finish();
    active.reporter.run.end();
    void this.store.refresh();
  }

  #reporter(run: TestRun, configFile: string): RunReporter {
    return new RunReporter(run, this.items, configFile, (item, outcome) => this.#record(item, outcome));
  }

  /** A run profile's handler: the selected items' CLI runs, one project after another, one run at a time. */
  async #run(kind: ProfileKind, request: TestRunRequest, token: CancellationToken): Promise<void> {
    await this.store.refresh();
    const selections = this.#selections(request);
    const run = this.controller.createTestRun(request, PROFILES.find((p) => p.kind === kind)?.label, true);
    try {
      for (const [configFile, { selection, items }] of selections) {
        const project = this.store.project(configFile);
        if (!project) continue;
        const plans = cliRunsFor(kind, project, selection);
        for (const item of items) run.enqueued(item);
        const reporter = this.#reporter(run, configFile);
        this.#active.set(configFile, { reporter, external: false });
        const cancel = token.onCancellationRequested(() => this.runs.cancelRun(configFile));
        try {
          for (const plan of plans) {
            if (token.isCancellationRequested) break;
            const result = await this.runs.runCli(plan);
            if (result.refused) reporter.errored(items, result.refused);
            if (result.cancelled || result.refused) break;
          }
        } catch (error) {
          this.log.error(`The Testing run of ${configFile} failed`, error);
          reporter.errored(
            items,
            `The run could not start: ${error instanceof Error ? error.message : String(error)}`,
          );
        } finally {
          cancel.dispose();
          reporter.finish();
          this.#active.delete(configFile);
          this.live.runEnded(configFile);
        }
        if (token.isCancellationRequested) break;
      }
    } finally {
      run.end();
      // The plan's new statuses arrive with the server's next status; they match what the run reported.
      await this.store.refresh();
    }
  }

  /** The request's items (or every project when it names none) as a selection per project. */
  #selections(request: TestRunRequest): Map<string, { selection: RunSelection; items: TestItem[] }> {
    const out = new Map<
      string,
      { selection: RunSelection & { specs: string[]; tasks: string[] }; items: TestItem[] }
    >();
    const roots: TestItem[] = [];
    if (request.include) roots.push(...request.include);
    else
      this.controller.items.forEach((item) => {
        roots.push(item);
      });
    const excluded = new Set((request.exclude ?? []).map((item) => item.id));
    for (const item of roots) {
      if (excluded.has(item.id)) continue;
      const data = this.items.dataOf(item);
      if (!data) continue;
      const entry = out.get(data.configFile) ?? {
        selection: { whole: false, specs: [], tasks: [] },
        items: [],
      };
      out.set(data.configFile, entry);
      entry.items.push(item);
      if (data.kind === 'project') entry.selection.whole = true;
      else if (data.kind === 'spec') entry.selection.specs.push(data.spec);
      else if (data.kind === 'task') entry.selection.tasks.push(data.task);
      else {
        // A requirement runs every task covering it.
        for (const task of this.store.project(data.configFile)?.tasks ?? []) {
          if (
            task.covers.some(
              (c) => sameFile(c.file, data.file) && c.range.start.line === data.range.start.line,
            )
          )
            entry.selection.tasks.push(task.id);
        }
      }
    }
    return out;
  }

  dispose(): void {
    for (const disposable of this.#disposables) disposable.dispose();
  }
}
