// The `ossature` task provider: Validate, Audit, Build and Retry Failed for each project in the Run Task list, and
// the execution of `"type": "ossature"` entries of tasks.json (`command`, `args`, optional `config`). Such runs get
// the same terminal, events, progress and status bar as palette runs (run-cli.ts adopts them when they start);
// VS Code itself keeps tasks from running in Restricted Mode.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Task, type TaskProvider, tasks, type WorkspaceFolder } from 'vscode';
import { configFileOf, createCliTask, type OssatureTaskDefinition, TASK_TYPE } from './ossature-task';
import { listProjects } from './projects';
import { CLI_COMMANDS, type CliCommand, commandVerb, runsProjectCode } from './run-request';
import { runtime } from './runtime';

const OFFERED: { command: CliCommand; args: string[]; label: string }[] = [
  { command: 'validate', args: [], label: 'Validate' },
  { command: 'audit', args: [], label: 'Audit' },
  { command: 'build', args: [], label: 'Build' },
  { command: 'retry', args: [], label: 'Retry Failed' },
];

export function registerTaskProvider(): { dispose(): void } {
  const provider: TaskProvider = {
    provideTasks: async () => {
      const projects = await listProjects(runtime().client);
      const many = projects.length > 1;
      const offered: Task[] = [];
      for (const project of projects) {
        for (const { command, args, label } of OFFERED) {
          const name = many ? `${label} ${project.name}` : label;
          const { task } = await createCliTask({
            configFile: project.configFile,
            command,
            args,
            name,
            callsModel: runsProjectCode(command),
            stableId: true,
          });
          offered.push(task);
        }
      }
      return offered;
    },
    resolveTask: async (task) => {
      const definition = task.definition as OssatureTaskDefinition;
      if (!CLI_COMMANDS.includes(definition.command)) {
        runtime().log.error(
          `tasks.json: an "ossature" task has command ${JSON.stringify(definition.command)}; use one of ${CLI_COMMANDS.join(', ')}.`,
        );
        return undefined;
      }
      const folder = typeof task.scope === 'object' ? (task.scope as WorkspaceFolder) : undefined;
      const configFile = configFileOf(definition, folder) ?? (await defaultConfig(folder));
      if (!configFile) {
        runtime().log.error(
          `tasks.json: the "ossature" task "${task.name}" names no "config" and no ossature.toml was found; add "config": "path/to/ossature.toml".`,
        );
        return undefined;
      }
      const resolved = await createCliTask({
        configFile,
        command: definition.command,
        args: Array.isArray(definition.args) ? definition.args.map(String) : [],
        name: task.name || commandVerb(definition.command),
        callsModel: runsProjectCode(definition.command),
        stableId: true,
      });
      // VS Code requires the resolved task to keep the definition it was given.
      resolved.task.definition = task.definition;
      return resolved.task;
    },
  };
  return tasks.registerTaskProvider(TASK_TYPE, provider);
}

/** The folder's own ossature.toml, else the first project inside it. */
async function defaultConfig(folder: WorkspaceFolder | undefined): Promise<string | undefined> {
  if (folder && existsSync(join(folder.uri.fsPath, 'ossature.toml')))
    return join(folder.uri.fsPath, 'ossature.toml');
  const projects = await listProjects(runtime().client);
  const inFolder = folder ? projects.filter((p) => p.configFile.startsWith(folder.uri.fsPath)) : projects;
  return inFolder[0]?.configFile;
}
