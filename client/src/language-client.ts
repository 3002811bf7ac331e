import type { LogOutputChannel } from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type Middleware,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { documentSelector } from './documents';

export interface ClientSetup {
  /** Absolute path of the bundled server (dist/server.js). */
  readonly serverModule: string;
  readonly log: LogOutputChannel;
  /** Read on every diagnostics notification, so a settings change applies to the next one. */
  readonly validationEnabled: () => boolean;
}

/**
 * The LanguageClient over IPC (Node's fork channel) to dist/server.js. File watching is the server's: it
 * registers its watchers dynamically (as it does in any LSP editor), so the client adds none of its own and
 * no event arrives twice.
 */
export function createLanguageClient(setup: ClientSetup): { client: LanguageClient } {
  const { serverModule, log } = setup;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };
  const middleware: Middleware = {
    handleDiagnostics: (uri, diagnostics, next) => next(uri, setup.validationEnabled() ? diagnostics : []),
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: log,
    middleware,
  };
  // The id 'ossature' makes the client read the `ossature.trace.server` setting itself.
  const client = new LanguageClient('ossature', 'Ossature Language Server', serverOptions, clientOptions);
  return { client };
}
