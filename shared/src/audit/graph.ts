import type { GraphSpec, SpecGraphFile } from '../model/graph';
import type { WorkspaceIndex } from '../project/workspace-index';
import { orderLike, projectKey } from './file-order';

/**
 * The content of `.ossature/graph.toml` (reference §2.5, §4.1 step 2): one `[[spec]]` per SMD with its
 * file, its `depends` as written (unknown ids included, as the original does) and its AMD files; then the
 * topological levels, each sorted. Write it with the store's `writeGraphFile`.
 *
 * `previousOrder` lists `./rel` paths in the order the previous manifest or graph had them (see
 * {@link orderLike}); without it, files are sorted.
 */
export function buildGraphFile(
  root: string,
  index: WorkspaceIndex,
  previousOrder: readonly string[] = [],
): SpecGraphFile {
  const smdByKey = new Map(
    index.smds.filter((smd) => smd.id?.value).map((smd) => [projectKey(root, smd.file), smd]),
  );
  const spec: GraphSpec[] = [];
  const seen = new Set<string>();
  for (const key of orderLike(smdByKey.keys(), previousOrder)) {
    const smd = smdByKey.get(key)!;
    const id = smd.id!.value;
    if (seen.has(id)) continue; // a duplicate id is a validation error; keep the first file
    seen.add(id);
    const architectures = orderLike(
      (index.amdsBySpec.get(id) ?? []).map((amd) => projectKey(root, amd.file)),
      previousOrder,
    );
    spec.push({ id, file: key, depends: smd.depends.map((d) => d.value), architectures });
  }
  return { spec, order: { levels: index.graph.levels.map((level) => [...level]) } };
}

/** The `./rel` file order recorded in a graph file (SMDs then their AMDs), for {@link orderLike}. */
export function graphFileOrder(graph: SpecGraphFile | undefined): string[] {
  return (graph?.spec ?? []).flatMap((entry) => [entry.file, ...entry.architectures]);
}
