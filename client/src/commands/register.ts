import { commands, type Disposable, type LogOutputChannel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { restartServer } from './restart-server';
import { type CommandId, commandTable } from './table';

export interface CommandContext {
  readonly client: LanguageClient;
  readonly log: LogOutputChannel;
}

type Handler = (context: CommandContext, ...args: unknown[]) => unknown;

/** One handler per id of the command table: adding a command without its handler does not compile. */
const handlers: Record<CommandId, Handler> = {
  'ossature.restartServer': ({ client, log }) => restartServer(client, log),
};

/** Registers every command of the table; the caller puts the disposables into `context.subscriptions`. */
export function registerCommands(context: CommandContext): Disposable[] {
  return commandTable.map(({ id }) =>
    commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handlers[id](context, ...args);
      } catch (error) {
        context.log.error(`Command ${id} failed`, error);
        throw error;
      }
    }),
  );
}
