import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SpecGraphFile } from '../../model/graph';
import type { Manifest } from '../../model/manifest';
import { readGraphFile } from '../../store/graph-file';
import { readManifestFile } from '../../store/manifest-file';
import { buildGraphFile, graphFileOrder } from '../graph';
import {
  CONFIG_SOURCE_KEY,
  changedSpecIds,
  compareManifests,
  computeManifestSources,
  createManifest,
  type ManifestChange,
  sourceSpecMap,
  specSourceFiles,
} from '../manifest';
import type { AuditProject } from './project';

/**
 * Change detection (reference §4.1 steps 2–3): the new graph.toml content and the manifest comparison.
 * Nothing is written here: graph.toml is written by the run, manifest.toml only when the run completes, so
 * a run that fails or is interrupted is detected as the same change next time.
 */

export interface ChangeDetection {
  graph: SpecGraphFile;
  previousManifest: Manifest | undefined;
  change: ManifestChange;
  /** Spec ids whose files changed (all of them for a first audit or an ossature.toml change). */
  changed: string[];
  /** Specs of the previous graph.toml that no longer exist. */
  removed: string[];
}

/** `[sources]` checksums of the project as it is on disk now. */
export function currentSources(
  project: AuditProject,
  previous: Manifest | undefined,
): Record<string, string> {
  const configKeyFile = join(project.root, CONFIG_SOURCE_KEY);
  return computeManifestSources(project.root, specSourceFiles(project.workspace.index), {
    previousOrder: Object.keys(previous?.sources ?? {}),
    read: (file) => readFileSync(file === configKeyFile ? project.workspace.configFile : file),
  });
}

/** Reads the previous graph and manifest, sets the project's spec order, and compares. */
export function detectChanges(project: AuditProject): ChangeDetection {
  const previousGraph = readGraphFile(project.paths.graph)?.graph;
  const previousManifest = readManifestFile(project.paths.manifest)?.manifest;
  const previousOrder = [...Object.keys(previousManifest?.sources ?? {}), ...graphFileOrder(previousGraph)];
  const graph = buildGraphFile(project.root, project.workspace.index, previousOrder);
  project.specOrder = graph.spec.map((entry) => entry.id);
  const current = createManifest(currentSources(project, previousManifest), previousManifest);
  const change = compareManifests(current, previousManifest);
  const changed = changedSpecIds(
    change,
    sourceSpecMap(project.root, project.workspace.index, previousGraph),
    project.specOrder,
  );
  const removed = (previousGraph?.spec ?? [])
    .map((entry) => entry.id)
    .filter((id) => !project.specOrder.includes(id));
  return { graph, previousManifest, change, changed, removed };
}
