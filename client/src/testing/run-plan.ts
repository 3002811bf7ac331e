// Which CLI runs a Testing run request means, per run profile: pure (no 'vscode'), so
// test/unit/client-test-runs.test.ts checks the mapping without VS Code.
//
// - "This task only" (`only`, the default): `build --only ID` per selected task; a selected spec builds with
//   `build --spec ID` (the spec and what it needs), the whole project with `build`.
// - "This task and its dependents" (`dependents`): `retry --only ID` per selected task that no other selected task
//   leads to (its dependents are rerun with it); the whole project: `retry --from` its first task.
// - "From here" (`from`): `retry --from ID` of the first selected task (the engine counts "from" in id order).
// - "Whole plan" (`plan`): `build`, whatever is selected.
//
// Runs started from the Testing view are unattended: `--auto` stops at a failure instead of asking in the
// terminal, and the failure shows on the task's item.
import type { CliRunRequest } from '../runs/run-request';

export type ProfileKind = 'only' | 'dependents' | 'from' | 'plan';

export const PROFILES: readonly { kind: ProfileKind; label: string }[] = [
  { kind: 'only', label: 'This task only' },
  { kind: 'dependents', label: 'This task and its dependents' },
  { kind: 'from', label: 'From here' },
  { kind: 'plan', label: 'Whole plan' },
];

export interface RunPlanProject {
  configFile: string;
  name: string;
  tasks: readonly { id: string; spec: string; dependsOn: readonly string[] }[];
}

/** What the request selected in one project: the whole of it, whole specs, single tasks. */
export interface RunSelection {
  whole: boolean;
  specs: readonly string[];
  tasks: readonly string[];
}

const AUTO = ['--auto'];

export function cliRunsFor(
  kind: ProfileKind,
  project: RunPlanProject,
  selection: RunSelection,
): CliRunRequest[] {
  const { configFile, name } = project;
  const run = (command: 'build' | 'retry', args: string[], title: string): CliRunRequest => ({
    configFile,
    command,
    args: [...args, ...AUTO],
    title,
    callsModel: true,
  });
  const firstById = (ids: readonly string[]) => [...ids].sort()[0];
  if (kind === 'plan' || (kind === 'only' && selection.whole)) return [run('build', [], `Build ${name}`)];
  const selected = selectedTasks(project, selection);
  if (selected.length === 0) return [];
  switch (kind) {
    case 'only': {
      const specs = new Set(selection.specs);
      return [
        ...[...specs].map((spec) => run('build', ['--spec', spec], `Build spec ${spec}`)),
        ...selected
          .filter((task) => !specs.has(task.spec))
          .map((task) => run('build', ['--only', task.id], `Build task ${task.id}`)),
      ];
    }
    case 'from': {
      const from = firstById(selected.map((task) => task.id)) as string;
      return [run('retry', ['--from', from], `Rerun from task ${from}`)];
    }
    case 'dependents': {
      if (selection.whole) {
        const from = firstById(project.tasks.map((task) => task.id)) as string;
        return [run('retry', ['--from', from], `Rerun ${name} from task ${from}`)];
      }
      const ids = new Set(selected.map((task) => task.id));
      return selected
        .filter((task) => !upstreamOf(project, task.id).some((up) => ids.has(up)))
        .map((task) => run('retry', ['--only', task.id], `Rerun task ${task.id} and its dependents`));
    }
  }
  return [];
}

/** The selected tasks in plan order (a selected spec selects all its tasks). */
function selectedTasks(project: RunPlanProject, selection: RunSelection): RunPlanProject['tasks'] {
  if (selection.whole) return project.tasks;
  const specs = new Set(selection.specs);
  const ids = new Set(selection.tasks);
  return project.tasks.filter((task) => specs.has(task.spec) || ids.has(task.id));
}

/** Every task `id` depends on, transitively. */
function upstreamOf(project: RunPlanProject, id: string): string[] {
  const byId = new Map(project.tasks.map((task) => [task.id, task]));
  const seen = new Set<string>();
  const stack = [...(byId.get(id)?.dependsOn ?? [])];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(byId.get(next)?.dependsOn ?? []));
  }
  return [...seen];
}
