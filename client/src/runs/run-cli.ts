// Every Ossature CLI run of the extension goes through runCli() (contract 1 of issue 6): the workspace trust
// guard, one run per project at a time, the API key, the cost confirmation, then the run as a VS Code task in the
// integrated terminal with its events streamed to onRunEvent, the progress notification and the status bar.
import { commands, EventEmitter, type TaskExecution, tasks, window, workspace } from 'vscode';
import type { RunEvent } from '../../../shared/src/model/events';
import { offlineModelLabel } from '../demo/offline-model-label';
import { hasApiKey, setApiKey } from './api-key';
import { confirmRunCost } from './cost-confirmation';
import { createCliTask, runIdentity, runTarget } from './ossature-task';
import { projectName } from './projects';
import type { CliRunRequest, RunResult } from './run-request';
import { RunSession, type SessionHooks } from './run-session';
import { currentSettings, runtime } from './runtime';
import { trustRefusal } from './trust';
import type { WaitingChoice } from './waiting-answers';

export type { CliCommand, CliRunRequest, RunResult } from './run-request';

export interface RunEventMessage {
  configFile: string;
  event: RunEvent;
}

const emitter = new EventEmitter<RunEventMessage>();

/** Every run event of every run, as it is read from the run's events file. */
export const onRunEvent = emitter.event;

/** Live runs by run id. */
const sessions = new Map<string, RunSession>();
let lastSession: RunSession | undefined;

const hooks = (): SessionHooks => ({
  log: runtime().log,
  publish: (configFile, event) => emitter.fire({ configFile, event }),
  ended: (session) => sessions.delete(session.info.runId),
});

/** Runs one CLI command as a task and resolves when it has ended (or at once when it may not start). */
export async function runCli(request: CliRunRequest): Promise<RunResult> {
  const rt = runtime();
  const title = request.callsModel ? offlineModelLabel(request.title) : request.title;
  const refused = await refusal({ ...request, title });
  if (refused) {
    rt.log.info(`${title} not started: ${refused}`);
    return { exitCode: undefined, cancelled: true, events: [], refused };
  }
  const { task, runId, eventsFile } = await createCliTask({
    configFile: request.configFile,
    command: request.command,
    args: request.args,
    name: title,
    callsModel: request.callsModel,
  });
  const session = new RunSession(
    { runId, configFile: request.configFile, command: request.command, title, eventsFile },
    hooks(),
  );
  sessions.set(runId, session);
  lastSession = session;
  rt.log.info(`${title}: ossature -c ${request.configFile} ${[request.command, ...request.args].join(' ')}`);
  try {
    await tasks.executeTask(task);
  } catch (error) {
    session.failed(error);
  }
  return session.done;
}

/** The run going on for a project, if any. */
export function activeRun(configFile: string): RunSession | undefined {
  for (const session of sessions.values()) if (session.info.configFile === configFile) return session;
  return undefined;
}

/** Cancels the project's run (or the latest run); false when none is going on. */
export function cancelRun(configFile?: string): boolean {
  const session = configFile ? activeRun(configFile) : lastSession?.finished ? undefined : lastSession;
  session?.cancel();
  return session !== undefined;
}

/** Answers the question the project's run waits on (what the notification's buttons do). */
export async function answerRun(configFile: string, choice: WaitingChoice): Promise<boolean> {
  return (await activeRun(configFile)?.answer(choice)) ?? false;
}

/** Shows the terminal of the latest run (the status bar item's click). */
export async function showRunTerminal(): Promise<void> {
  const terminal = await lastSession?.terminal();
  if (terminal) terminal.show();
  else
    void window.showInformationMessage(
      'Ossature: no run has a terminal open now. Start one with Ossature: Build.',
    );
}

/**
 * Routes the task system's events to the run they belong to, and adopts runs started from tasks.json or the Run
 * Task list at their first event. (VS Code sends a task's start event after resolving its variables, so for a
 * quick task the process events can come first.)
 */
export function trackTaskEvents(): { dispose(): void }[] {
  const ended = new WeakSet<TaskExecution>();
  const sessionOf = (execution: TaskExecution): RunSession | undefined => {
    if (ended.has(execution)) return undefined;
    const identity = runIdentity(execution.task);
    if (!identity) return undefined;
    const known = sessions.get(identity.runId);
    if (known) return known;
    const target = runTarget(execution.task);
    if (!target) return undefined;
    // No confirmation was asked (the user ran the task), but the run gets the same view.
    const title = execution.task.name;
    const adopted = new RunSession(
      { runId: identity.runId, ...target, title, eventsFile: identity.eventsFile },
      hooks(),
    );
    sessions.set(identity.runId, adopted);
    lastSession = adopted;
    runtime().log.info(`Following "${title}" (started from tasks.json or the task list)`);
    return adopted;
  };
  return [
    tasks.onDidStartTask(({ execution }) => sessionOf(execution)?.started(execution)),
    tasks.onDidStartTaskProcess(({ execution, processId }) =>
      sessionOf(execution)?.processStarted(processId),
    ),
    tasks.onDidEndTaskProcess(({ execution, exitCode }) => sessionOf(execution)?.processEnded(exitCode)),
    tasks.onDidEndTask(({ execution }) => {
      const session = sessionOf(execution);
      ended.add(execution);
      void session?.ended(execution);
    }),
    emitter,
  ];
}

/** Why the request may not run now, after asking what needs asking; undefined to go ahead. */
async function refusal(request: CliRunRequest): Promise<string | undefined> {
  const rt = runtime();
  const untrusted = trustRefusal(request, workspace.isTrusted);
  if (untrusted) {
    void window.showWarningMessage(untrusted, 'Manage Workspace Trust').then((choice) => {
      if (choice) void commands.executeCommand('workbench.trust.manage');
    });
    return untrusted;
  }
  const busy = activeRun(request.configFile);
  if (busy) {
    const message = `"${busy.info.title}" is still running for this project: wait for it to end or cancel it, then start "${request.title}".`;
    void window.showWarningMessage(message, 'Show Terminal', 'Cancel It').then(async (choice) => {
      if (choice === 'Show Terminal') (await busy.terminal())?.show();
      if (choice === 'Cancel It') busy.cancel();
    });
    return message;
  }
  if (!request.callsModel) return undefined;
  if (!(await hasApiKey(rt.extension))) {
    const choice = await window.showWarningMessage(
      `"${request.title}" calls the model and needs an Anthropic API key: none is stored and ANTHROPIC_API_KEY is not set. Set a key (it stays in VS Code's secret storage), or run anyway if the project's model needs none.`,
      'Set API Key',
      'Run Anyway',
    );
    if (choice === undefined) return 'no API key: the run was not started.';
    if (choice === 'Set API Key' && !(await setApiKey(rt.extension))) return 'no API key was set.';
  }
  if (currentSettings()['runs.confirmCost']) {
    const name = await projectName(rt.client, request.configFile);
    if (!(await confirmRunCost(rt.client, request, name))) return 'the cost confirmation was declined.';
  }
  return undefined;
}
