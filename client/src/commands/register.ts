import { commands, type Disposable, type LogOutputChannel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { keepTask, markManual } from '../review/review-actions';
import { reviewTask } from '../review/task-review';
import { setApiKey } from '../runs/api-key';
import { showRunTerminal } from '../runs/run-cli';
import { runtime } from '../runs/runtime';
import { restartServer } from './restart-server';
import { reviewPlan } from './review-plan';
import { runCommands as run } from './run-commands';
import { type CommandId, commandTable } from './table';
import { openTaskFile, toggleSkip } from './task-commands';

export interface CommandContext {
  readonly client: LanguageClient;
  readonly log: LogOutputChannel;
}

type Handler = (context: CommandContext, ...args: unknown[]) => unknown;

/** One handler per id of the command table: adding a command without its handler does not compile. */
const handlers: Record<CommandId, Handler> = {
  'ossature.restartServer': ({ client, log }) => restartServer(client, log),
  'ossature.validate': ({ client }, configFile) => run.validate(client, configFile),
  'ossature.audit': ({ client }, configFile) => run.audit(client, configFile),
  'ossature.auditReplan': ({ client }, configFile) => run.auditReplan(client, configFile),
  'ossature.auditSpec': ({ client }, configFile, specId) => run.auditSpec(client, configFile, specId),
  'ossature.build': ({ client }, configFile, options) => run.build(client, configFile, options),
  'ossature.buildStep': ({ client }, configFile) => run.buildStep(client, configFile),
  'ossature.buildSpec': ({ client }, configFile, specId) => run.buildSpec(client, configFile, specId),
  'ossature.retryFailed': ({ client }, configFile) => run.retryFailed(client, configFile),
  'ossature.rerunTask': ({ client }, configFile, taskId) => run.rerunTask(client, configFile, taskId),
  'ossature.runTask': ({ client }, configFile, taskId) => run.runTask(client, configFile, taskId),
  'ossature.rerunFrom': ({ client }, configFile, taskId) => run.rerunFrom(client, configFile, taskId),
  'ossature.status': ({ client }, configFile) => run.status(client, configFile),
  'ossature.clean': ({ client }, configFile) => run.clean(client, configFile),
  'ossature.showRunTerminal': () => showRunTerminal(),
  'ossature.setApiKey': (_context, key) => setApiKey(runtime().extension, key),
  'ossature.showOutput': ({ log }) => log.show(),
  'ossature.reviewPlan': ({ client }, configFile) => reviewPlan(client, configFile),
  'ossature.toggleSkip': ({ client }, configFile, taskId) => toggleSkip(client, configFile, taskId),
  'ossature.openTaskFile': ({ client }, configFile, taskId, which) =>
    openTaskFile(client, configFile, taskId, which),
  'ossature.reviewTask': ({ client, log }, configFile, taskId) => reviewTask(client, log, configFile, taskId),
  'ossature.keepTask': (_context, configFile, taskId) => keepTask(configFile, taskId),
  'ossature.markManual': ({ client }, configFile, taskId) => markManual(client, configFile, taskId),
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
