import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import {
  type ClientCapabilities,
  type Diagnostic,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  type FileChangeType,
  InitializedNotification,
  InitializeRequest,
  type InitializeResult,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
} from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { startServer } from '../../server/src/start';
import {
  StatusNotification,
  type StatusParams,
  ValidationSummaryRequest,
  type ValidationSummaryResult,
} from '../../shared/src/protocol';
import type { Range } from '../../shared/src/text/range';
import { rangeOf } from '../support/find';

/** How long a test waits for a message before failing with what it was waiting for. */
const WAIT_MS = 15_000;

export const uriOf = (file: string): string => URI.file(file).toString();

function languageOf(file: string): string {
  if (file.endsWith('.smd')) return 'ossature-smd';
  if (file.endsWith('.amd')) return 'ossature-amd';
  if (file.endsWith('.vmd')) return 'ossature-vmd';
  return 'toml';
}

interface Waiter<T> {
  accept: (value: T) => boolean;
  resolve: (value: T) => void;
}

/**
 * An LSP client talking real JSON-RPC to `startServer` running in this process, over a pair of streams:
 * the server side is vscode-languageserver's own createConnection, the client side vscode-jsonrpc's. Tests
 * await notifications (never sleep): `nextDiagnostics` resolves on the next publish for a file, and
 * `sync()` is a barrier (a request the server answers after publishing everything pending).
 */
export class LspTestClient {
  /** The last diagnostics published per URI (an empty list once cleared). */
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** How many times each URI was published. */
  readonly publishCount = new Map<string, number>();
  readonly statuses: StatusParams[] = [];
  readonly logs: string[] = [];
  private readonly documents = new Map<string, { text: string; version: number }>();
  private readonly diagnosticWaiters = new Map<string, Waiter<Diagnostic[]>[]>();
  private readonly statusWaiters: Waiter<StatusParams>[] = [];

  private constructor(readonly connection: MessageConnection) {
    connection.onNotification(PublishDiagnosticsNotification.type, ({ uri, diagnostics }) => {
      this.diagnostics.set(uri, diagnostics);
      this.publishCount.set(uri, (this.publishCount.get(uri) ?? 0) + 1);
      this.settle(this.diagnosticWaiters.get(uri), diagnostics);
    });
    connection.onNotification(StatusNotification, (status) => {
      this.statuses.push(status);
      this.settle(this.statusWaiters, status);
    });
    connection.onNotification(LogMessageNotification.type, ({ message }) => {
      this.logs.push(message);
    });
    connection.onRequest(RegistrationRequest.type, () => undefined);
  }

  /** Starts a server in-process, initializes it with `folders` and waits for its first full pass. */
  static async start(
    folders: string[],
    capabilities: ClientCapabilities = {
      workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
    },
  ): Promise<LspTestClient> {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    startServer(createConnection(ProposedFeatures.all, toServer, toClient));
    const connection = createMessageConnection(
      new StreamMessageReader(toClient),
      new StreamMessageWriter(toServer),
    );
    const client = new LspTestClient(connection);
    connection.listen();
    const initialized: InitializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: null,
      capabilities,
      workspaceFolders: folders.map((f) => ({ uri: uriOf(f), name: f })),
    });
    client.capabilities = initialized.capabilities;
    const ready = client.waitForStatus((s) => s.state !== 'loading', 'the first full pass');
    await connection.sendNotification(InitializedNotification.type, {});
    await ready;
    return client;
  }

  capabilities: InitializeResult['capabilities'] = {};

  private settle<T>(waiters: Waiter<T>[] | undefined, value: T): void {
    if (!waiters) return;
    for (const waiter of [...waiters]) {
      if (!waiter.accept(value)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(value);
    }
  }

  private wait<T>(list: Waiter<T>[], accept: (value: T) => boolean, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_MS);
      list.push({
        accept,
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
      });
    });
  }

  /** The next status notification satisfying `accept`. */
  waitForStatus(accept: (status: StatusParams) => boolean, what = 'a status'): Promise<StatusParams> {
    return this.wait(this.statusWaiters, accept, what);
  }

  /** The next publish for `file` (optionally one satisfying `accept`). Call before the change causing it. */
  nextDiagnostics(file: string, accept: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    const uri = uriOf(file);
    let list = this.diagnosticWaiters.get(uri);
    if (!list) {
      list = [];
      this.diagnosticWaiters.set(uri, list);
    }
    return this.wait(list, accept, `diagnostics for ${file}`);
  }

  /** The last diagnostics published for `file` ([] when none were). */
  diagnosticsOf(file: string): Diagnostic[] {
    return this.diagnostics.get(uriOf(file)) ?? [];
  }

  /** Files (URIs) whose last publish is not empty. */
  filesWithDiagnostics(): string[] {
    return [...this.diagnostics].filter(([, d]) => d.length > 0).map(([uri]) => uri);
  }

  /** A barrier: resolves after the server has handled every earlier message and published the results. */
  sync(): Promise<ValidationSummaryResult> {
    return this.connection.sendRequest(ValidationSummaryRequest, {});
  }

  isOpen(file: string): boolean {
    return this.documents.has(uriOf(file));
  }

  text(file: string): string {
    const doc = this.documents.get(uriOf(file));
    if (!doc) throw new Error(`${file} is not open`);
    return doc.text;
  }

  async open(file: string, text = readFileSync(file, 'utf8')): Promise<void> {
    const uri = uriOf(file);
    this.documents.set(uri, { text, version: 1 });
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: languageOf(file), version: 1, text },
    });
  }

  /** One incremental edit of an open document: `range` replaced by `newText`. */
  edit(file: string, range: Range, newText: string): Promise<void> {
    return this.editMany(file, [{ range, text: newText }]);
  }

  /**
   * One didChange with several content changes, applied in order (each range is in the text left by the
   * changes before it), as an editor sends a multi-edit quick fix.
   */
  async editMany(file: string, changes: { range: Range; text: string }[]): Promise<void> {
    const uri = uriOf(file);
    const doc = this.documents.get(uri);
    if (!doc) throw new Error(`${file} is not open`);
    for (const { range, text } of changes) {
      const lines = doc.text.split('\n');
      const offset = (line: number, character: number) =>
        lines.slice(0, line).reduce((sum, l) => sum + l.length + 1, 0) + character;
      const start = offset(range.start.line, range.start.character);
      const end = offset(range.end.line, range.end.character);
      doc.text = doc.text.slice(0, start) + text + doc.text.slice(end);
    }
    doc.version++;
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: doc.version },
      contentChanges: changes,
    });
  }

  /** Replaces the `occurrence`-th `from` in an open document with `to`, as one incremental edit. */
  replace(file: string, from: string, to: string, occurrence = 0): Promise<void> {
    return this.edit(file, rangeOf(this.text(file), from, occurrence), to);
  }

  async close(file: string): Promise<void> {
    const uri = uriOf(file);
    this.documents.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async filesChanged(changes: { file: string; type: FileChangeType }[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: changes.map(({ file, type }) => ({ uri: uriOf(file), type })),
    });
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest(ShutdownRequest.type);
    // No `exit` notification (the server would end this process) and no stream end (same): just let go.
    this.connection.dispose();
  }
}
