// The language-server benchmark's client: spawns dist/server.js over stdio and drives it with real
// JSON-RPC. Bundled by bench/server-bench.mjs into bench/.work/server-bench-client.mjs, which calls
// `runServerBench` and prints the figures. Measures only; never asserts.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import {
  CompletionRequest,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  type Position,
  PublishDiagnosticsNotification,
  type Range,
  RegistrationRequest,
  ShutdownRequest,
} from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import type { SmdSpec } from '../shared/src/model/smd';
import { Workspace } from '../shared/src/project/workspace';
import {
  type ServerStats,
  ServerStatsRequest,
  StatusNotification,
  type StatusParams,
  ValidationSummaryRequest,
} from '../shared/src/protocol';

export interface ServerBenchOptions {
  server: string;
  project: string;
  edits: number;
  requests: number;
  /** Extra node flags for the server process (e.g. --cpu-prof). */
  nodeArgs?: string[];
}

export interface Timings {
  samples: number[];
  /** Why the series could not run (e.g. the server does not offer the feature). */
  failure?: string;
}

export interface ServerBenchResult {
  files: number;
  firstPassMs: number;
  firstPassPublishes: number;
  keystroke: Timings;
  crossFile: Timings;
  bodyKeystroke: Timings;
  hover: Timings;
  definition: Timings;
  completion: Timings;
  stats?: ServerStats;
  /** The server's memory after each phase. */
  phases: { phase: string; stats: ServerStats }[];
  serverLog: string[];
}

interface Subject {
  /** A spec whose `depends` names `target` inline. */
  dependent: SmdSpec;
  target: string;
  /** `target` inside the dependent's depends list. */
  reference: Range;
  /** The target spec itself (its `id` gets edited). */
  targetFile: string;
  targetId: Range;
}

/** A dependent spec with an inline `depends: [X, …]`, and its target, from the parsed project. */
function pickSubject(project: string): Subject {
  const ws = Workspace.load(join(project, 'ossature.toml'));
  const smds = ws.index.smds;
  for (const dependent of smds.slice(Math.floor(smds.length / 2))) {
    const dep = dependent.depends[0];
    if (!dep || dep.range.start.line !== dependent.depends.at(-1)?.range.start.line) continue;
    const target = ws.index.smdById.get(dep.value)?.[0];
    if (!target?.id) continue;
    return {
      dependent,
      target: dep.value,
      reference: dep.range,
      targetFile: target.file,
      targetId: target.id.range,
    };
  }
  throw new Error('no spec with an inline depends list in the project');
}

const now = () => performance.now();

class BenchClient {
  readonly connection: MessageConnection;
  private readonly waiters: { uri: string; accept: (n: number) => boolean; resolve: () => void }[] = [];
  private readonly statusWaiters: { accept: (s: StatusParams) => boolean; resolve: () => void }[] = [];
  publishes = 0;
  lastPublishAt = 0;
  readonly log: string[] = [];

  constructor(readonly child: ChildProcess) {
    this.connection = createMessageConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    this.connection.onNotification(PublishDiagnosticsNotification.type, ({ uri, diagnostics }) => {
      this.publishes++;
      this.lastPublishAt = now();
      for (const w of [...this.waiters]) {
        if (w.uri !== uri || !w.accept(diagnostics.length)) continue;
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    });
    this.connection.onNotification(StatusNotification, (status) => {
      for (const w of [...this.statusWaiters]) {
        if (!w.accept(status)) continue;
        this.statusWaiters.splice(this.statusWaiters.indexOf(w), 1);
        w.resolve();
      }
    });
    this.connection.onNotification(LogMessageNotification.type, (p) => {
      this.log.push(p.message);
    });
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.listen();
  }

  published(uri: string, accept: (count: number) => boolean): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ uri, accept, resolve }));
  }

  status(accept: (s: StatusParams) => boolean): Promise<void> {
    return new Promise((resolve) => this.statusWaiters.push({ accept, resolve }));
  }
}

/** Sends one one-line edit (`range` → `text`) of an open document at `version`. */
function change(client: BenchClient, uri: string, version: number, range: Range, text: string): void {
  void client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version },
    contentChanges: [{ range, text }],
  });
}

const widen = (r: Range, by: number): Range => ({
  start: r.start,
  end: { ...r.end, character: r.end.character + by },
});

async function timeRequests(n: number, run: () => Promise<unknown>): Promise<Timings> {
  try {
    for (let i = 0; i < Math.min(10, n); i++) await run();
    const samples: number[] = [];
    for (let i = 0; i < n; i++) {
      const start = now();
      await run();
      samples.push(now() - start);
    }
    return { samples };
  } catch (error) {
    return { samples: [], failure: error instanceof Error ? error.message : String(error) };
  }
}

export async function runServerBench(options: ServerBenchOptions): Promise<ServerBenchResult> {
  const subject = pickSubject(options.project);
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.server, '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const client = new BenchClient(child);
  const c = client.connection;

  // First full pass: initialize → the `ready` status, sent right after the pass's last publish.
  const started = now();
  await c.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    workspaceFolders: [{ uri: URI.file(options.project).toString(), name: 'bench' }],
  });
  const ready = client.status((s) => s.state !== 'loading');
  await c.sendNotification(InitializedNotification.type, {});
  await ready;
  const firstPassMs = now() - started;
  const firstPassPublishes = client.publishes;
  const files = Number((await c.sendRequest(ValidationSummaryRequest, {})).projects[0]?.smd ?? 0);
  const phases: { phase: string; stats: ServerStats }[] = [];
  const phase = async (name: string) => {
    const stats = await c.sendRequest(ServerStatsRequest).catch(() => undefined);
    if (stats) phases.push({ phase: name, stats });
  };
  await phase('first pass');

  const dependentUri = URI.file(subject.dependent.file).toString();
  const targetUri = URI.file(subject.targetFile).toString();
  let dependentVersion = 1;
  let targetVersion = 1;
  for (const [uri, file] of [
    [dependentUri, subject.dependent.file],
    [targetUri, subject.targetFile],
  ] as const) {
    await c.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'ossature-smd', version: 1, text: readFileSync(file, 'utf8') },
    });
  }
  await c.sendRequest(ValidationSummaryRequest, {});

  // Keystroke → diagnostics: type one character into the dependency id (an unknown id: OSS400), then
  // delete it (cleared). Each keystroke's publish for the file is awaited.
  const end = subject.reference.end;
  const keystroke: number[] = [];
  for (let i = 0; i < options.edits; i++) {
    const broken = client.published(dependentUri, (n) => n > 0);
    let start = now();
    change(client, dependentUri, ++dependentVersion, { start: end, end }, 'X');
    await broken;
    keystroke.push(now() - start);
    const fixed = client.published(dependentUri, (n) => n === 0);
    start = now();
    change(client, dependentUri, ++dependentVersion, widen({ start: end, end }, 1), '');
    await fixed;
    keystroke.push(now() - start);
  }

  // Cross-file: rename the target's id by one character; the dependent (open, but not edited) gets OSS400.
  const crossFile: number[] = [];
  const idEnd = subject.targetId.end;
  for (let i = 0; i < Math.max(5, Math.floor(options.edits / 2)); i++) {
    const broken = client.published(dependentUri, (n) => n > 0);
    let start = now();
    change(client, targetUri, ++targetVersion, { start: idEnd, end: idEnd }, 'Q');
    await broken;
    crossFile.push(now() - start);
    const fixed = client.published(dependentUri, (n) => n === 0);
    start = now();
    change(client, targetUri, ++targetVersion, widen({ start: idEnd, end: idEnd }, 1), '');
    await fixed;
    crossFile.push(now() - start);
  }

  await phase('keystrokes');
  // A keystroke that changes no diagnostic: timed to the answer of a summary request sent right after it
  // (the server validates pending edits before answering).
  const overview = subject.dependent.sections.find((s) => s.name === 'Overview');
  const bodyAt: Position = { line: (overview?.headingRange.start.line ?? 10) + 2, character: 0 };
  const bodyKeystroke: number[] = [];
  for (let i = 0; i < options.edits; i++) {
    const start = now();
    change(client, dependentUri, ++dependentVersion, { start: bodyAt, end: bodyAt }, 'a');
    await c.sendRequest(ValidationSummaryRequest, {});
    bodyKeystroke.push(now() - start);
  }

  await phase('body keystrokes');
  const at = { textDocument: { uri: dependentUri }, position: subject.reference.start };
  const inside = {
    ...at,
    position: { ...subject.reference.start, character: subject.reference.start.character + 1 },
  };
  const hover = await timeRequests(options.requests, () => c.sendRequest(HoverRequest.type, inside));
  const definition = await timeRequests(options.requests, () =>
    c.sendRequest(DefinitionRequest.type, inside),
  );
  await phase('hover + definition');
  const completion = await timeRequests(options.requests, () => c.sendRequest(CompletionRequest.type, at));
  await phase('completion');

  const stats = await c.sendRequest(ServerStatsRequest).catch(() => undefined);
  await c.sendRequest(ShutdownRequest.type);
  await c.sendNotification(ExitNotification.type);
  await new Promise((resolve) => child.once('exit', resolve));
  c.dispose();
  return {
    files,
    firstPassMs,
    firstPassPublishes,
    keystroke: { samples: keystroke },
    crossFile: { samples: crossFile },
    bodyKeystroke: { samples: bodyKeystroke },
    hover,
    definition,
    completion,
    ...(stats ? { stats } : {}),
    phases,
    serverLog: client.log,
  };
}
