import { dirname, join, resolve } from 'node:path';
import { TASK_STATUSES, type TaskStatus } from '../../../shared/src/model/plan';
import { taskDirName } from '../../../shared/src/model/task-output';
import { type PlanTaskView, planViewFor } from '../../../shared/src/project/plan-view';
import { resolveCoversTarget } from '../../../shared/src/project/symbol-resolve';
import type { Workspace } from '../../../shared/src/project/workspace';
import type {
  PlanProjectInfo,
  PlanSpecInfo,
  PlanTaskInfo,
  PlanTaskKind,
  PlanTasksParams,
  PlanTasksResult,
} from '../../../shared/src/protocol';
import { EMPTY_RANGE } from '../../../shared/src/text/range';

/**
 * `ossature/planTasks`: every task of each project's plan as the editor has it now (an open plan.toml's
 * text wins over the disk), with the range of its `[[task]]` header, its kind, status, dependencies, task
 * folder and the requirements its `covers` names; and each spec's title line. Read with the forgiving plan
 * view, so a half-typed plan still lists the tasks it can read (a task without an `id` is left out).
 */

const STATUSES: ReadonlySet<string> = new Set(TASK_STATUSES);

function kindOf(task: PlanTaskView): PlanTaskKind {
  if (task.raw.kind === 'verify') return 'verify';
  const source = task.raw.source;
  return Array.isArray(source) && source.length > 0 ? 'copy' : 'task';
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** `.ossature/tasks/` of the workspace. */
export function tasksDirOf(ws: Workspace): string {
  return join(dirname(ws.planFile), 'tasks');
}

/** The plan's tasks with ids, in plan order. */
export function planTaskInfos(ws: Workspace): PlanTaskInfo[] {
  const view = planViewFor(ws, ws.planText);
  if (!view) return [];
  const tasksDir = tasksDirOf(ws);
  return view.tasks.flatMap((task): PlanTaskInfo[] => {
    const id = task.id;
    if (id === undefined) return [];
    const spec = task.spec ?? '';
    const title = task.title ?? '';
    const status = task.status;
    const covers = task.values.flatMap((value) => {
      if (value.field !== 'covers') return [];
      const found = resolveCoversTarget(ws, task.spec, value.value);
      return found
        ? [{ file: found.smd.file, range: found.requirement.titleRange, title: found.requirement.title }]
        : [];
    });
    return [
      {
        id,
        spec,
        title,
        status: status !== undefined && STATUSES.has(status) ? (status as TaskStatus) : 'pending',
        kind: kindOf(task),
        range: task.headerRange,
        dependsOn: stringsOf(task.raw.depends_on),
        taskDir: join(tasksDir, taskDirName(id, title)),
        covers,
      },
    ];
  });
}

/** Each spec id with its SMD (the first, when an id is duplicated) and its `# Title` line. */
export function planSpecInfos(ws: Workspace): PlanSpecInfo[] {
  return [...ws.index.smdById].flatMap(([id, smds]) => {
    const smd = smds[0];
    if (!smd) return [];
    return [{ id, file: smd.file, titleRange: smd.title?.range ?? smd.id?.range ?? EMPTY_RANGE }];
  });
}

export function planProjectInfo(ws: Workspace): PlanProjectInfo {
  return {
    configFile: ws.configFile,
    root: ws.root,
    name: ws.config.config.project.name,
    planFile: ws.planFile,
    tasks: planTaskInfos(ws),
    specs: planSpecInfos(ws),
  };
}

export function providePlanTasks(workspaces: readonly Workspace[], params: PlanTasksParams): PlanTasksResult {
  const only = params.configFile === undefined ? undefined : resolve(params.configFile);
  return {
    projects: workspaces
      .filter((ws) => only === undefined || ws.configFile === only)
      .sort((a, b) => (a.root < b.root ? -1 : 1))
      .map(planProjectInfo),
  };
}
