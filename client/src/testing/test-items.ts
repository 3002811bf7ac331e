// The Testing tree of the plan: project → spec → task → the requirements the task covers. A task's item sits on
// its `[[task]]` line in plan.toml (so the gutter shows its run icon there), a spec's on its `# Title` line, a
// requirement's on its heading in the spec. Items are kept across refreshes (same id, range and label updated) so
// their results stay.
import { Range, type TestController, type TestItem, Uri, workspace } from 'vscode';
import type { Range as LspRange, PlanProjectInfo, PlanTaskInfo } from '../../../shared/src/protocol';
import { sameFile } from '../plan/plan-tasks';

export type ItemData =
  | { kind: 'project'; configFile: string }
  | { kind: 'spec'; configFile: string; spec: string }
  | { kind: 'task'; configFile: string; task: string }
  | { kind: 'requirement'; configFile: string; task: string; file: string; range: LspRange };

function toRange(range: LspRange): Range {
  return new Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

const KIND_NOTE: Record<PlanTaskInfo['kind'], string | undefined> = {
  task: undefined,
  copy: 'copy',
  verify: 'verification',
};

export class PlanTestItems {
  readonly #data = new WeakMap<TestItem, ItemData>();
  /** Every item of the last sync by id. */
  #byId = new Map<string, TestItem>();

  constructor(private readonly controller: TestController) {}

  dataOf(item: TestItem): ItemData | undefined {
    return this.#data.get(item);
  }

  taskItem(configFile: string, task: string): TestItem | undefined {
    const direct = this.#byId.get(`${configFile}#task:${task}`);
    if (direct) return direct;
    for (const item of this.#byId.values()) {
      const data = this.#data.get(item);
      if (data?.kind === 'task' && data.task === task && sameFile(data.configFile, configFile)) return item;
    }
    return undefined;
  }

  /** The requirement items under a task item. */
  requirementsOf(taskItem: TestItem): TestItem[] {
    const items: TestItem[] = [];
    taskItem.children.forEach((child) => {
      if (this.#data.get(child)?.kind === 'requirement') items.push(child);
    });
    return items;
  }

  /** Replaces the tree with the projects' tasks, reusing items by id. */
  sync(projects: readonly PlanProjectInfo[]): void {
    const previous = this.#byId;
    const next = new Map<string, TestItem>();
    const item = (id: string, label: string, uri: Uri | undefined, data: ItemData): TestItem => {
      const old = previous.get(id);
      const reusable = old && old.uri?.toString() === uri?.toString();
      const made = reusable ? old : this.controller.createTestItem(id, label, uri);
      made.label = label;
      this.#data.set(made, data);
      next.set(id, made);
      return made;
    };
    const roots: TestItem[] = [];
    for (const project of projects) {
      if (project.tasks.length === 0) continue;
      const { configFile } = project;
      const planUri = Uri.file(project.planFile);
      const root = item(configFile, project.name, Uri.file(configFile), { kind: 'project', configFile });
      const where = workspace.asRelativePath(project.root, false);
      root.description = where === project.root || where === project.name ? undefined : where;
      const specItems: TestItem[] = [];
      const specOrder = [...new Set(project.tasks.map((task) => task.spec))];
      for (const spec of specOrder) {
        const info = project.specs.find((s) => s.id === spec);
        const specItem = item(`${configFile}#spec:${spec}`, spec, info ? Uri.file(info.file) : undefined, {
          kind: 'spec',
          configFile,
          spec,
        });
        specItem.range = info ? toRange(info.titleRange) : undefined;
        const taskItems = project.tasks
          .filter((task) => task.spec === spec)
          .map((task) => {
            const taskItem = item(`${configFile}#task:${task.id}`, `${task.id} ${task.title}`, planUri, {
              kind: 'task',
              configFile,
              task: task.id,
            });
            taskItem.range = toRange(task.range);
            taskItem.sortText = String(project.tasks.indexOf(task)).padStart(6, '0');
            const note = KIND_NOTE[task.kind];
            taskItem.description = note;
            taskItem.children.replace(
              task.covers.map((cover) => {
                const id = `${configFile}#task:${task.id}#req:${cover.file}:${cover.range.start.line}`;
                const requirement = item(id, cover.title, Uri.file(cover.file), {
                  kind: 'requirement',
                  configFile,
                  task: task.id,
                  file: cover.file,
                  range: cover.range,
                });
                requirement.range = toRange(cover.range);
                return requirement;
              }),
            );
            return taskItem;
          });
        specItem.children.replace(taskItems);
        specItems.push(specItem);
      }
      root.children.replace(specItems);
      roots.push(root);
    }
    this.controller.items.replace(roots);
    this.#byId = next;
  }
}
