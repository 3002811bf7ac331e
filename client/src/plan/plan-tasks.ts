// The plan's tasks as the language server reads them (PlanTasksRequest), kept fresh for the Testing items, the
// plan decorations and the task review: asked again when a plan.toml or state.toml changes on disk, when an open
// plan is edited, when the server reports a new state (it has re-read what changed), and after every run.
import { resolve } from 'node:path';
import {
  type Disposable,
  EventEmitter,
  type LogOutputChannel,
  RelativePattern,
  type TextDocument,
  workspace,
} from 'vscode';
import { type LanguageClient, State } from 'vscode-languageclient/node';
import {
  type PlanProjectInfo,
  type PlanTaskInfo,
  PlanTasksRequest,
  StatusNotification,
} from '../../../shared/src/protocol';

/** `**` + this matches every plan and state file the engine writes. */
const WATCHED = '**/.ossature/{plan,state}.toml';

export function isPlanDocument(document: TextDocument): boolean {
  return document.uri.scheme === 'file' && /[\\/]\.ossature[\\/]plan\.toml$/.test(document.uri.fsPath);
}

/** Same file, whatever the spelling (both come from the server or the run request, absolute). */
export function sameFile(a: string, b: string): boolean {
  return resolve(a) === resolve(b);
}

export class PlanTasksStore implements Disposable {
  #projects: PlanProjectInfo[] = [];
  #text = '[]';
  #loaded = false;
  #running: Promise<void> | undefined;
  #again = false;
  readonly #changed = new EventEmitter<void>();
  readonly #disposables: Disposable[] = [];
  /** Fires when the projects, tasks, statuses or ranges changed. */
  readonly onDidChange = this.#changed.event;

  constructor(
    private readonly client: LanguageClient,
    private readonly log: LogOutputChannel,
  ) {
    const refresh = () => void this.refresh();
    for (const folder of workspace.workspaceFolders ?? []) {
      const watcher = workspace.createFileSystemWatcher(new RelativePattern(folder, WATCHED));
      this.#disposables.push(
        watcher,
        watcher.onDidCreate(refresh),
        watcher.onDidChange(refresh),
        watcher.onDidDelete(refresh),
      );
    }
    this.#disposables.push(
      this.#changed,
      workspace.onDidChangeTextDocument((event) => {
        if (isPlanDocument(event.document) && event.contentChanges.length > 0) refresh();
      }),
      // The server sends its status after it has applied what changed on disk: the answer is fresh then.
      // (The client keeps one handler per notification, across restarts; nothing else in the client uses it.)
      client.onNotification(StatusNotification, refresh),
      client.onDidChangeState((event) => {
        if (event.newState === State.Running) refresh();
      }),
    );
    if (client.isRunning()) refresh();
  }

  /** Whether a first answer came (until then the lists are empty because nothing is known yet). */
  get loaded(): boolean {
    return this.#loaded;
  }

  get projects(): readonly PlanProjectInfo[] {
    return this.#projects;
  }

  project(configFile: string): PlanProjectInfo | undefined {
    return this.#projects.find((p) => sameFile(p.configFile, configFile));
  }

  task(configFile: string, id: string): PlanTaskInfo | undefined {
    return this.project(configFile)?.tasks.find((t) => t.id === id);
  }

  /**
   * Asks the server again; calls made while one is under way share one more round after it. The question waits
   * one turn of the event loop: a plan edit's listeners run in turn, and the language client's (which sends the
   * edit to the server) may come after this store's.
   */
  refresh(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      await new Promise((resolve) => setImmediate(resolve));
      do {
        this.#again = false;
        await this.#fetch();
      } while (this.#again);
    })().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #fetch(): Promise<void> {
    if (!this.client.isRunning()) return;
    let projects: PlanProjectInfo[];
    try {
      projects = (await this.client.sendRequest(PlanTasksRequest, {})).projects;
    } catch (error) {
      this.log.warn(`Could not read the plan's tasks from the language server: ${String(error)}`);
      return;
    }
    const text = JSON.stringify(projects);
    this.#loaded = true;
    if (text === this.#text) return;
    this.#text = text;
    this.#projects = projects;
    this.#changed.fire();
  }

  dispose(): void {
    for (const disposable of this.#disposables) disposable.dispose();
  }
}
