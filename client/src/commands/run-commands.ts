// The palette and CodeLens commands that run the CLI: each builds a CliRunRequest and hands it to runCli(),
// returning its RunResult (so `executeCommand('ossature.build', configFile)` can be awaited). Arguments are plain
// JSON values: `[configFile?, id?]`; what is missing is asked with a quick pick.
import { window } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { runCli } from '../runs/run-cli';
import type { CliCommand, RunResult } from '../runs/run-request';
import { pickProject, pickSpec, pickTask } from './pick';

interface RunSpec {
  command: CliCommand;
  args: string[];
  /** What the run is called, e.g. "Build markman". */
  title: string;
  callsModel: boolean;
}

type Outcome = RunResult | undefined;

async function run(
  client: LanguageClient,
  configFile: unknown,
  spec: (name: string) => RunSpec,
): Promise<Outcome> {
  const project = await pickProject(client, configFile);
  if (!project) return undefined;
  return runCli({ configFile: project.configFile, ...spec(project.name) });
}

/** Options of `ossature.build`'s second argument. */
export interface BuildOptions {
  step?: boolean;
  force?: boolean;
}

export const runCommands = {
  validate: (client: LanguageClient, configFile?: unknown) =>
    run(client, configFile, (name) => ({
      command: 'validate',
      args: [],
      title: `Validate ${name}`,
      callsModel: false,
    })),

  audit: (client: LanguageClient, configFile?: unknown) =>
    run(client, configFile, (name) => ({
      command: 'audit',
      args: [],
      title: `Audit ${name}`,
      callsModel: true,
    })),

  auditReplan: (client: LanguageClient, configFile?: unknown) =>
    run(client, configFile, (name) => ({
      command: 'audit',
      args: ['--replan'],
      title: `Audit and re-plan ${name}`,
      callsModel: true,
    })),

  /** `ossature audit --spec ID`: this spec is audited even if unchanged (changed ones are audited too). */
  auditSpec: async (client: LanguageClient, configFile?: unknown, specId?: unknown): Promise<Outcome> => {
    const project = await pickProject(client, configFile);
    if (!project) return undefined;
    const spec = await pickSpec(client, project.configFile, specId);
    if (!spec) return undefined;
    return runCli({
      configFile: project.configFile,
      command: 'audit',
      args: ['--spec', spec],
      title: `Audit ${spec} (${project.name})`,
      callsModel: true,
    });
  },

  build: (client: LanguageClient, configFile?: unknown, options?: unknown) => {
    const { step, force } = (typeof options === 'object' && options ? options : {}) as BuildOptions;
    const args = [...(step ? ['--step'] : []), ...(force ? ['--force'] : [])];
    return run(client, configFile, (name) => ({
      command: 'build',
      args,
      title: step ? `Build ${name} step by step` : `Build ${name}`,
      callsModel: true,
    }));
  },

  buildStep: (client: LanguageClient, configFile?: unknown) =>
    runCommands.build(client, configFile, { step: true }),

  buildSpec: async (client: LanguageClient, configFile?: unknown, specId?: unknown): Promise<Outcome> => {
    const project = await pickProject(client, configFile);
    if (!project) return undefined;
    const spec = await pickSpec(client, project.configFile, specId);
    if (!spec) return undefined;
    return runCli({
      configFile: project.configFile,
      command: 'build',
      args: ['--spec', spec],
      title: `Build ${spec}`,
      callsModel: true,
    });
  },

  retryFailed: (client: LanguageClient, configFile?: unknown) =>
    run(client, configFile, (name) => ({
      command: 'retry',
      args: [],
      title: `Retry failed tasks of ${name}`,
      callsModel: true,
    })),

  /** `retry --only ID`: the task and the tasks that depend on it. */
  rerunTask: (client: LanguageClient, configFile?: unknown, taskId?: unknown) =>
    taskRun(client, configFile, taskId, 'Rerun which task (and its dependents)?', (id) => ({
      command: 'retry',
      args: ['--only', id],
      label: `Rerun task ${id}`,
    })),

  /** `build --only ID`: exactly that task. */
  runTask: (client: LanguageClient, configFile?: unknown, taskId?: unknown) =>
    taskRun(client, configFile, taskId, 'Build which task?', (id) => ({
      command: 'build',
      args: ['--only', id],
      label: `Build task ${id}`,
    })),

  /** `retry --from ID`: that task and every task after it. */
  rerunFrom: (client: LanguageClient, configFile?: unknown, taskId?: unknown) =>
    taskRun(client, configFile, taskId, 'Rerun from which task?', (id) => ({
      command: 'retry',
      args: ['--from', id],
      label: `Rerun from task ${id}`,
    })),

  status: (client: LanguageClient, configFile?: unknown) =>
    run(client, configFile, (name) => ({
      command: 'status',
      args: [],
      title: `Status of ${name}`,
      callsModel: false,
    })),

  clean: async (client: LanguageClient, configFile?: unknown): Promise<Outcome> => {
    const project = await pickProject(client, configFile);
    if (!project) return undefined;
    const answer = await window.showWarningMessage(
      `Delete the .ossature/ folder of ${project.name}?`,
      {
        modal: true,
        detail:
          'The plan, build state, audit reports and task logs are deleted; the specs and the output folder are kept.',
      },
      'Delete',
    );
    if (answer !== 'Delete') return undefined;
    return runCli({
      configFile: project.configFile,
      command: 'clean',
      args: ['--yes'],
      title: `Clean ${project.name}`,
      callsModel: false,
    });
  },
};

async function taskRun(
  client: LanguageClient,
  configFile: unknown,
  taskId: unknown,
  placeHolder: string,
  spec: (id: string) => { command: CliCommand; args: string[]; label: string },
): Promise<Outcome> {
  const project = await pickProject(client, configFile);
  if (!project) return undefined;
  const task = await pickTask(client, project.configFile, taskId, placeHolder, spec('').command === 'retry');
  if (!task) return undefined;
  const { command, args, label } = spec(task.id);
  return runCli({
    configFile: project.configFile,
    command,
    args,
    title: `${label} (${task.title})`,
    callsModel: true,
  });
}
