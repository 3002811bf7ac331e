// One Ossature CLI run as a VS Code task (type `ossature`): the bundled dist/cli.js on the extension host's own
// Node (ELECTRON_RUN_AS_NODE), in the integrated terminal, with the `$ossature` problem matcher. Used by runCli()
// and by the task provider, so a tasks.json entry runs exactly like a palette command.
import { createHash, randomUUID } from 'node:crypto';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import {
  ProcessExecution,
  Task,
  TaskGroup,
  TaskPanelKind,
  TaskRevealKind,
  TaskScope,
  Uri,
  type WorkspaceFolder,
  workspace,
} from 'vscode';
import { storedApiKey } from './api-key';
import { type CliCommand, emitsEvents } from './run-request';
import { currentSettings, runtime } from './runtime';

export const TASK_TYPE = 'ossature';
export const TASK_SOURCE = 'ossature';
export const PROBLEM_MATCHER = '$ossature';
/** Names each run in its process environment, so task events can be matched to the run that started them. */
export const RUN_ID_ENV = 'OSSATURE_RUN_ID';

/** What a tasks.json entry of type `ossature` holds (package.json `taskDefinitions`). */
export interface OssatureTaskDefinition {
  type: typeof TASK_TYPE;
  command: CliCommand;
  args?: string[];
  /** The project's ossature.toml, relative to the workspace folder (or absolute); default: the folder's own. */
  config?: string;
}

export interface CliTaskOptions {
  configFile: string;
  command: CliCommand;
  args: readonly string[];
  /** The task's name, e.g. "build markman" (the terminal shows "ossature: build markman"). */
  name: string;
  /** Whether the model is called: only then does the key go into the environment. */
  callsModel: boolean;
  /**
   * For the task provider: a run id (and events file) that is the same every time the same task is provided
   * or resolved. VS Code may provide a task again when it runs it, and the execution it reports can be either
   * copy; a stable id makes both name the same run.
   */
  stableId?: boolean;
}

export interface CliTask {
  task: Task;
  runId: string;
  /** The `--events` file (build and retry only). */
  eventsFile: string | undefined;
}

/** The workspace folder holding `configFile`, if any. */
export function folderOf(configFile: string): WorkspaceFolder | undefined {
  return workspace.getWorkspaceFolder(Uri.file(configFile));
}

/** The definition of a run: `config` relative to its workspace folder when it is inside one. */
export function definitionFor(
  configFile: string,
  command: CliCommand,
  args: readonly string[],
): OssatureTaskDefinition {
  const folder = folderOf(configFile);
  const config = folder ? relative(folder.uri.fsPath, configFile).split(sep).join('/') : configFile;
  return { type: TASK_TYPE, command, args: [...args], config };
}

/** The ossature.toml a definition names, resolved against its folder (undefined: none named). */
export function configFileOf(
  definition: OssatureTaskDefinition,
  folder: WorkspaceFolder | undefined,
): string | undefined {
  if (!definition.config) return undefined;
  if (isAbsolute(definition.config)) return definition.config;
  return folder ? join(folder.uri.fsPath, definition.config) : undefined;
}

/** A task running `ossature -c <config> <command> <args…> [--events <file>]`, with a fresh run id. */
export async function createCliTask(options: CliTaskOptions): Promise<CliTask> {
  const rt = runtime();
  const settings = currentSettings();
  const runId = options.stableId
    ? `task-${createHash('sha256')
        .update([options.configFile, options.command, ...options.args].join('\0'))
        .digest('hex')
        .slice(0, 16)}`
    : randomUUID();
  const eventsFile = emitsEvents(options.command) ? join(rt.eventsDir, `${runId}.ndjson`) : undefined;
  const args = ['-c', options.configFile, options.command, ...options.args];
  if (emitsEvents(options.command) && settings['runs.jobs'] > 0 && !options.args.includes('--jobs')) {
    args.push('--jobs', String(settings['runs.jobs']));
  }
  if (eventsFile) args.push('--events', eventsFile);
  const env: Record<string, string> = { ELECTRON_RUN_AS_NODE: '1', [RUN_ID_ENV]: runId };
  if (options.callsModel) {
    const key = await storedApiKey(rt.extension);
    if (key) env.ANTHROPIC_API_KEY = key;
    if (settings['model.baseUrl']) env.ANTHROPIC_BASE_URL = settings['model.baseUrl'];
  }
  const folder = folderOf(options.configFile);
  // Diagnostics print paths relative to the working directory: the workspace folder, so `$ossature` resolves
  // them against ${workspaceFolder} even for a project in a subfolder.
  const cwd = folder?.uri.fsPath ?? dirname(options.configFile);
  const execution = new ProcessExecution(process.execPath, [rt.cliPath, ...args], { cwd, env });
  const task = new Task(
    definitionFor(options.configFile, options.command, options.args),
    folder ?? TaskScope.Workspace,
    options.name,
    TASK_SOURCE,
    execution,
    [PROBLEM_MATCHER],
  );
  task.presentationOptions = {
    reveal: TaskRevealKind.Always,
    panel: TaskPanelKind.Dedicated,
    focus: false,
    clear: true,
    showReuseMessage: false,
  };
  if (options.command === 'build' || options.command === 'retry') task.group = TaskGroup.Build;
  return { task, runId, eventsFile };
}

/** The run id and events file of a started task, read back from its execution (undefined: not one of ours). */
export function runIdentity(task: Task): { runId: string; eventsFile: string | undefined } | undefined {
  if (task.definition.type !== TASK_TYPE) return undefined;
  const execution = task.execution;
  if (!(execution instanceof ProcessExecution)) return undefined;
  const runId = execution.options?.env?.[RUN_ID_ENV];
  if (!runId) return undefined;
  const at = execution.args.indexOf('--events');
  const eventsFile = at === -1 ? undefined : execution.args[at + 1];
  return { runId, eventsFile: typeof eventsFile === 'string' ? eventsFile : undefined };
}

/** The `-c` config file and command of a started task's execution. */
export function runTarget(task: Task): { configFile: string; command: CliCommand } | undefined {
  const execution = task.execution;
  if (!(execution instanceof ProcessExecution)) return undefined;
  const args = execution.args;
  const at = args.indexOf('-c');
  const configFile = at === -1 ? undefined : args[at + 1];
  const command = at === -1 ? undefined : args[at + 2];
  if (!configFile || !command) return undefined;
  return { configFile, command: command as CliCommand };
}
