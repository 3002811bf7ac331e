// Bundles TypeScript sources of the repository (generators, the scripted model server) with esbuild into
// bench/.work/ and imports them, so the benchmarks run on plain `node` without a TypeScript loader.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');

/** `source`: ES module text re-exporting repository files by path from the repository root. */
export async function loadSupport(source, outfile) {
  const esbuild = await import('esbuild');
  mkdirSync(join(outfile, '..'), { recursive: true });
  await esbuild.build({
    stdin: { contents: source, resolveDir: root, loader: 'ts' },
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'silent',
  });
  return import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
}
