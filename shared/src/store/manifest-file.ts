import { MANIFEST_KEYS, type Manifest, manifestSchema } from '../model/manifest';
import { orderedTable, parseTomlWith, writeTomlFile } from './toml-file';
import { readTextIfExists, StoreError } from './toml-read';
import { stringifyToml, type TomlWritable } from './toml-write';

/**
 * `.ossature/manifest.toml` (reference §2.5). The original writes it without a header comment, fields in
 * model order (`project_brief_input` lands first because tomli_w writes plain values before tables).
 * A missing or corrupt manifest reads as undefined: audit then treats every spec as changed.
 */

export interface ManifestDocument {
  manifest: Manifest;
  header: string[];
}

/** Parses manifest text; throws {@link StoreError} when it is not valid. */
export function parseManifestText(text: string, file = 'manifest.toml'): ManifestDocument {
  const { value, header } = parseTomlWith(text, manifestSchema, file);
  return { manifest: value, header };
}

/** Reads a manifest; undefined when missing or unusable (the original ignores a corrupt manifest). */
export function readManifestFile(file: string): ManifestDocument | undefined {
  const text = readTextIfExists(file);
  if (text === undefined) return undefined;
  try {
    return parseManifestText(text, file);
  } catch (error) {
    if (error instanceof StoreError) return undefined;
    throw error;
  }
}

export function manifestToToml(manifest: Manifest): Map<string, TomlWritable> {
  return orderedTable(manifest, MANIFEST_KEYS);
}

export function renderManifestText(manifest: Manifest, header: readonly string[] = []): string {
  return stringifyToml(manifestToToml(manifest), { header });
}

export function writeManifestFile(file: string, manifest: Manifest, header: readonly string[] = []): void {
  writeTomlFile(file, manifestToToml(manifest), header);
}
