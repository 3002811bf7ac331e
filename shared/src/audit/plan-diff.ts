import type { Plan, PlanTask } from '../model/plan';

/**
 * What replacing a plan changes, for the line audit prints after writing the new plan: tasks added, tasks
 * removed, tasks preserved (with their old and new ids, and whether their content changed).
 *
 * With an id remap (incremental re-plan) "preserved" means exactly the tasks the merge kept or took over.
 * Without one (full re-plan), an old and a new task of the same spec count as the same task when their
 * title and output set are equal and no other task of that spec shares both.
 */

export interface TaskBrief {
  id: string;
  spec: string;
  title: string;
}

export interface PreservedTask {
  oldId: string;
  newId: string;
  spec: string;
  title: string;
  /** Title, description, outputs, verify or refs differ. */
  edited: boolean;
}

export interface PlanChangeSummary {
  added: TaskBrief[];
  removed: TaskBrief[];
  preserved: PreservedTask[];
}

const brief = (t: PlanTask): TaskBrief => ({ id: t.id, spec: t.spec, title: t.title });
const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

function edited(a: PlanTask, b: PlanTask): boolean {
  return (
    a.title !== b.title ||
    a.description !== b.description ||
    !sameList(a.outputs, b.outputs) ||
    !sameList(a.verify, b.verify) ||
    !sameList(a.spec_refs, b.spec_refs) ||
    !sameList(a.arch_refs, b.arch_refs)
  );
}

const identity = (t: PlanTask) =>
  `${t.spec}\u0000${t.title}\u0000${[...new Set(t.outputs)].sort().join('\u0000')}`;

/** Pairs old and new tasks by identity when it is unique on both sides. */
function matchByIdentity(oldTasks: readonly PlanTask[], newTasks: readonly PlanTask[]): Map<string, string> {
  const count = (tasks: readonly PlanTask[]) => {
    const map = new Map<string, PlanTask[]>();
    for (const t of tasks) map.set(identity(t), [...(map.get(identity(t)) ?? []), t]);
    return map;
  };
  const olds = count(oldTasks);
  const news = count(newTasks);
  const remap = new Map<string, string>();
  for (const [key, list] of olds) {
    const other = news.get(key);
    if (list.length === 1 && other?.length === 1) remap.set(list[0]!.id, other[0]!.id);
  }
  return remap;
}

export function summarizePlanChange(
  oldPlan: Plan | undefined,
  newPlan: Plan,
  idRemap?: ReadonlyMap<string, string>,
): PlanChangeSummary {
  const oldTasks = oldPlan?.task ?? [];
  const remap = idRemap ?? matchByIdentity(oldTasks, newPlan.task);
  const newById = new Map(newPlan.task.map((t) => [t.id, t]));
  const preserved: PreservedTask[] = [];
  const removed: TaskBrief[] = [];
  const taken = new Set<string>();
  for (const old of oldTasks) {
    const newId = remap.get(old.id);
    const now = newId === undefined ? undefined : newById.get(newId);
    if (now === undefined) {
      removed.push(brief(old));
      continue;
    }
    taken.add(now.id);
    preserved.push({
      oldId: old.id,
      newId: now.id,
      spec: now.spec,
      title: now.title,
      edited: edited(old, now),
    });
  }
  const added = newPlan.task.filter((t) => !taken.has(t.id)).map(brief);
  return { added, removed, preserved };
}

/** Lines to print: a count line, then one line per added and removed task, then renumbered ones. */
export function formatPlanChangeSummary(summary: PlanChangeSummary): string[] {
  const renumbered = summary.preserved.filter((p) => p.oldId !== p.newId);
  const changed = summary.preserved.filter((p) => p.edited);
  const lines = [
    `Plan changes: ${summary.added.length} added, ${summary.removed.length} removed, ` +
      `${summary.preserved.length} preserved (${renumbered.length} renumbered, ${changed.length} changed)`,
  ];
  for (const t of summary.added) lines.push(`  + ${t.id} [${t.spec}] ${t.title}`);
  for (const t of summary.removed) lines.push(`  - ${t.id} [${t.spec}] ${t.title}`);
  for (const p of summary.preserved) {
    if (p.oldId === p.newId && !p.edited) continue;
    const move = p.oldId === p.newId ? p.newId : `${p.oldId} → ${p.newId}`;
    lines.push(`  ${p.edited ? '~' : '='} ${move} [${p.spec}] ${p.title}`);
  }
  return lines;
}
