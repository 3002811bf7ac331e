/** The dependency graph of SMD specs: edges from a spec to the specs it `depends` on. */
export interface SpecGraph {
  /** Spec id → ids it depends on that exist (unknown ids are left out). */
  edges: Map<string, string[]>;
  /** Topological levels, each sorted: level 0 depends on nothing, level n only on earlier levels. */
  levels: string[][];
  /** Each cycle found, as a path whose last id repeats the first (`A -> B -> A`). */
  cycles: string[][];
  /** Ids in dependency order (levels flattened); specs stuck in a cycle are left out. */
  order: string[];
}

/**
 * Builds the graph from each spec's id and `depends`. Only edges to known ids count. Cycles are found by
 * depth-first search with white/grey/black colouring (every distinct back edge gives one cycle, so all
 * of them are reported at once); levels repeatedly take, sorted, every spec whose dependencies are placed.
 */
export function buildSpecGraph(specs: Iterable<{ id: string; depends: string[] }>): SpecGraph {
  const edges = new Map<string, string[]>();
  for (const spec of specs) if (!edges.has(spec.id)) edges.set(spec.id, []);
  for (const spec of specs) {
    const list = edges.get(spec.id)!;
    for (const dep of spec.depends) if (edges.has(dep) && !list.includes(dep)) list.push(dep);
  }
  return specGraphFromEdges(edges);
}

/** One spec's edges: its `depends` that name a spec of `known` (the graph's ids), each once, in order. */
export function edgesOf(depends: readonly string[], known: ReadonlyMap<string, unknown>): string[] {
  const list: string[] = [];
  for (const dep of depends) if (known.has(dep) && !list.includes(dep)) list.push(dep);
  return list;
}

/** The graph of complete `edges` (every spec id a key): its cycles now, its levels when first asked for. */
export function specGraphFromEdges(edges: Map<string, string[]>): SpecGraph {
  // Validation, which runs after every keystroke in an editor, needs only the cycles.
  let levels: string[][] | undefined;
  let order: string[] | undefined;
  return {
    edges,
    cycles: findCycles(edges),
    get levels() {
      levels ??= topologicalLevels(edges);
      return levels;
    },
    get order() {
      order ??= this.levels.flat();
      return order;
    },
  };
}

function topologicalLevels(edges: Map<string, string[]>): string[][] {
  const remaining = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const [id, deps] of edges) {
    remaining.set(id, deps.length);
    for (const dep of deps) {
      const list = dependents.get(dep);
      if (list) list.push(id);
      else dependents.set(dep, [id]);
    }
  }
  const levels: string[][] = [];
  let current = [...remaining].filter(([, n]) => n === 0).map(([id]) => id);
  while (current.length > 0) {
    current.sort();
    levels.push(current);
    const next: string[] = [];
    for (const id of current) {
      for (const dependent of dependents.get(id) ?? []) {
        const left = (remaining.get(dependent) ?? 0) - 1;
        remaining.set(dependent, left);
        if (left === 0) next.push(dependent);
      }
    }
    current = next;
  }
  return levels;
}

function findCycles(edges: Map<string, string[]>): string[][] {
  const WHITE = 0;
  const GREY = 1;
  const BLACK = 2;
  const colour = new Map<string, number>();
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const stack: string[] = [];

  const visit = (start: string) => {
    // Iterative DFS so deep dependency chains cannot overflow the call stack.
    const frames: { id: string; next: number }[] = [{ id: start, next: 0 }];
    colour.set(start, GREY);
    stack.push(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const deps = edges.get(frame.id) ?? [];
      if (frame.next < deps.length) {
        const dep = deps[frame.next++]!;
        const c = colour.get(dep) ?? WHITE;
        if (c === WHITE) {
          colour.set(dep, GREY);
          stack.push(dep);
          frames.push({ id: dep, next: 0 });
        } else if (c === GREY) {
          const cycle = [...stack.slice(stack.indexOf(dep)), dep];
          const key = canonicalCycleKey(cycle);
          if (!seen.has(key)) {
            seen.add(key);
            cycles.push(cycle);
          }
        }
      } else {
        colour.set(frame.id, BLACK);
        stack.pop();
        frames.pop();
      }
    }
  };
  for (const id of [...edges.keys()].sort()) if ((colour.get(id) ?? WHITE) === WHITE) visit(id);
  return cycles;
}

/** The same cycle found from another starting node gets the same key. */
function canonicalCycleKey(cycle: string[]): string {
  const nodes = cycle.slice(0, -1);
  let best = 0;
  for (let i = 1; i < nodes.length; i++) if (nodes[i]! < nodes[best]!) best = i;
  return [...nodes.slice(best), ...nodes.slice(0, best)].join('\u0000');
}
