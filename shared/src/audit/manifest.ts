import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SpecGraphFile } from '../model/graph';
import type { Manifest } from '../model/manifest';
import type { WorkspaceIndex } from '../project/workspace-index';
import { orderLike, projectKey } from './file-order';

/**
 * Manifest change detection (reference §4.1 step 3): sha256 of every spec file and `ossature.toml`, compared
 * with the previous `manifest.toml` to find which specs changed.
 */

/** The manifest key of the project configuration (no `./`, as the original writes it). */
export const CONFIG_SOURCE_KEY = 'ossature.toml';

/** `sha256:<hex>` of some bytes (a string is hashed as UTF-8). */
export function sha256Digest(data: string | Uint8Array): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** The spec files of a project by kind (absolute paths). */
export interface SpecSourceFiles {
  smd: readonly string[];
  amd: readonly string[];
  vmd: readonly string[];
}

export interface ManifestSourceOptions {
  /** Keys of the previous manifest, to keep its file order (see {@link orderLike}). */
  previousOrder?: readonly string[];
  /** Reads a file's bytes (defaults to the file system). */
  read?: (file: string) => string | Uint8Array;
}

/**
 * The `[sources]` table: `./specs/a.smd` → `sha256:<hex>` for every SMD, then every AMD, then every VMD, then
 * `ossature.toml` — the original's grouping.
 */
export function computeManifestSources(
  root: string,
  files: SpecSourceFiles,
  options: ManifestSourceOptions = {},
): Record<string, string> {
  const read = options.read ?? ((file: string) => readFileSync(file));
  const sources: Record<string, string> = {};
  for (const group of [files.smd, files.amd, files.vmd]) {
    const byKey = new Map(group.map((file) => [projectKey(root, file), file]));
    for (const key of orderLike(byKey.keys(), options.previousOrder)) {
      sources[key] = sha256Digest(read(byKey.get(key)!));
    }
  }
  sources[CONFIG_SOURCE_KEY] = sha256Digest(read(join(root, CONFIG_SOURCE_KEY)));
  return sources;
}

/** The spec files of a workspace index, grouped by kind. */
export function specSourceFiles(index: WorkspaceIndex): SpecSourceFiles {
  return {
    smd: index.smds.map((s) => s.file),
    amd: index.amds.map((s) => s.file),
    vmd: index.vmds.map((s) => s.file),
  };
}

/**
 * A manifest with fresh sources. Brief hashes are carried forward from the previous manifest unless given
 * (audit rewrites the manifest after the briefs with the new hashes).
 */
export function createManifest(
  sources: Record<string, string>,
  previous?: Manifest,
  briefs: { briefInputs?: Record<string, string>; projectBriefInput?: string } = {},
): Manifest {
  return {
    sources,
    brief_inputs: { ...(briefs.briefInputs ?? previous?.brief_inputs ?? {}) },
    project_brief_input: briefs.projectBriefInput ?? previous?.project_brief_input ?? '',
  };
}

/** What changed since the previous manifest. */
export type ManifestChange =
  /** No usable previous manifest (missing or corrupt): everything counts as changed. */
  | { kind: 'initial'; keys: string[] }
  | { kind: 'unchanged'; keys: string[] }
  /** Keys whose hash differs, that are new, or that are gone (current order, then removed keys). */
  | { kind: 'changed'; keys: string[] };

/** Compares the `[sources]` of two manifests (brief hashes do not count). */
export function compareManifests(current: Manifest, previous: Manifest | undefined): ManifestChange {
  if (previous === undefined) return { kind: 'initial', keys: Object.keys(current.sources) };
  const keys: string[] = [];
  for (const [key, hash] of Object.entries(current.sources)) {
    if (previous.sources[key] !== hash) keys.push(key);
  }
  for (const key of Object.keys(previous.sources)) {
    if (!(key in current.sources)) keys.push(key);
  }
  return keys.length === 0 ? { kind: 'unchanged', keys: [] } : { kind: 'changed', keys };
}

/**
 * Manifest key → spec id for every SMD, AMD and VMD of the index. Files named only in the previous
 * `graph.toml` (a deleted AMD) map through it, so removing an architecture re-audits its spec — the original
 * ignored such keys.
 */
export function sourceSpecMap(
  root: string,
  index: WorkspaceIndex,
  previousGraph?: SpecGraphFile,
): Map<string, string> {
  const map = new Map<string, string>();
  for (const smd of index.smds) if (smd.id?.value) map.set(projectKey(root, smd.file), smd.id.value);
  for (const amd of index.amds) if (amd.specId?.value) map.set(projectKey(root, amd.file), amd.specId.value);
  for (const vmd of index.vmds) if (vmd.specId?.value) map.set(projectKey(root, vmd.file), vmd.specId.value);
  for (const entry of previousGraph?.spec ?? []) {
    for (const file of [entry.file, ...entry.architectures]) if (!map.has(file)) map.set(file, entry.id);
  }
  return map;
}

/**
 * The specs to audit for a manifest change: all of them when there is no previous manifest or
 * `ossature.toml` changed, none when nothing changed, else the specs owning the changed files (only ids in
 * `allSpecIds`; a deleted spec has nothing left to audit). Returned in `allSpecIds` order.
 */
export function changedSpecIds(
  change: ManifestChange,
  fileToSpec: ReadonlyMap<string, string>,
  allSpecIds: readonly string[],
): string[] {
  if (change.kind === 'initial' || change.keys.includes(CONFIG_SOURCE_KEY)) return [...allSpecIds];
  const changed = new Set<string>();
  for (const key of change.keys) {
    const id = fileToSpec.get(key);
    if (id !== undefined) changed.add(id);
  }
  return allSpecIds.filter((id) => changed.has(id));
}
