import {
  type ClientCapabilities,
  CodeActionKind,
  type Connection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type InitializeParams,
  type InitializeResult,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Workspace } from '../../shared/src/project/workspace';
import {
  type BuildForecastParams,
  BuildForecastRequest,
  type PlanTasksParams,
  PlanTasksRequest,
  ReloadRequest,
  ServerStatsRequest,
  StatusNotification,
  type StatusParams,
  type TaskStatusEditParams,
  TaskStatusEditRequest,
  type ValidationSummaryParams,
  ValidationSummaryRequest,
  type ValidationSummaryResult,
} from '../../shared/src/protocol';
import { StoreError } from '../../shared/src/store/toml-read';
import { provideBuildForecast } from './features/build-forecast';
import { provideCodeActions } from './features/code-actions';
import { provideCodeLenses } from './features/code-lens';
import { provideCompletionList } from './features/completion-list';
import { provideDefinition } from './features/definition';
import { provideDocumentLinks } from './features/document-links';
import { provideDocumentSymbols } from './features/document-symbols';
import { provideFoldingRanges } from './features/folding';
import { provideHover } from './features/hover';
import { providePlanTasks } from './features/plan-tasks';
import { provideReferences } from './features/references';
import { prepareRename, provideRename } from './features/rename';
import { provideTaskStatusEdit, TaskStatusEditError } from './features/task-status-edit';
import { provideWorkspaceSymbols } from './features/workspace-symbols';
import { uriToPath } from './paths';
import { type FileChange, WorkspaceManager } from './workspace-manager';

/** Characters after which the client should ask for completions unprompted. */
// No space: it would ask for completions on every space typed in prose.
const COMPLETION_TRIGGERS = ['@', '[', ',', '"', '#', '>'];

/** File events the server asks a client to watch, when the client lets it register watchers. */
const WATCHED_GLOBS = ['**/*.smd', '**/*.amd', '**/*.vmd', '**/ossature.toml', '**/.ossature/plan.toml'];

function workspaceFolderPaths(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const paths = uris.flatMap((uri) => uriToPath(uri) ?? []);
  if (paths.length === 0 && params.rootPath) paths.push(params.rootPath);
  return paths;
}

const FILE_CHANGE: Record<FileChangeType, FileChange['kind']> = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
};

/**
 * Wires a connection to the Ossature engine: document sync into a WorkspaceManager, every LSP feature to
 * its function in features/, and the custom requests of shared/src/protocol.ts. No feature logic here.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  /** Open documents by file path (URIs as the client spells them). */
  const openUris = new Map<string, string>();
  let folders: string[] = [];
  let capabilities: ClientCapabilities = {};

  const manager = new WorkspaceManager({
    publishDiagnostics: (uri, diagnostics, version) =>
      void connection.sendDiagnostics(
        version === undefined ? { uri, diagnostics } : { uri, diagnostics, version },
      ),
    sendStatus: (status: StatusParams) => void connection.sendNotification(StatusNotification.method, status),
    log: (message) => connection.console.log(message),
    error: (message) => connection.console.error(message),
    openDocument: (file) => {
      const uri = openUris.get(file);
      const doc = uri === undefined ? undefined : documents.get(uri);
      return doc ? { text: doc.getText(), version: doc.version } : undefined;
    },
    openFiles: () => [...openUris.keys()],
  });

  connection.onInitialize((params): InitializeResult => {
    folders = workspaceFolderPaths(params);
    capabilities = params.capabilities;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        documentLinkProvider: { resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS },
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'ossature' },
    };
  });

  connection.onInitialized(() => {
    manager.start(folders);
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })),
      });
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) =>
        manager.changeFolders(
          event.added.flatMap((f) => uriToPath(f.uri) ?? []),
          event.removed.flatMap((f) => uriToPath(f.uri) ?? []),
        ),
      );
    }
  });

  documents.onDidOpen(({ document }) => {
    const file = uriToPath(document.uri);
    if (file !== undefined) openUris.set(file, document.uri);
  });
  documents.onDidChangeContent(({ document }) => {
    const file = uriToPath(document.uri);
    if (file !== undefined) manager.documentChanged(file);
  });
  documents.onDidClose(({ document }) => {
    const file = uriToPath(document.uri);
    if (file === undefined) return;
    openUris.delete(file);
    manager.documentClosed(file);
  });
  documents.listen(connection);

  connection.onDidChangeWatchedFiles(({ changes }) =>
    manager.filesChanged(
      changes.flatMap((c) => {
        const file = uriToPath(c.uri);
        return file === undefined ? [] : [{ file, kind: FILE_CHANGE[c.type] }];
      }),
    ),
  );

  /** Runs a feature on the project owning the document, or gives `empty` when no project holds it. */
  const onFile = <T>(uri: string, empty: T, run: (ws: Workspace, file: string) => T): T => {
    const file = uriToPath(uri);
    const ws = file === undefined ? undefined : manager.workspaceFor(file);
    return ws && file !== undefined ? run(ws, file) : empty;
  };

  connection.onCodeAction(({ textDocument, range, context }) => {
    const file = uriToPath(textDocument.uri);
    const session = file === undefined ? undefined : manager.sessionFor(file);
    if (!session || file === undefined) return [];
    manager.flush(); // fixes must come from the text the client has now
    return provideCodeActions(session.diagnosticsOf(file), range, {
      diagnostics: context.diagnostics,
      ...(context.only ? { only: context.only } : {}),
    });
  });
  connection.onDocumentSymbol(({ textDocument }) => onFile(textDocument.uri, [], provideDocumentSymbols));
  connection.onWorkspaceSymbol(({ query }) => provideWorkspaceSymbols(manager.workspaces(), query));
  connection.onFoldingRanges(({ textDocument }) => onFile(textDocument.uri, [], provideFoldingRanges));
  connection.onDocumentLinks(({ textDocument }) => onFile(textDocument.uri, [], provideDocumentLinks));
  connection.onHover(({ textDocument, position }) =>
    onFile(textDocument.uri, null, (ws, file) => provideHover(ws, file, position)),
  );
  connection.onDefinition(({ textDocument, position }) =>
    onFile(textDocument.uri, [], (ws, file) => provideDefinition(ws, file, position)),
  );
  connection.onReferences(({ textDocument, position, context }) =>
    onFile(textDocument.uri, [], (ws, file) =>
      provideReferences(ws, file, position, context.includeDeclaration),
    ),
  );
  connection.onPrepareRename(({ textDocument, position }) =>
    onFile(textDocument.uri, null, (ws, file) => prepareRename(ws, file, position)),
  );
  connection.onRenameRequest(({ textDocument, position, newName }) => {
    try {
      return onFile(textDocument.uri, null, (ws, file) => provideRename(ws, file, position, newName));
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      throw new ResponseError(LSPErrorCodes.RequestFailed, error.message);
    }
  });
  connection.onCompletion(({ textDocument, position }) =>
    onFile(textDocument.uri, { isIncomplete: false, items: [] }, (ws, file) =>
      provideCompletionList(ws, file, position),
    ),
  );

  connection.onCodeLens(({ textDocument }) => onFile(textDocument.uri, [], provideCodeLenses));

  const summary = (params?: ValidationSummaryParams): ValidationSummaryResult => {
    manager.flush();
    const file = params?.uri === undefined ? undefined : uriToPath(params.uri);
    return { state: manager.serverState, projects: manager.statuses(file) };
  };
  connection.onRequest(ValidationSummaryRequest.method, (params: ValidationSummaryParams) => summary(params));
  connection.onRequest(ReloadRequest.method, () => {
    manager.reload();
    return summary();
  });
  connection.onRequest(ServerStatsRequest.method, () => manager.stats());
  connection.onRequest(PlanTasksRequest.method, (params: PlanTasksParams) => {
    // The client asks as soon as its own watcher sees plan.toml change, which can be before the server's
    // watcher event arrives: plans that are not open are read again (a changed one is then re-validated).
    manager.filesChanged(manager.workspaces().map((ws) => ({ file: ws.planFile, kind: 'changed' })));
    return providePlanTasks(manager.workspaces(), params ?? {});
  });
  connection.onRequest(BuildForecastRequest.method, (params: BuildForecastParams) =>
    provideBuildForecast(params),
  );
  connection.onRequest(TaskStatusEditRequest.method, (params: TaskStatusEditParams) => {
    try {
      return provideTaskStatusEdit(params, manager.read);
    } catch (error) {
      if (!(error instanceof TaskStatusEditError || error instanceof StoreError)) throw error;
      throw new ResponseError(LSPErrorCodes.RequestFailed, error.message);
    }
  });

  connection.listen();
}
