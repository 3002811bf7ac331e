// What each task is doing in the run going on now (or did in the last one), from the run events every CLI run
// publishes (onRunEvent of runs/run-cli.ts): queued, running with its phase, finished with its duration and
// cost. The plan decorations draw it; the plan's own statuses take over for tasks no run has touched.
import { type Disposable, EventEmitter, tasks, type Event as VsEvent, type WorkspaceFolder } from 'vscode';
import type { RunEvent } from '../../../shared/src/model/events';
import { configFileOf, type OssatureTaskDefinition, TASK_TYPE } from '../runs/ossature-task';
import type { RunEventMessage } from '../runs/run-cli';
import { sameFile } from './plan-tasks';
import type { LiveTask } from './task-label';

export type { RunEventMessage } from '../runs/run-cli';
export type { LiveTask } from './task-label';

/**
 * Fires when an `ossature` task's process ends, with its project's ossature.toml when the task names one. A run
 * killed before its run-finished event is over then.
 */
export function onOssatureTaskEnded(listener: (configFile: string | undefined) => void): Disposable {
  return tasks.onDidEndTaskProcess(({ execution }) => {
    const definition = execution.task.definition as OssatureTaskDefinition;
    if (definition.type !== TASK_TYPE) return;
    const scope = execution.task.scope;
    const folder =
      typeof scope === 'object' && scope !== null && 'uri' in scope ? (scope as WorkspaceFolder) : undefined;
    listener(configFileOf(definition, folder));
  });
}

export class LiveTasks implements Disposable {
  /** configFile → task id → state; a project's map is replaced when a new run of it starts. */
  readonly #projects = new Map<string, Map<string, LiveTask>>();
  /** Projects with a run going on. */
  readonly #active = new Set<string>();
  readonly #changed = new EventEmitter<string>();
  readonly #subscriptions: Disposable[];
  /** Fires with the configFile whose tasks changed. */
  readonly onDidChange = this.#changed.event;

  constructor(onRunEvent: VsEvent<RunEventMessage>) {
    this.#subscriptions = [
      onRunEvent(({ configFile, event }) => this.apply(configFile, event)),
      onOssatureTaskEnded((configFile) => {
        for (const key of [...this.#active]) if (!configFile || sameFile(key, configFile)) this.runEnded(key);
      }),
    ];
  }

  get(configFile: string, id: string): LiveTask | undefined {
    return this.#tasksOf(configFile)?.get(id);
  }

  isRunning(configFile: string): boolean {
    return [...this.#active].some((file) => sameFile(file, configFile));
  }

  /** Whether any run is going on (the decorations animate only then). */
  get anyRunning(): boolean {
    return this.#active.size > 0;
  }

  apply(configFile: string, event: RunEvent): void {
    const key = this.#keyOf(configFile);
    let tasks = this.#projects.get(key);
    if (event.type === 'run-started' || !tasks) {
      tasks = new Map();
      this.#projects.set(key, tasks);
    }
    switch (event.type) {
      case 'run-started':
        this.#active.add(key);
        for (const id of event.planned) tasks.set(id, { kind: 'queued' });
        break;
      case 'task-started':
        tasks.set(event.id, { kind: 'running', startedAt: Date.now() });
        break;
      case 'task-phase': {
        const task = tasks.get(event.id);
        const startedAt = task?.kind === 'running' ? task.startedAt : Date.now();
        tasks.set(event.id, { kind: 'running', phase: event.phase, startedAt });
        break;
      }
      case 'task-finished':
        tasks.set(event.id, {
          kind: 'finished',
          status: event.status,
          durationMs: event.durationMs,
          costUsd: event.usage.costUsd,
          ...(event.error ? { error: event.error } : {}),
        });
        break;
      case 'task-checked':
        if (event.result === 'up-to-date' || event.result === 'backfilled')
          tasks.set(event.id, { kind: 'up-to-date' });
        else tasks.delete(event.id);
        break;
      case 'run-finished':
        this.#active.delete(key);
        // Queued tasks that never started (a stop, a failure before them) go back to their plan status.
        for (const [id, task] of tasks)
          if (task.kind === 'queued' || task.kind === 'running') tasks.delete(id);
        break;
      default:
        return;
    }
    this.#changed.fire(key);
  }

  /** A run that ended without its run-finished event (killed, cancelled): nothing of it is live any more. */
  runEnded(configFile: string): void {
    const key = this.#keyOf(configFile);
    const tasks = this.#projects.get(key);
    const wasActive = this.#active.delete(key);
    let changed = wasActive;
    for (const [id, task] of tasks ?? []) {
      if (task.kind === 'queued' || task.kind === 'running') {
        tasks?.delete(id);
        changed = true;
      }
    }
    if (changed) this.#changed.fire(key);
  }

  #tasksOf(configFile: string): Map<string, LiveTask> | undefined {
    return this.#projects.get(this.#keyOf(configFile));
  }

  #keyOf(configFile: string): string {
    for (const key of this.#projects.keys()) if (sameFile(key, configFile)) return key;
    return configFile;
  }

  dispose(): void {
    for (const subscription of this.#subscriptions) subscription.dispose();
    this.#changed.dispose();
  }
}
