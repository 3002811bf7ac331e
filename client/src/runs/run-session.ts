// One run of the CLI as a VS Code task, from start to exit: follows its events file, drives the progress
// notification and the status bar, asks step/failure questions with buttons, cancels cleanly (SIGINT, as Ctrl-C
// would: running tasks stay pending), and resolves `done` with the RunResult once the task has ended.
import { rm } from 'node:fs/promises';
import {
  commands,
  type LogOutputChannel,
  type Progress,
  ProgressLocation,
  type TaskExecution,
  type Terminal,
  window,
} from 'vscode';
import type { RunEvent } from '../../../shared/src/model/events';
import { EventsTail } from './events-tail';
import { RunProgress } from './run-progress';
import { type CliCommand, commandVerb, emitsEvents, type RunResult } from './run-request';
import { showRunStatus } from './run-status-bar';
import { answerLine, askWaiting, type WaitingChoice, type WaitingEvent } from './waiting-answers';

/** How long a run may take to stop after SIGINT before its task is terminated outright. */
const CANCEL_GRACE_MS = 10_000;

export interface SessionInfo {
  runId: string;
  configFile: string;
  command: CliCommand;
  title: string;
  eventsFile: string | undefined;
}

export interface SessionHooks {
  log: LogOutputChannel;
  /** Every event, as it is read (onRunEvent). */
  publish(configFile: string, event: RunEvent): void;
  /** Called once, when the run is over. */
  ended(session: RunSession): void;
}

export class RunSession {
  readonly events: RunEvent[] = [];
  readonly progress: RunProgress | undefined;
  readonly done: Promise<RunResult>;
  #resolve!: (result: RunResult) => void;
  #execution: TaskExecution | undefined;
  #pid: number | undefined;
  #terminal: Terminal | undefined;
  #exitCode: number | undefined;
  #tail: EventsTail | undefined;
  #cancelRequested = false;
  #cancelTimer: NodeJS.Timeout | undefined;
  #finished = false;
  #ending = false;
  #answeredSeq: number | undefined;
  #report: Progress<{ message?: string; increment?: number }> | undefined;
  #reported = 0;
  #closeNotification: (() => void) | undefined;

  constructor(
    readonly info: SessionInfo,
    private readonly hooks: SessionHooks,
  ) {
    this.progress = emitsEvents(info.command) ? new RunProgress(commandVerb(info.command)) : undefined;
    this.done = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  get finished(): boolean {
    return this.#finished;
  }

  get cancelRequested(): boolean {
    return this.#cancelRequested;
  }

  /** The task has started (tasks.onDidStartTask). */
  started(execution: TaskExecution): void {
    if (this.#execution || this.#finished) return;
    this.#execution = execution;
    this.#followEvents();
    if (this.progress || this.info.command === 'audit') this.#showNotification();
    this.#render();
    if (this.#cancelRequested) execution.terminate();
  }

  /** The CLI process is running (tasks.onDidStartTaskProcess). */
  processStarted(pid: number): void {
    this.#pid = pid;
  }

  /** The CLI process exited (tasks.onDidEndTaskProcess, which comes before onDidEndTask). */
  processEnded(exitCode: number | undefined): void {
    this.#exitCode = exitCode;
  }

  /** The task is over (tasks.onDidEndTask): read the last events, then settle. */
  async ended(execution: TaskExecution): Promise<void> {
    if (this.#finished || this.#ending) return;
    this.#ending = true;
    // The start event may not have come yet: the events are still in the file.
    this.#execution ??= execution;
    this.#followEvents();
    try {
      await this.#tail?.stop();
    } catch (error) {
      this.hooks.log.warn(`${this.info.title}: reading the last run events failed: ${String(error)}`);
    }
    if (this.info.eventsFile) {
      await rm(this.info.eventsFile, { force: true }).catch(() => undefined);
    }
    this.#finish(this.#exitCode);
  }

  #followEvents(): void {
    if (this.#tail || !this.info.eventsFile) return;
    this.#tail = new EventsTail(
      this.info.eventsFile,
      (event) => this.#onEvent(event),
      (what, error) => this.hooks.log.warn(`${this.info.title}: ${what}: ${String(error)}`),
    );
    try {
      this.#tail.start();
    } catch (error) {
      this.hooks.log.error(
        `${this.info.title}: cannot follow its events file ${this.info.eventsFile}`,
        error,
      );
    }
  }

  /** The task could not be started at all. */
  failed(error: unknown): void {
    if (this.#finished) return;
    const message = error instanceof Error ? error.message : String(error);
    this.hooks.log.error(`${this.info.title} could not start: ${message}`);
    void window.showErrorMessage(`Ossature: ${this.info.title} could not start: ${message}`);
    this.#finish(undefined);
  }

  /**
   * Stops the run as Ctrl-C would: SIGINT to the CLI, which cancels the running tasks' model calls and verify
   * processes, leaves those tasks pending and exits 130. A run that has not stopped after a grace period is
   * terminated.
   */
  cancel(): void {
    if (this.#finished || this.#cancelRequested) return;
    this.#cancelRequested = true;
    this.hooks.log.info(`Cancelling ${this.info.title}`);
    showRunStatus(`$(loading~spin) ${this.info.title}: cancelling…`, this.info.title);
    if (this.#pid !== undefined) {
      try {
        process.kill(this.#pid, 'SIGINT');
      } catch {
        this.#execution?.terminate();
      }
    } else {
      this.#execution?.terminate();
    }
    this.#cancelTimer = setTimeout(() => {
      if (!this.#finished) {
        this.hooks.log.warn(
          `${this.info.title} did not stop ${CANCEL_GRACE_MS / 1000} s after SIGINT: terminating it`,
        );
        this.#execution?.terminate();
      }
    }, CANCEL_GRACE_MS);
  }

  /** Answers the question the run waits on by typing it in its terminal; false when it waits on none. */
  async answer(choice: WaitingChoice): Promise<boolean> {
    const waiting = this.progress?.waiting;
    if (!waiting || this.#finished || this.#answeredSeq === waiting.seq) return false;
    const line = answerLine(waiting.kind, choice);
    if (line === undefined) return false;
    const terminal = await this.terminal();
    if (!terminal) return false;
    this.#answeredSeq = waiting.seq;
    this.hooks.log.info(`${this.info.title}: answering "${choice}" for task ${waiting.id}`);
    terminal.sendText(line, true);
    return true;
  }

  /** The terminal the CLI runs in: the one whose process is the task's. */
  async terminal(): Promise<Terminal | undefined> {
    if (this.#terminal && window.terminals.includes(this.#terminal)) return this.#terminal;
    if (this.#pid === undefined) return undefined;
    for (const terminal of window.terminals) {
      if ((await terminal.processId) === this.#pid) {
        this.#terminal = terminal;
        return terminal;
      }
    }
    return undefined;
  }

  #onEvent(event: RunEvent): void {
    this.events.push(event);
    this.progress?.handle(event);
    this.hooks.publish(this.info.configFile, event);
    if (event.type === 'waiting') void this.#ask(event);
    this.#render();
  }

  async #ask(event: WaitingEvent): Promise<void> {
    const title = this.events.find((e) => e.type === 'task-started' && e.id === event.id);
    const choice = await askWaiting(
      event,
      this.info.title,
      title?.type === 'task-started' ? title.title : event.id,
    );
    if (!choice) return;
    if (!(await this.answer(choice)) && !this.#finished) {
      void window.showInformationMessage(
        `${this.info.title}: that question was already answered in the terminal.`,
      );
    }
  }

  #showNotification(): void {
    void window.withProgress(
      { location: ProgressLocation.Notification, title: this.info.title, cancellable: true },
      (progress, token) => {
        this.#report = progress;
        token.onCancellationRequested(() => this.cancel());
        this.#render();
        return new Promise<void>((resolve) => {
          this.#closeNotification = resolve;
          if (this.#finished) resolve();
        });
      },
    );
  }

  #render(): void {
    if (this.#cancelRequested && !this.#finished) return;
    const progress = this.progress;
    if (!progress) {
      showRunStatus(`$(sync~spin) ${this.info.title}`, `${this.info.title}: running`);
      this.#report?.report({ message: 'running — see the terminal' });
      return;
    }
    showRunStatus(progress.statusText, `${this.info.title}: ${progress.detail || 'starting'}`);
    const percent = progress.percent;
    const detail = progress.detail;
    this.#report?.report({
      message: detail ? `${progress.counts} — ${detail}` : progress.counts,
      increment: percent - this.#reported,
    });
    this.#reported = percent;
  }

  #finish(exitCode: number | undefined): void {
    this.#finished = true;
    clearTimeout(this.#cancelTimer);
    const cancelled = this.#cancelRequested && exitCode !== 0;
    const result: RunResult = { exitCode, cancelled, events: this.events };
    const text = this.#finalText(exitCode, cancelled);
    showRunStatus(text, `${this.info.title}: exit ${exitCode ?? 'unknown'}`);
    this.#closeNotification?.();
    this.hooks.log.info(
      `${this.info.title} ended: exit ${exitCode ?? 'unknown'}${cancelled ? ' (cancelled)' : ''}`,
    );
    this.hooks.ended(this);
    if (!cancelled && exitCode !== 0 && this.info.command !== 'validate') this.#reportFailure(exitCode);
    this.#resolve(result);
  }

  #finalText(exitCode: number | undefined, cancelled: boolean): string {
    if (this.progress?.result) return this.progress.statusText;
    if (cancelled) return `$(circle-slash) ${this.info.title} cancelled`;
    if (exitCode === 0) return `$(check) ${this.info.title}`;
    return `$(error) ${this.info.title} failed (exit ${exitCode ?? 'unknown'})`;
  }

  #reportFailure(exitCode: number | undefined): void {
    const result = this.progress?.result;
    const failed = result?.failed ?? 0;
    const message =
      failed > 0
        ? `${this.info.title}: ${failed} task${failed === 1 ? '' : 's'} failed.`
        : `${this.info.title} failed (exit ${exitCode ?? 'unknown'}). The terminal says why.`;
    const actions = failed > 0 ? ['Show Terminal', 'Retry Failed'] : ['Show Terminal'];
    void window.showErrorMessage(message, ...actions).then(async (choice) => {
      if (choice === 'Show Terminal') (await this.terminal())?.show();
      if (choice === 'Retry Failed')
        void commands.executeCommand('ossature.retryFailed', this.info.configFile);
    });
  }
}
