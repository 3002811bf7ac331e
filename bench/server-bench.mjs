#!/usr/bin/env node
// Language-server benchmark (see bench/README.md). `npm run bench:server` builds first, then runs this.
// Prints figures; never asserts or fails on timings.
//
//   node bench/server-bench.mjs [--specs 2000] [--seed 1] [--edits 50] [--requests 100] [--regenerate]
//                               [--cpu-prof]   (writes the server's CPU profile to bench/.work/)
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const work = join(root, 'bench', '.work');
const MB = 2 ** 20;

async function bundle(esbuild, entry, outfile) {
  await esbuild.build({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: false,
    logLevel: 'silent',
    // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
}

/** The synthetic project of bench/generate-project.ts, reused under bench/.work/ like validate-bench does. */
async function ensureProject(esbuild, specs, seed, regenerate) {
  const dir = join(work, `project-${specs}-s${seed}`);
  const hash = createHash('sha256')
    .update(readFileSync(join(root, 'bench', 'generate-project.ts')))
    .digest('hex')
    .slice(0, 16);
  const markerFile = join(dir, '.bench-generated.json');
  const marker = existsSync(markerFile) ? JSON.parse(readFileSync(markerFile, 'utf8')) : undefined;
  if (!regenerate && marker && marker.specs === specs && marker.seed === seed && marker.generator === hash) {
    return { dir, generated: false };
  }
  const generator = join(work, 'generate-project.mjs');
  await bundle(esbuild, 'bench/generate-project.ts', generator);
  const { generateProject } = await import(`${pathToFileURL(generator).href}?v=${hash}`);
  rmSync(dir, { recursive: true, force: true });
  generateProject(dir, { specs, seed });
  writeFileSync(markerFile, `${JSON.stringify({ specs, seed, generator: hash })}\n`);
  return { dir, generated: true };
}

function percentile(samples, p) {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : 'n/a');
const mb = (v) => (Number.isFinite(v) ? `${(v / MB).toFixed(0)} MB` : 'n/a');
const verdict = (value, limit) => (Number.isFinite(value) ? (value < limit ? 'met' : 'NOT met') : 'n/a');

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows
    .map((r) =>
      r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))),
    )
    .map((r) => `  ${r.join('   ')}`)
    .join('\n');
}

async function main() {
  const { values } = parseArgs({
    options: {
      specs: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '1' },
      edits: { type: 'string', default: '50' },
      requests: { type: 'string', default: '100' },
      regenerate: { type: 'boolean', default: false },
      'cpu-prof': { type: 'boolean', default: false },
    },
  });
  const server = join(root, 'dist', 'server.js');
  if (!existsSync(server)) {
    console.log('dist/server.js not found; run `npm run build` first (npm run bench:server does).');
    process.exitCode = 1;
    return;
  }
  mkdirSync(work, { recursive: true });
  const esbuild = await import('esbuild');
  const specs = Number(values.specs);
  const { dir, generated } = await ensureProject(esbuild, specs, Number(values.seed), values.regenerate);
  const clientModule = join(work, 'server-bench-client.mjs');
  await bundle(esbuild, 'bench/server-bench-client.ts', clientModule);
  const { runServerBench } = await import(pathToFileURL(clientModule).href);

  const cpus = os.cpus();
  console.log('Ossature language-server benchmark');
  console.log(`  project   ${relative(root, dir)}  (${generated ? 'generated' : 'reused'}), ${specs} specs`);
  console.log(
    `  machine   ${os.availableParallelism()} CPU(s) ${cpus[0]?.model.trim() ?? ''}, Node ${process.version}, ${process.platform}-${process.arch}`,
  );
  console.log(`  server    node dist/server.js --stdio (spawned; real JSON-RPC over pipes)\n`);

  const nodeArgs = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${work}`] : [];
  const r = await runServerBench({
    server,
    project: dir,
    edits: Number(values.edits),
    requests: Number(values.requests),
    nodeArgs,
  });

  const row = (label, t) => [
    label,
    t.failure ? 'n/a' : ms(percentile(t.samples, 50)),
    t.failure ? 'n/a' : ms(percentile(t.samples, 95)),
    t.failure ? 'n/a' : ms(Math.max(...t.samples)),
    t.failure ? `failed: ${t.failure}` : String(t.samples.length),
  ];
  console.log(
    table([
      ['', 'p50', 'p95', 'max', 'samples'],
      ['initialize → first full pass published', ms(r.firstPassMs), '', '', `${r.files} SMD`],
      row('keystroke → its diagnostics (same file)', r.keystroke),
      row('keystroke → dependent file diagnostics', r.crossFile),
      row('keystroke → validated (no change to show)', r.bodyKeystroke),
      row('hover (depends id)', r.hover),
      row('definition (depends id)', r.definition),
      row('completion (depends list)', r.completion),
    ]),
  );
  const s = r.stats;
  console.log('');
  console.log(
    `  server memory: peak heap used ${mb(s?.peakHeapUsed)}, heap now ${mb(s?.heapUsed)} of ${mb(s?.heapTotal)}, peak RSS ${mb(s?.maxRss)}` +
      ` · ${s?.validations ?? '?'} validation passes · ${r.firstPassPublishes} publishes in the first pass`,
  );
  console.log(
    `  heap used after each phase: ${r.phases.map((p) => `${p.phase} ${mb(p.stats.heapUsed)}`).join(' · ')}`,
  );
  const p95 = (t) => (t.failure ? Number.NaN : percentile(t.samples, 95));
  console.log(
    `  targets: first pass < 3 s: ${verdict(r.firstPassMs, 3000)} · keystroke p95 < 50 ms: ${verdict(p95(r.keystroke), 50)}` +
      ` · hover/definition/completion p95 < 15 ms: ${verdict(p95(r.hover), 15)}/${verdict(p95(r.definition), 15)}/${verdict(p95(r.completion), 15)}` +
      ` · heap < 400 MB: ${verdict(s?.peakHeapUsed, 400 * MB)}`,
  );
  if (values['cpu-prof']) console.log(`  server CPU profile written to ${relative(root, work)}/`);
}

await main();
