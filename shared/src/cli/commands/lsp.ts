import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, EXIT } from '../context';

/**
 * `ossature lsp [--stdio]`: runs the language server (dist/server.js, next to dist/cli.js) over stdio, so any
 * LSP editor can start it with the `ossature` command alone.
 */
export function runLsp(): void {
  const server = join(__dirname, 'server.js');
  if (!existsSync(server)) {
    throw new CliError(
      `The language server is missing (${server}); rebuild with \`npm run build\`.`,
      EXIT.errors,
    );
  }
  // createConnection() picks its transport from argv; the server takes over this process.
  process.argv = [process.argv[0] ?? 'node', server, '--stdio'];
  require(server);
}
