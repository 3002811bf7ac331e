// The language server's entry (bundled to dist/server.js). `createConnection` picks the transport from the
// command line: `--stdio`, `--node-ipc` (VS Code's default for a Node server) or `--socket=<port>`.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './start';

startServer(createConnection(ProposedFeatures.all));
