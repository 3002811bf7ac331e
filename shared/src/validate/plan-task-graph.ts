import { PLAN_CODES } from '../diagnostics/codes-plan';
import type { RelatedLocation } from '../diagnostics/diagnostic';
import { type PlanEnv, stringItems } from './plan-env';

interface Edge {
  from: number;
  to: number;
  /** Index of the entry in the `from` task's depends_on. */
  entry: number;
}

/**
 * Task ids and `depends_on`: duplicate ids, dependencies naming no task, dependencies on a later task
 * (the build runs tasks in plan order, so the dependency is never done in time), and cycles.
 */
export function checkTaskDependencies(env: PlanEnv): void {
  const firstIndex = new Map<string, number>();
  for (const task of env.tasks) {
    const id = task.value.id;
    if (typeof id !== 'string') continue;
    const first = firstIndex.get(id);
    if (first === undefined) {
      firstIndex.set(id, task.index);
      continue;
    }
    env.report(
      PLAN_CODES.duplicateTaskId,
      env.range(['task', task.index, 'id']),
      `Task id '${id}' is used by more than one task; give each task its own id.`,
      { related: [env.related(['task', first, 'id'], `First task with id ${id}`)] },
    );
  }

  const edges: Edge[] = [];
  for (const task of env.tasks) {
    for (const { item, index } of stringItems(task.value, 'depends_on')) {
      const to = firstIndex.get(item);
      if (to === undefined) {
        env.report(
          PLAN_CODES.unknownDependency,
          env.range(['task', task.index, 'depends_on', index]),
          `${task.label} depends on '${item}', but no task has that id. Remove it or use an existing task id.`,
        );
        continue;
      }
      edges.push({ from: task.index, to, entry: index });
    }
  }

  const cyclic = reportCycles(env, edges);
  for (const edge of edges) {
    if (edge.to <= edge.from || cyclic.has(edge)) continue;
    const task = env.tasks.find((t) => t.index === edge.from);
    const target = env.tasks.find((t) => t.index === edge.to);
    env.report(
      PLAN_CODES.forwardDependency,
      env.range(['task', edge.from, 'depends_on', edge.entry]),
      `${task?.label} depends on ${target?.label}, which comes later in the plan; tasks run in plan order, so move ${target?.label} before it.`,
      { related: [env.related(['task', edge.to, 'id'], `${target?.label} is defined here`)] },
    );
  }
}

/** Reports one diagnostic per cycle (strongly connected group) and returns the edges inside cycles. */
function reportCycles(env: PlanEnv, edges: Edge[]): Set<Edge> {
  const out = new Map<number, Edge[]>();
  for (const edge of edges) out.set(edge.from, [...(out.get(edge.from) ?? []), edge]);
  const cyclic = new Set<Edge>();
  for (const group of stronglyConnected(out)) {
    const members = new Set(group);
    const inside = edges.filter((e) => members.has(e.from) && members.has(e.to));
    if (group.length === 1 && !inside.some((e) => e.from === e.to)) continue;
    for (const e of inside) cyclic.add(e);
    const path = cyclePath(Math.min(...group), inside);
    const labels = [...path.map((e) => labelOf(env, e.from)), labelOf(env, path[0]?.from ?? 0)];
    const [first, ...rest] = path;
    if (!first) continue;
    const related: RelatedLocation[] = rest.map((e) =>
      env.related(
        ['task', e.from, 'depends_on', e.entry],
        `${labelOf(env, e.from)} depends on ${labelOf(env, e.to)}`,
      ),
    );
    env.report(
      PLAN_CODES.dependencyCycle,
      env.range(['task', first.from, 'depends_on', first.entry]),
      `Tasks depend on each other in a cycle (${labels.join(' → ')}), so none of them can run. Remove one of these dependencies.`,
      { related },
    );
  }
  return cyclic;
}

function labelOf(env: PlanEnv, index: number): string {
  return env.tasks.find((t) => t.index === index)?.label ?? `task #${index + 1}`;
}

/** The edges of one cycle through `start`, found breadth-first inside a strongly connected group. */
function cyclePath(start: number, inside: Edge[]): Edge[] {
  const via = new Map<number, Edge>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift() as number;
    for (const edge of inside.filter((e) => e.from === node)) {
      if (edge.to === start) {
        const path = [edge];
        let at = node;
        while (at !== start) {
          const back = via.get(at) as Edge;
          path.unshift(back);
          at = back.from;
        }
        return path;
      }
      if (!via.has(edge.to)) {
        via.set(edge.to, edge);
        queue.push(edge.to);
      }
    }
  }
  return [];
}

/** Tarjan's algorithm (iterative), groups in discovery order. */
function stronglyConnected(out: Map<number, Edge[]>): number[][] {
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const onStack = new Set<number>();
  const stack: number[] = [];
  const groups: number[][] = [];
  let counter = 0;
  const nodes = [...new Set([...out.keys(), ...[...out.values()].flat().map((e) => e.to)])].sort(
    (a, b) => a - b,
  );
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: number; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: number; next: number };
      const targets = out.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const to = (targets[frame.next++] as Edge).to;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(to) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent)
        low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        const group: number[] = [];
        let member: number;
        do {
          member = stack.pop() as number;
          onStack.delete(member);
          group.push(member);
        } while (member !== frame.node);
        groups.push(group.sort((a, b) => a - b));
      }
    }
  }
  return groups;
}
