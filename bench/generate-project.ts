// Synthetic but realistic Ossature project for the validation benchmark (bench/README.md).
// Everything is derived from the seed, so the same (specs, seed) always writes the same bytes.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { complexityOf, mulberry32, planSpecs, Random } from './generator/plan';
import { renderAmd } from './generator/render-amd';
import { renderSmd } from './generator/render-smd';
import { renderVmd } from './generator/render-vmd';

export interface GenerateOptions {
  /** Number of `.smd` specs. */
  specs: number;
  /** PRNG seed; the same seed writes byte-identical files. */
  seed: number;
  /** Project name written to ossature.toml; defaults to `bench-<specs>`. */
  name?: string;
}

export interface GeneratedSpec {
  id: string;
  /** Path of the `.smd`, relative to the project root (posix separators). */
  smd: string;
  amd?: string;
  vmd?: string;
  depends: string[];
  requirements: string[];
  /** Requirement-text characters as the complexity check counts them (reference §3.3). */
  complexity: number;
}

export interface GeneratedProject {
  root: string;
  configPath: string;
  specs: GeneratedSpec[];
  /** Every written spec file (.smd/.amd/.vmd), relative to the root. */
  files: string[];
  /** Total bytes of those spec files. */
  bytes: number;
}

export { SMD_TARGET_MAX, SMD_TARGET_MIN } from './generator/plan';

function configToml(name: string): string {
  return `# Ossature Configuration (synthetic benchmark project)

[project]
name = "${name}"
version = "0.0.1"
spec_dir = "specs"
context_dir = "context"

[output]
dir = "output"
language = "python"

[llm]
model = "anthropic:claude-sonnet-4-6"
`;
}

/**
 * Writes a synthetic project into `dir` (emptied first): ossature.toml and `specs` `.smd` files of about
 * 4 KB each in nested folders, an `.amd` for about half and a `.vmd` for about a quarter of them, with
 * `depends` edges that only point at earlier specs (a DAG).
 */
export function generateProject(dir: string, options: GenerateOptions): GeneratedProject {
  const r = new Random(mulberry32(options.seed));
  rmSync(join(dir, 'specs'), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const configPath = join(dir, 'ossature.toml');
  writeFileSync(configPath, configToml(options.name ?? `bench-${options.specs}`));

  const files: string[] = [];
  let bytes = 0;
  const write = (rel: string, text: string) => {
    const path = join(dir, rel);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    files.push(rel);
    bytes += Buffer.byteLength(text);
  };

  const specs: GeneratedSpec[] = [];
  for (const s of planSpecs(r, options.specs)) {
    const smd = `${s.folder}/${s.base}.smd`;
    write(smd, renderSmd(r, s));
    const spec: GeneratedSpec = {
      id: s.id,
      smd,
      depends: s.depends,
      requirements: s.reqs.map((q) => q.title),
      complexity: complexityOf(s.reqs),
    };
    if (s.amd) {
      spec.amd = `${s.folder}/${s.base}.amd`;
      write(spec.amd, renderAmd(r, s));
    }
    if (s.vmd) {
      spec.vmd = `${s.folder}/${s.base}.vmd`;
      write(spec.vmd, renderVmd(r, s));
    }
    specs.push(spec);
  }
  return { root: dir, configPath, specs, files, bytes };
}
