import type { AmdSpec } from '../model/amd';
import type { SmdSpec } from '../model/smd';
import type { VmdSpec } from '../model/vmd';
import { buildSpecGraph, type SpecGraph } from './spec-graph';

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

export function buildWorkspaceIndex(smds: SmdSpec[], amds: AmdSpec[], vmds: VmdSpec[]): WorkspaceIndex {
  const sortedSmds = [...smds].sort(byFile);
  const smdById = new Map<string, SmdSpec[]>();
  const dependents = new Map<string, string[]>();
  for (const smd of sortedSmds) {
    if (!smd.id?.value) continue;
    push(smdById, smd.id.value, smd);
    for (const dep of smd.depends) push(dependents, dep.value, smd.id.value);
  }
  const amdsBySpec = new Map<string, AmdSpec[]>();
  const sortedAmds = [...amds].sort(byFile);
  for (const amd of sortedAmds) if (amd.specId?.value) push(amdsBySpec, amd.specId.value, amd);
  const vmdsBySpec = new Map<string, VmdSpec[]>();
  const sortedVmds = [...vmds].sort(byFile);
  for (const vmd of sortedVmds) if (vmd.specId?.value) push(vmdsBySpec, vmd.specId.value, vmd);

  const graph = buildSpecGraph(
    [...smdById].map(([id, list]) => ({ id, depends: list[0]!.depends.map((d) => d.value) })),
  );
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
