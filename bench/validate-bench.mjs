#!/usr/bin/env node
// Validation benchmark (see bench/README.md). `npm run bench` builds first, then runs this.
// Prints figures; never asserts or fails on timings.
//
//   node bench/validate-bench.mjs [--specs 2000] [--seed 1] [--iterations 5] [--regenerate]
//
// Internal mode (the markdown-it child): node bench/validate-bench.mjs --markdown-it-child <project dir>
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const work = join(root, 'bench', '.work');
const MB = 1e6;

/** Every .smd/.amd/.vmd under `dir`, the way the validator discovers them (hidden folders skipped). */
function listSpecFiles(dir) {
  const out = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && /\.(smd|amd|vmd)$/.test(entry.name)) out.push(path);
    }
  };
  walk(dir);
  return out.sort();
}

// ---------------------------------------------------------------- markdown-it child

async function markdownItChild(dir) {
  const { default: MarkdownIt } = await import('markdown-it');
  const md = new MarkdownIt();
  const files = listSpecFiles(join(dir, 'specs'));
  const readStart = performance.now();
  const texts = files.map((file) => readFileSync(file, 'utf8'));
  const readMs = performance.now() - readStart;
  let bytes = 0;
  for (const text of texts) bytes += Buffer.byteLength(text);
  const start = performance.now();
  let tokens = 0;
  for (const text of texts) tokens += md.parse(text, {}).length;
  const ms = performance.now() - start;
  process.stdout.write(
    `${JSON.stringify({
      ms,
      readMs,
      tokens,
      bytes,
      files: files.length,
      uptimeMs: process.uptime() * 1000,
      maxRssKb: process.resourceUsage().maxRSS,
    })}\n`,
  );
}

// ---------------------------------------------------------------- helpers

function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `node …args` to completion; wall = spawn → exit as the parent sees it. */
function runNode(args, env = {}) {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1024 * MB,
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  const wallMs = performance.now() - start;
  return {
    wallMs,
    status: result.status,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

function lastJsonLine(stdout) {
  const line = stdout.trim().split('\n').pop();
  return line ? JSON.parse(line) : undefined;
}

function tail(text, lines = 8) {
  return text.trim().split('\n').slice(-lines).join('\n');
}

const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(0)} ms` : '—');
const mbs = (v) => (Number.isFinite(v) ? `${v.toFixed(1)} MB/s` : '—');
const size = (b) => (b >= MB ? `${(b / MB).toFixed(2)} MB` : `${(b / 1000).toFixed(1)} kB`);
const rss = (kb) => (Number.isFinite(kb) ? `${(kb / 1024).toFixed(0)} MB` : '—');

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows
    .map((r) =>
      r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))),
    )
    .map((r) => `  ${r.join('   ')}`)
    .join('\n');
}

// ---------------------------------------------------------------- main

async function bundle(esbuild, entry, outfile, format) {
  // The options esbuild.mjs uses for dist/cli.js and dist/server.js (less the source map, which does not
  // change what runs), so we measure the code users run.
  await esbuild.build({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format,
    sourcemap: false,
    minify: false,
    logLevel: 'silent',
  });
}

async function ensureProject(esbuild, specs, seed, regenerate) {
  const dir = join(work, `project-${specs}-s${seed}`);
  const generatorSource = readFileSync(join(root, 'bench', 'generate-project.ts'));
  const hash = createHash('sha256').update(generatorSource).digest('hex').slice(0, 16);
  const markerFile = join(dir, '.bench-generated.json');
  const marker = existsSync(markerFile) ? JSON.parse(readFileSync(markerFile, 'utf8')) : undefined;
  if (!regenerate && marker && marker.specs === specs && marker.seed === seed && marker.generator === hash) {
    return { dir, generatedMs: undefined };
  }
  const generator = join(work, 'generate-project.mjs');
  await bundle(esbuild, 'bench/generate-project.ts', generator, 'esm');
  const { generateProject } = await import(`${pathToFileURL(generator).href}?v=${hash}`);
  rmSync(dir, { recursive: true, force: true });
  const start = performance.now();
  generateProject(dir, { specs, seed });
  const generatedMs = performance.now() - start;
  writeFileSync(markerFile, `${JSON.stringify({ specs, seed, generator: hash })}\n`);
  return { dir, generatedMs };
}

async function main() {
  const { values } = parseArgs({
    options: {
      specs: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '1' },
      iterations: { type: 'string', default: '5' },
      regenerate: { type: 'boolean', default: false },
    },
  });
  const specs = Number(values.specs);
  const seed = Number(values.seed);
  const iterations = Math.max(1, Number(values.iterations));
  mkdirSync(work, { recursive: true });
  const esbuild = await import('esbuild');

  const { dir, generatedMs } = await ensureProject(esbuild, specs, seed, values.regenerate);
  const files = listSpecFiles(join(dir, 'specs'));
  const bytes = files.reduce((total, file) => total + statSync(file).size, 0);
  const count = (ext) => files.filter((f) => f.endsWith(ext)).length;

  const cpus = os.cpus();
  console.log('Ossature validation benchmark');
  console.log(
    `  project   ${relative(root, dir)}  ${generatedMs === undefined ? '(reused)' : `(generated in ${ms(generatedMs)})`}`,
  );
  console.log(
    `  files     ${count('.smd')} SMD · ${count('.amd')} AMD · ${count('.vmd')} VMD = ${files.length} files, ${(bytes / MB).toFixed(2)} MB`,
  );
  console.log(
    `  machine   ${os.availableParallelism()} CPU(s) ${cpus[0]?.model.trim() ?? ''}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}-${process.arch}`,
  );
  console.log(`  runs      median of ${iterations} fresh child processes per row (after one warm-up)\n`);

  // (a) our validator, bundled from bench/validate-child.ts.
  const child = join(work, 'validate-child.js');
  let ours;
  let oursInMemory;
  try {
    await bundle(esbuild, 'bench/validate-child.ts', child, 'cjs');
    ours = () => jsonRun(runNode([child, dir]));
    oursInMemory = () => jsonRun(runNode([child, dir, '--in-memory']));
  } catch (error) {
    ours = { failure: `could not bundle bench/validate-child.ts:\n${error.message}` };
    oursInMemory = ours;
  }

  // (b) markdown-it tokenise-only over the same bytes.
  const markdownIt = () =>
    jsonRun(runNode([join(root, 'bench', 'validate-bench.mjs'), '--markdown-it-child', dir]));

  // (c) the real CLI end to end; peak RSS via a preload that reports maxRSS at exit.
  const cli = join(root, 'dist', 'cli.js');
  const preload = join(work, 'rss-preload.cjs');
  const rssFile = join(work, 'cli-rss.txt');
  writeFileSync(
    preload,
    "process.on('exit', () => { require('node:fs').writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)); });\n",
  );
  const cliArgs = ['--require', preload, cli, '-c', join(dir, 'ossature.toml'), 'validate', '--json'];
  const cliRunner = existsSync(cli)
    ? () => {
        rmSync(rssFile, { force: true });
        const run = runNode(cliArgs, { BENCH_RSS_FILE: rssFile });
        let report;
        try {
          report = JSON.parse(run.stdout);
        } catch {
          report = undefined;
        }
        // Exit 1 with a report just means the project has errors; anything else is a failed run.
        if (report === undefined || (run.status !== 0 && run.status !== 1)) {
          const why = report === undefined ? 'no JSON report on stdout' : 'unexpected exit code';
          return {
            failure: `exit ${run.status ?? run.signal}, ${why}\n${tail(`${run.stderr}\n${run.stdout}`)}`,
          };
        }
        return {
          wallMs: run.wallMs,
          exitCode: run.status,
          maxRssKb: existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : Number.NaN,
          summary: report.summary,
          outputBytes: Buffer.byteLength(run.stdout),
        };
      }
    : { failure: 'dist/cli.js not found; run `npm run build` (npm run bench does).' };

  const results = measure(iterations, { ours, oursInMemory, markdownIt, cli: cliRunner });
  ours = results.ours;
  const inMem = results.oursInMemory;
  const md = results.markdownIt;
  const cliRun = results.cli;

  const oursMBs = bytes / MB / (ours.ms / 1000);
  const inMemMBs = bytes / MB / (inMem.ms / 1000);
  const mdMBs = md.bytes / MB / (md.ms / 1000);
  const rows = [
    ['', 'in-process', 'process wall', 'throughput', 'peak RSS'],
    [
      'ours: validateProject (read + parse + validate)',
      ms(ours.ms),
      ms(ours.wallMs),
      mbs(oursMBs),
      rss(ours.maxRssKb),
    ],
    [
      'ours: parse + validate (texts in memory)',
      ms(inMem.ms),
      ms(inMem.wallMs),
      mbs(inMemMBs),
      rss(inMem.maxRssKb),
    ],
    ['markdown-it: md.parse (tokenise only)', ms(md.ms), ms(md.wallMs), mbs(mdMBs), rss(md.maxRssKb)],
    ['CLI: ossature validate --json', '—', ms(cliRun.wallMs), '—', rss(cliRun.maxRssKb)],
  ];
  console.log(table(rows));
  console.log('');

  for (const [label, r] of [
    ['ours', ours],
    ['ours (in memory)', inMem],
    ['markdown-it', md],
    ['CLI', cliRun],
  ]) {
    if (r.failure) console.log(`  ${label} failed: ${r.failure.replace(/\n/g, '\n    ')}\n`);
  }
  if (md.bytes !== undefined && md.bytes !== bytes) {
    console.log(`  note: markdown-it read ${md.bytes} bytes, the project has ${bytes}.`);
  }

  // Like for like: both rows time work on text already in memory, each in a fresh (cold) process.
  const ratio = inMemMBs / mdMBs;
  console.log(
    `  ratio parse+validate / markdown-it tokenise throughput (both on texts in memory): ${Number.isFinite(ratio) ? ratio.toFixed(2) : '—'}  (target ≥ 1.00)`,
  );
  console.log(
    `  end to end (with folder walk and file reads) / markdown-it: ${(oursMBs / mdMBs).toFixed(2)}`,
  );
  if (ours.summary) {
    const s = ours.summary;
    console.log(
      `  validation result: ${s.smd} SMD · ${s.amd} AMD · ${s.vmd} VMD, ${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} info(s)`,
    );
    for (const line of ours.firstErrors ?? []) console.log(`    ${line}`);
  }
  if (cliRun.summary || cliRun.exitCode !== undefined) {
    console.log(
      `  CLI: exit ${cliRun.exitCode}, ${size(cliRun.outputBytes ?? 0)} of JSON${cliRun.summary ? `, ${cliRun.summary.errors} error(s), ${cliRun.summary.warnings} warning(s)` : ''}`,
    );
  }
  const verdict = (value, limit) => (Number.isFinite(value) ? (value < limit ? 'met' : 'NOT met') : 'n/a');
  console.log(
    `  targets: ${specs} specs < 2 s wall: ${verdict(ours.wallMs, 2000)} (ours) / ${verdict(cliRun.wallMs, 2000)} (CLI)` +
      ` · peak RSS < 300 MB: ${verdict(ours.maxRssKb, 300 * 1024)} (ours) / ${verdict(cliRun.maxRssKb, 300 * 1024)} (CLI)` +
      ` · ratio ≥ 1.0: ${Number.isFinite(ratio) ? (ratio >= 1 ? 'met' : 'NOT met') : 'n/a'}`,
  );
}

/** A finished child run as a record: its JSON line plus the wall time, or a failure with the output tail. */
function jsonRun(run) {
  if (run.status !== 0) {
    return {
      failure: `exit ${run.status ?? run.signal}${run.stderr ? `\n${tail(run.stderr)}` : ''}${run.stdout ? `\n${tail(run.stdout, 3)}` : ''}`,
    };
  }
  return { wallMs: run.wallMs, ...lastJsonLine(run.stdout) };
}

/**
 * Per row: one warm-up run (discarded; it also surfaces failures), then `iterations` timed runs, each in
 * a fresh process. Rows take turns run by run, so background load on the machine hits them alike. Numeric
 * fields of the records become medians.
 */
function measure(iterations, runners) {
  const rows = Object.entries(runners).map(([key, run]) =>
    typeof run === 'function' ? { key, run, runs: [] } : { key, failure: run.failure },
  );
  for (let i = 0; i <= iterations; i++) {
    for (const row of rows) {
      if (row.failure) continue;
      const record = row.run();
      if (record.failure) row.failure = record.failure;
      else if (i > 0) row.runs.push(record);
    }
  }
  const out = {};
  for (const row of rows) {
    if (row.failure) {
      out[row.key] = { failure: row.failure };
      continue;
    }
    const merged = { ...row.runs[0] };
    for (const key of Object.keys(merged)) {
      if (typeof merged[key] === 'number') merged[key] = median(row.runs.map((r) => r[key]));
    }
    out[row.key] = merged;
  }
  return out;
}

if (process.argv[2] === '--markdown-it-child') {
  await markdownItChild(process.argv[3]);
} else {
  await main();
}
