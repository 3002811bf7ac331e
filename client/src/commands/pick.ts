// Quick picks for commands started from the palette without arguments: which project, which spec, which task.
// Arguments from CodeLens or tests (plain JSON values) skip the questions.
import { window } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { type PlanProjectInfo, type PlanTaskInfo, PlanTasksRequest } from '../../../shared/src/protocol';
import { listProjects, type ProjectRef } from '../runs/projects';

const STATUS_ICON: Record<string, string> = {
  done: '$(pass)',
  failed: '$(error)',
  pending: '$(circle-large-outline)',
  skipped: '$(debug-step-over)',
  manual: '$(person)',
};

/** The project `given` names (an ossature.toml path), or the only one, or the one the user picks. */
export async function pickProject(client: LanguageClient, given: unknown): Promise<ProjectRef | undefined> {
  const projects = await listProjects(client);
  if (typeof given === 'string' && given) {
    return (
      projects.find((p) => p.configFile === given) ?? { configFile: given, name: nameOf(given), root: given }
    );
  }
  if (projects.length === 0) {
    void window.showWarningMessage(
      'Ossature: no ossature.toml in this workspace. Create a project with `ossature init`, then try again.',
    );
    return undefined;
  }
  if (projects.length === 1) return projects[0];
  const picked = await window.showQuickPick(
    projects.map((p) => ({ label: p.name, description: p.configFile, project: p })),
    { title: 'Ossature project', placeHolder: 'Which project?' },
  );
  return picked?.project;
}

/** The plan of one project as the server reads it now. */
export async function planOf(
  client: LanguageClient,
  configFile: string,
): Promise<PlanProjectInfo | undefined> {
  const { projects } = await client.sendRequest(PlanTasksRequest, { configFile });
  return projects.find((p) => p.configFile === configFile) ?? projects[0];
}

/** A task of the project's plan: `given`, or picked (failed tasks first when `preferFailed`). */
export async function pickTask(
  client: LanguageClient,
  configFile: string,
  given: unknown,
  placeHolder: string,
  preferFailed = false,
): Promise<PlanTaskInfo | undefined> {
  const plan = await planOf(client, configFile);
  const tasks = plan?.tasks ?? [];
  if (typeof given === 'string' && given) {
    const task = tasks.find((t) => t.id === given);
    if (!task) void window.showErrorMessage(`Ossature: the plan of ${configFile} has no task ${given}.`);
    return task;
  }
  if (tasks.length === 0) {
    void window.showWarningMessage(
      'Ossature: the project has no plan yet. Run Ossature: Audit to plan the build.',
    );
    return undefined;
  }
  const ordered = preferFailed
    ? [...tasks.filter((t) => t.status === 'failed'), ...tasks.filter((t) => t.status !== 'failed')]
    : tasks;
  const picked = await window.showQuickPick(
    ordered.map((t) => ({
      label: `${STATUS_ICON[t.status] ?? ''} ${t.id} ${t.title}`,
      description: `${t.spec} · ${t.status}`,
      task: t,
    })),
    { title: 'Ossature task', placeHolder, matchOnDescription: true },
  );
  return picked?.task;
}

/** A spec of the project: `given`, or picked from the plan's specs. */
export async function pickSpec(
  client: LanguageClient,
  configFile: string,
  given: unknown,
): Promise<string | undefined> {
  if (typeof given === 'string' && given) return given;
  const plan = await planOf(client, configFile);
  const ids = plan?.specs.length
    ? plan.specs.map((s) => s.id)
    : [...new Set(plan?.tasks.map((t) => t.spec) ?? [])];
  if (ids.length === 0) {
    void window.showWarningMessage(
      'Ossature: the project has no specs yet. Add one with `ossature new NAME`.',
    );
    return undefined;
  }
  return window.showQuickPick(ids, { title: 'Ossature spec', placeHolder: 'Which spec?' });
}

function nameOf(configFile: string): string {
  const parts = configFile.split(/[\\/]/);
  return parts.at(-2) ?? configFile;
}
