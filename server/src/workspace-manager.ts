import { readFileSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { CONFIG_FILE } from '../../shared/src/project/discovery';
import type { Workspace } from '../../shared/src/project/workspace';
import type { ProjectStatus, ServerState, ServerStats, StatusParams } from '../../shared/src/protocol';
import { type DiagnosticsUpdate, toLspDiagnostic } from './features/diagnostics';
import { pathToUri } from './paths';
import { discoverProjects } from './project-discovery';
import { ProjectSession } from './project-session';

/** What the manager needs from the connection; tests and the server pass their own. */
export interface ManagerHost {
  publishDiagnostics(uri: string, diagnostics: LspDiagnostic[], version: number | undefined): void;
  sendStatus(status: StatusParams): void;
  log(message: string): void;
  error(message: string): void;
  /** The text and version of an open document, else undefined. */
  openDocument(file: string): { text: string; version: number } | undefined;
  /** Every open document's path. */
  openFiles(): string[];
}

export type FileChange = { file: string; kind: 'created' | 'changed' | 'deleted' };

function readDisk(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function isInside(folder: string, file: string): boolean {
  const rel = relative(folder, file);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Every project of the open workspace folders, kept current: open documents override the disk, watched
 * file events bring in changes made elsewhere, and each change re-parses one file then re-runs the cheap
 * incremental cross-checks. Validation is queued with setImmediate (no debounce), so a keystroke is
 * validated right after its message is handled, and only the files whose diagnostics changed are
 * published.
 */
export class WorkspaceManager {
  private folders: string[] = [];
  private readonly sessions = new Map<string, ProjectSession>();
  /** The workspace folders that brought each project (by ossature.toml path); it closes with the last. */
  private readonly sources = new Map<string, Set<string>>();
  private state: ServerState = 'loading';
  /** False until the projects found at start-up are loaded (the state stays `loading` until then). */
  private loaded = false;
  private scheduled = false;
  private lastStatus = '';
  private peakHeapUsed = 0;
  private validations = 0;

  constructor(private readonly host: ManagerHost) {}

  /** The text of a file as the project should see it: the open document's, else the disk's. */
  readonly read = (file: string): string | undefined => this.host.openDocument(file)?.text ?? readDisk(file);

  /**
   * Loads every project found in `folders`, validates them and publishes their diagnostics. The `loading`
   * status goes out first; the work starts on the next turn of the event loop, so the client sees it.
   */
  start(folders: string[]): void {
    this.folders = folders.map((f) => resolve(f));
    this.state = 'loading';
    this.loaded = false;
    this.sendStatus();
    setImmediate(() => this.load());
  }

  private load(): void {
    for (const folder of this.folders) this.openFolder(folder);
    this.loaded = true;
    this.flush();
  }

  private openFolder(folder: string): void {
    for (const config of discoverProjects(folder)) this.open(config, folder);
  }

  /** workspace/didChangeWorkspaceFolders: projects of added folders open, those only removed ones had close. */
  changeFolders(added: string[], removed: string[]): void {
    const gone = removed.map((f) => resolve(f));
    this.folders = this.folders.filter((f) => !gone.includes(f));
    for (const session of [...this.sessions.values()]) {
      const sources = this.sources.get(session.configFile);
      for (const folder of gone) sources?.delete(folder);
      if (sources?.size === 0) this.close(session);
    }
    for (const folder of added.map((f) => resolve(f))) {
      this.folders.push(folder);
      this.openFolder(folder);
    }
    this.flush();
  }

  /** Forgets every project and loads them from disk again (open documents still win). */
  reload(): void {
    for (const session of [...this.sessions.values()]) this.close(session);
    this.load();
  }

  /** The workspace folder holding `file`; '' when the client opened no folder (any project is welcome). */
  private folderOf(file: string): string | undefined {
    if (this.folders.length === 0) return '';
    return this.folders.find((f) => isInside(f, file));
  }

  private open(configFile: string, folder: string): void {
    const sources = this.sources.get(configFile) ?? new Set<string>();
    sources.add(folder);
    this.sources.set(configFile, sources);
    if (this.sessions.has(configFile)) return;
    const started = performance.now();
    try {
      const session = new ProjectSession(configFile, this.read);
      this.sessions.set(configFile, session);
      // Open documents not saved yet (a new spec) are part of the project too.
      for (const file of this.host.openFiles())
        session.apply(file, this.host.openDocument(file)?.text, this.read);
      const ws = session.workspace;
      this.host.log(
        `Loaded ${configFile}: ${ws.files().length} spec file(s) in ${(performance.now() - started).toFixed(0)} ms.`,
      );
      this.sampleHeap();
    } catch (error) {
      this.host.error(`Could not load ${configFile}: ${describe(error)}`);
    }
  }

  private close(session: ProjectSession): void {
    this.sessions.delete(session.configFile);
    this.sources.delete(session.configFile);
    this.publish(session.clearPublished());
  }

  /** The project owning `file` (the innermost one when projects nest), if any. */
  sessionFor(file: string): ProjectSession | undefined {
    let best: ProjectSession | undefined;
    for (const session of this.sessions.values()) {
      if (!session.roleOf(file)) continue;
      if (!best || session.root.length > best.root.length) best = session;
    }
    return best;
  }

  workspaceFor(file: string): Workspace | undefined {
    return this.sessionFor(file)?.workspace;
  }

  workspaces(): Workspace[] {
    return [...this.sessions.values()].map((s) => s.workspace);
  }

  /** An open document was opened or edited: its text replaces what the project had. */
  documentChanged(file: string): void {
    const session = this.sessionFor(file);
    if (session?.apply(file, this.host.openDocument(file)?.text, this.read)) this.schedule();
  }

  /** An open document was closed: the project goes back to the disk's text (or drops a file never saved). */
  documentClosed(file: string): void {
    const session = this.sessionFor(file);
    if (session?.apply(file, readDisk(file), this.read)) this.schedule();
  }

  /** Changes on disk (workspace/didChangeWatchedFiles). Open documents keep the editor's text. */
  filesChanged(changes: FileChange[]): void {
    let changed = false;
    for (const { file, kind } of changes) {
      if (basename(file) === CONFIG_FILE && this.configChanged(file, kind)) {
        changed = true;
        continue;
      }
      if (this.host.openDocument(file)) continue;
      const session = this.sessionFor(file);
      if (session) {
        changed = session.apply(file, kind === 'deleted' ? undefined : readDisk(file), this.read) || changed;
      } else if (kind === 'deleted') {
        changed = this.folderDeleted(file) || changed;
      }
    }
    if (changed) this.schedule();
  }

  /** A deleted folder: its projects close, and the specs and plans it held leave their projects. */
  private folderDeleted(folder: string): boolean {
    let changed = false;
    for (const session of [...this.sessions.values()]) {
      if (isInside(folder, session.configFile)) {
        this.close(session);
        changed = true;
        continue;
      }
      for (const file of session.filesUnder(folder)) {
        if (!this.host.openDocument(file)) changed = session.apply(file, undefined, this.read) || changed;
      }
    }
    return changed;
  }

  /** ossature.toml appeared, changed or went away: open, update or close its project. */
  private configChanged(file: string, kind: FileChange['kind']): boolean {
    const session = this.sessions.get(file);
    if (kind === 'deleted') {
      if (!session || this.host.openDocument(file)) return false;
      this.close(session);
      return true;
    }
    if (!session) {
      const folder = this.folderOf(file);
      if (folder === undefined) return false;
      this.open(file, folder);
      return this.sessions.has(file);
    }
    if (this.host.openDocument(file)) return false;
    return session.apply(file, readDisk(file), this.read);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  /** Validates every project with pending edits now and publishes what changed, then the status. */
  flush(): void {
    for (const session of this.sessions.values()) {
      if (!session.dirty) continue;
      try {
        this.publish(session.validate());
        this.validations++;
      } catch (error) {
        session.dirty = false;
        this.host.error(`Validating ${session.configFile} failed: ${describe(error)}`);
      }
    }
    this.sampleHeap();
    if (this.loaded) this.state = this.sessions.size > 0 ? 'ready' : 'noProject';
    this.sendStatus();
  }

  private publish(updates: DiagnosticsUpdate[]): void {
    for (const { file, diagnostics } of updates) {
      this.host.publishDiagnostics(
        pathToUri(file),
        diagnostics.map(toLspDiagnostic),
        this.host.openDocument(file)?.version,
      );
    }
  }

  private sendStatus(): void {
    const projects = this.statuses();
    const status: StatusParams = {
      state: this.state,
      projects,
      message: statusMessage(this.state, projects),
    };
    const key = JSON.stringify(status);
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    this.host.sendStatus(status);
  }

  statuses(file?: string): ProjectStatus[] {
    const sessions = file === undefined ? [...this.sessions.values()] : [this.sessionFor(file)];
    return sessions.flatMap((s) => (s ? [s.status()] : [])).sort((a, b) => (a.root < b.root ? -1 : 1));
  }

  get serverState(): ServerState {
    return this.state;
  }

  private sampleHeap(): void {
    this.peakHeapUsed = Math.max(this.peakHeapUsed, getHeapStatistics().used_heap_size);
  }

  stats(): ServerStats {
    const memory = process.memoryUsage();
    this.peakHeapUsed = Math.max(this.peakHeapUsed, memory.heapUsed);
    return {
      heapUsed: memory.heapUsed,
      heapTotal: memory.heapTotal,
      peakHeapUsed: this.peakHeapUsed,
      rss: memory.rss,
      maxRss: process.resourceUsage().maxRSS * 1024,
      validations: this.validations,
      uptimeMs: process.uptime() * 1000,
    };
  }
}

function statusMessage(state: ServerState, projects: ProjectStatus[]): string {
  if (state === 'loading') return 'Ossature: loading projects…';
  if (state === 'noProject') return 'Ossature: no ossature.toml in this workspace.';
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const errors = projects.reduce((sum, p) => sum + p.errors, 0);
  const warnings = projects.reduce((sum, p) => sum + p.warnings, 0);
  const specs = projects.reduce((sum, p) => sum + p.smd, 0);
  return `Ossature: ${n(projects.length, 'project')}, ${n(specs, 'spec')}, ${n(errors, 'error')}, ${n(warnings, 'warning')}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
