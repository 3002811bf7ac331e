import type { AmdSpec } from '../model/amd';
import type { SmdSpec } from '../model/smd';
import type { VmdSpec } from '../model/vmd';
import { buildSpecGraph, edgesOf, type SpecGraph, specGraphFromEdges } from './spec-graph';

/** Lookups over every parsed spec of a project: ids → files, architectures, verifications, graph. */
export interface WorkspaceIndex {
  smds: SmdSpec[];
  amds: AmdSpec[];
  vmds: VmdSpec[];
  /** Spec id → every SMD declaring it (more than one is a duplicate-id error). */
  smdById: Map<string, SmdSpec[]>;
  /** Spec id → AMDs whose `spec:` names it. */
  amdsBySpec: Map<string, AmdSpec[]>;
  /** Spec id → VMDs whose `@spec` names it. */
  vmdsBySpec: Map<string, VmdSpec[]>;
  /** Spec id → ids of the specs that depend on it. */
  dependents: Map<string, string[]>;
  graph: SpecGraph;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const byFile = (a: { file: string }, b: { file: string }) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

type GraphInput = { id: string; depends: string[] }[];

/** What each graph was built from, so an index rebuilt after an edit that kept every id and `depends` reuses it. */
const graphInputs = new WeakMap<SpecGraph, GraphInput>();

function sameGraphInput(a: GraphInput, b: GraphInput): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.id !== y.id || x.depends.length !== y.depends.length) return false;
    for (let j = 0; j < x.depends.length; j++) if (x.depends[j] !== y.depends[j]) return false;
  }
  return true;
}

/**
 * The index of a project's parsed specs. `previous` (the index before an edit) lets the spec graph be
 * reused when no id or `depends` changed, which is what most edits in an editor are.
 */
export function buildWorkspaceIndex(
  smds: SmdSpec[],
  amds: AmdSpec[],
  vmds: VmdSpec[],
  previous?: WorkspaceIndex,
): WorkspaceIndex {
  const sortedSmds = [...smds].sort(byFile);
  const smdById = new Map<string, SmdSpec[]>();
  const dependents = new Map<string, string[]>();
  for (const smd of sortedSmds) {
    if (!smd.id?.value) continue;
    const id = smd.id.value;
    push(smdById, id, smd);
    for (const dep of smd.depends) push(dependents, dep.value, id);
  }
  const amdsBySpec = new Map<string, AmdSpec[]>();
  const sortedAmds = [...amds].sort(byFile);
  for (const amd of sortedAmds) if (amd.specId?.value) push(amdsBySpec, amd.specId.value, amd);
  const vmdsBySpec = new Map<string, VmdSpec[]>();
  const sortedVmds = [...vmds].sort(byFile);
  for (const vmd of sortedVmds) if (vmd.specId?.value) push(vmdsBySpec, vmd.specId.value, vmd);

  const input: GraphInput = [...smdById].map(([id, list]) => ({
    id,
    depends: list[0]!.depends.map((d) => d.value),
  }));
  const before = previous && graphInputs.get(previous.graph);
  const graph = before && sameGraphInput(before, input) ? previous.graph : buildSpecGraph(input);
  graphInputs.set(graph, input);
  return {
    smds: sortedSmds,
    amds: sortedAmds,
    vmds: sortedVmds,
    smdById,
    amdsBySpec,
    vmdsBySpec,
    dependents,
    graph,
  };
}

const sameDepends = (a: SmdSpec, b: SmdSpec) =>
  a.depends.length === b.depends.length && a.depends.every((d, i) => d.value === b.depends[i]!.value);

function replaced<T>(list: readonly T[], before: T, after: T): T[] | undefined {
  const at = list.indexOf(before);
  if (at === -1) return undefined;
  const copy = list.slice();
  copy[at] = after;
  return copy;
}

function replacedIn<T>(
  map: Map<string, T[]>,
  key: string | undefined,
  before: T,
  after: T,
): Map<string, T[]> | undefined {
  if (!key) return map;
  const list = map.get(key);
  const copy = list && replaced(list, before, after);
  if (!copy) return undefined;
  return new Map(map).set(key, copy);
}

/** `dependents` with the lists of `keys` worked out again from `smds` (in file order, as a rebuild does). */
function dependentsWith(dependents: Map<string, string[]>, smds: readonly SmdSpec[], keys: Set<string>) {
  const out = new Map(dependents);
  for (const key of keys) out.delete(key);
  for (const smd of smds) {
    if (!smd.id?.value) continue;
    for (const dep of smd.depends) if (keys.has(dep.value)) push(out, dep.value, smd.id.value);
  }
  return out;
}

/** An SMD re-parsed with the same id but other `depends`: new dependents, and new edges when it owns the id. */
function patchDepends(
  index: WorkspaceIndex,
  before: SmdSpec,
  after: SmdSpec,
  smds: SmdSpec[],
  smdById: Map<string, SmdSpec[]>,
): WorkspaceIndex | undefined {
  const keys = new Set([...before.depends, ...after.depends].map((d) => d.value));
  const dependents = after.id?.value ? dependentsWith(index.dependents, smds, keys) : index.dependents;
  const id = after.id?.value;
  if (!id || smdById.get(id)?.[0] !== after) return { ...index, smds, smdById, dependents };
  const input = graphInputs.get(index.graph);
  if (!input) return undefined;
  const depends = after.depends.map((d) => d.value);
  const graph = specGraphFromEdges(new Map(index.graph.edges).set(id, edgesOf(depends, index.graph.edges)));
  graphInputs.set(
    graph,
    input.map((entry) => (entry.id === id ? { id, depends } : entry)),
  );
  return { ...index, smds, smdById, dependents, graph };
}

/**
 * The index after one file's model was replaced by a new parse of the same file that kept its id (an
 * edit in a spec's body or its `depends`): a new index object sharing what did not change with `index`,
 * without a rebuild. Undefined when the ids changed (then rebuild with buildWorkspaceIndex).
 */
export function patchWorkspaceIndex(
  index: WorkspaceIndex,
  before: SmdSpec | AmdSpec | VmdSpec,
  after: SmdSpec | AmdSpec | VmdSpec,
): WorkspaceIndex | undefined {
  if (before.file !== after.file) return undefined;
  if (before.kind === 'smd' && after.kind === 'smd') {
    if (before.id?.value !== after.id?.value) return undefined;
    const smds = replaced(index.smds, before, after);
    const smdById = replacedIn(index.smdById, before.id?.value || undefined, before, after);
    if (!smds || !smdById) return undefined;
    if (!sameDepends(before, after)) return patchDepends(index, before, after, smds, smdById);
    return { ...index, smds, smdById };
  }
  if (before.kind === 'amd' && after.kind === 'amd') {
    if (before.specId?.value !== after.specId?.value) return undefined;
    const amds = replaced(index.amds, before, after);
    const amdsBySpec = replacedIn(index.amdsBySpec, before.specId?.value || undefined, before, after);
    return amds && amdsBySpec ? { ...index, amds, amdsBySpec } : undefined;
  }
  if (before.kind === 'vmd' && after.kind === 'vmd') {
    if (before.specId?.value !== after.specId?.value) return undefined;
    const vmds = replaced(index.vmds, before, after);
    const vmdsBySpec = replacedIn(index.vmdsBySpec, before.specId?.value || undefined, before, after);
    return vmds && vmdsBySpec ? { ...index, vmds, vmdsBySpec } : undefined;
  }
  return undefined;
}
