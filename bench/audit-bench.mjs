#!/usr/bin/env node
// Audit benchmark: tokens, prompt-cache use and cost of `ossature audit` on a synthetic 5-spec project,
// against the scripted Messages-API server (test/support) over real HTTP, with the CLI users run
// (dist/cli.js; run `npm run build` first). Prints figures; never asserts.
//
//   node bench/audit-bench.mjs [--specs 5] [--seed 1] [--min-cache-tokens 1024]
//
// The server reports usage the way the API does: tokens are counted as characters / 4 over the request
// (tools, system, messages); the prefix up to a cache_control breakpoint is written to the cache when it
// reaches the model's minimum cacheable length (1,024 tokens for Claude Sonnet) and read back by later
// requests that share it (including, as the API does, at block boundaries up to 20 blocks before a
// breakpoint). Output tokens are the reply's characters / 4.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadSupport as loadSupportFrom } from './bundle-support.mjs';

const root = resolve(import.meta.dirname, '..');
const work = join(root, 'bench', '.work');
const CLI = join(root, 'dist', 'cli.js');
const KEY = 'sk-ant-bench-not-a-real-key';
const MODEL = 'claude-sonnet-4-6';
const LOOKBACK_BLOCKS = 20;

const SUPPORT = `
export { generateProject } from './bench/generate-project.ts';
export { startScriptedServer } from './test/support/scripted-messages-server.ts';
export { callKind, planFor, serveModel, specOf, userText } from './test/support/audit-run/scripted-model.ts';
export { reply } from './test/support/scripted-replies.ts';
export { costOf } from './shared/src/llm/prices.ts';
export { cachedInputShare, formatCost, formatTokens } from './shared/src/llm/usage.ts';
`;

async function loadSupport() {
  return loadSupportFrom(SUPPORT, join(work, 'audit-bench-support.mjs'));
}

// ---------------------------------------------------------------- the prompt cache, as the API keeps it

const tokensOf = (text) => Math.ceil(text.length / 4);
const strip = ({ cache_control, ...rest }) => rest;

/** The request as a list of blocks (tools, system, then messages), each with its breakpoint flag. */
function blocksOf(body) {
  const blocks = [{ text: `model:${body.model}`, breakpoint: false }];
  for (const tool of body.tools ?? [])
    blocks.push({ text: JSON.stringify(strip(tool)), breakpoint: !!tool.cache_control });
  const system =
    typeof body.system === 'string' ? [{ type: 'text', text: body.system }] : (body.system ?? []);
  for (const block of system)
    blocks.push({ text: JSON.stringify(strip(block)), breakpoint: !!block.cache_control });
  for (const message of body.messages ?? []) {
    const content =
      typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
    blocks.push({ text: `role:${message.role}`, breakpoint: false });
    for (const block of content)
      blocks.push({ text: JSON.stringify(strip(block)), breakpoint: !!block.cache_control });
  }
  return blocks;
}

function createCache(minTokens) {
  const written = new Set();
  return {
    /** Usage of one request; writes the request's breakpoint prefixes. */
    usage(body) {
      const blocks = blocksOf(body);
      const hash = createHash('sha256');
      let tokens = 0;
      const boundaries = blocks.map((block, i) => {
        hash.update(block.text);
        if (i > 0) tokens += tokensOf(block.text); // the model name is part of the cache key, not input
        return { key: hash.copy().digest('hex'), tokens, breakpoint: block.breakpoint };
      });
      const total = tokens;
      const marks = boundaries.map((b, i) => ({ ...b, i })).filter((b) => b.breakpoint);
      let read = 0;
      for (const mark of marks) {
        for (let j = mark.i; j >= Math.max(0, mark.i - LOOKBACK_BLOCKS); j--) {
          if (written.has(boundaries[j].key)) {
            read = Math.max(read, boundaries[j].tokens);
            break;
          }
        }
      }
      const cacheable = marks.filter((m) => m.tokens >= minTokens);
      const last = cacheable.length > 0 ? cacheable.at(-1).tokens : 0;
      for (const mark of cacheable) written.add(mark.key);
      const cacheRead = read >= minTokens ? Math.min(read, total) : 0;
      const cacheWrite = Math.max(0, Math.min(last, total) - cacheRead);
      return {
        input_tokens: total - cacheRead - cacheWrite,
        cache_read_input_tokens: cacheRead,
        cache_creation_input_tokens: cacheWrite,
        longestPrefix: marks.length > 0 ? Math.min(marks.at(-1).tokens, total) : 0,
      };
    },
  };
}

// ---------------------------------------------------------------- realistic answers

const words = (n, seed) =>
  Array.from(
    { length: n },
    (_, i) => ['spec', 'module', 'value', 'error', 'record', 'input', 'returns', 'the'][(i * 7 + seed) % 8],
  ).join(' ');

function script(s) {
  const finding = (severity, n) => ({
    severity,
    location: `Requirements, L${20 + n}`,
    issue: `${words(35, n)}.`,
    suggestion: `${words(30, n + 1)}.`,
  });
  let firstSpec;
  return (request, kind) => {
    const text = s.userText(request.body);
    const spec = s.specOf(request);
    switch (kind) {
      case 'spec-audit': {
        firstSpec ??= spec;
        const fixed = text.includes('BENCH-CLARIFIED');
        const error = spec === firstSpec && !fixed ? [finding('error', 0)] : [];
        return s.reply.toolUse('SpecAuditReport', {
          findings: [...error, finding('warning', 1), finding('info', 2)],
        });
      }
      case 'cross-spec-audit':
        return s.reply.toolUse('CrossSpecAuditReport', {
          findings: [
            { severity: 'warning', specs: [spec ?? 'A', 'B'], issue: words(40, 3), suggestion: words(30, 4) },
          ],
        });
      case 'fixer': {
        const turn = (request.body.messages.length - 1) / 2;
        const path = /`([^`]+\.smd)`/.exec(text)?.[1];
        if (turn === 0) return s.reply.toolUse('grep_file', { path, pattern: '^## Overview' });
        if (turn === 1)
          return s.reply.toolUse('edit_file', {
            path,
            edits: [{ old: '## Overview\n\n', new: '## Overview\n\nBENCH-CLARIFIED. ' }],
          });
        return s.reply.text('Clarified the overview.');
      }
      case 'project-brief':
        return s.reply.text(words(180, 5));
      case 'spec-brief':
        return s.reply.text(words(70, 6));
      case 'interface':
        return s.reply.text(
          `## Functions\n\n\`\`\`python\n${Array.from({ length: 8 }, (_, i) => `def op_${i}(value: str) -> dict: ...`).join('\n')}\n\`\`\`\n\n${words(150, 7)}`,
        );
      case 'planner': {
        const plan = s.planFor(request, 'py');
        for (const task of plan.tasks)
          if (task.kind === 'task') task.description = `${task.description} ${words(60, 8)}`;
        return s.reply.toolUse('SpecTaskPlan', plan);
      }
      default:
        return undefined;
    }
  };
}

// ---------------------------------------------------------------- running and reporting

function runCli(cwd, env) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, 'audit', '--errors-ok'], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolvePromise({ status, stdout, stderr }));
  });
}

function summarize(s, calls) {
  const sum = (list, key) => list.reduce((n, c) => n + c.usage[key], 0);
  const tokens = (list) => ({
    input: sum(list, 'input_tokens'),
    output: sum(list, 'output_tokens'),
    cacheRead: sum(list, 'cache_read_input_tokens'),
    cacheWrite: sum(list, 'cache_creation_input_tokens'),
  });
  const all = tokens(calls);
  const afterFirst = tokens(calls.slice(1));
  const seen = new Set();
  const laterPerPrompt = calls.filter((c) => {
    if (seen.has(c.prompt)) return true;
    seen.add(c.prompt);
    return false;
  });
  return {
    all,
    cost: s.costOf('anthropic', MODEL, all),
    shareAfterFirst: s.cachedInputShare(afterFirst),
    sharePerPrompt: s.cachedInputShare(tokens(laterPerPrompt)),
    byKind: [...new Set(calls.map((c) => c.kind))].map((kind) => {
      const list = calls.filter((c) => c.kind === kind);
      return { kind, calls: list.length, ...tokens(list), prefix: Math.max(...list.map((c) => c.prefix)) };
    }),
  };
}

function printRun(s, label, run, calls, ms, minTokens) {
  const f = s.formatTokens;
  console.log(
    `\n${label}: exit ${run.status}, ${calls.length} model request(s), ${(ms / 1000).toFixed(1)} s`,
  );
  const usageLine = run.stdout.split('\n').find((l) => l.startsWith('LLM usage'));
  if (usageLine) console.log(`  CLI says: ${usageLine}`);
  if (calls.length === 0) return;
  const r = summarize(s, calls);
  const rows = [['call', 'n', 'input', 'cache write', 'cache read', 'output', 'cached prefix']];
  for (const k of r.byKind)
    rows.push([
      k.kind,
      k.calls,
      f(k.input),
      f(k.cacheWrite),
      f(k.cacheRead),
      f(k.output),
      `${f(k.prefix)}${k.prefix < minTokens ? ' (below minimum)' : ''}`,
    ]);
  rows.push([
    'total',
    calls.length,
    f(r.all.input),
    f(r.all.cacheWrite),
    f(r.all.cacheRead),
    f(r.all.output),
    '',
  ]);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => String(row[c]).length)));
  for (const row of rows)
    console.log(
      `  ${row.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  ')}`,
    );
  const all = r.all.input + r.all.cacheRead + r.all.cacheWrite;
  console.log(
    `  tokens: ${f(all)} in (${f(r.all.cacheRead)} read from cache, ${f(r.all.cacheWrite)} written), ${f(r.all.output)} out; cost ${s.formatCost(r.cost)} at ${MODEL} prices`,
  );
  console.log(
    `  share of input tokens served from the cached prefix after the first call: ${(r.shareAfterFirst * 100).toFixed(1)}% (target ≥ 50%)`,
  );
  console.log(
    `  same, leaving out the first call of each system prompt (its cache write): ${(r.sharePerPrompt * 100).toFixed(1)}%`,
  );
  const below = r.byKind.filter((k) => k.prefix < minTokens).map((k) => k.kind);
  if (below.length > 0)
    console.log(
      `  note: the cacheable prefix (tools + system prompt) of ${below.join(', ')} is under ${minTokens} tokens, so at real thresholds those calls are not cached at all.`,
    );
}

async function main() {
  const { values } = parseArgs({
    options: {
      specs: { type: 'string', default: '5' },
      seed: { type: 'string', default: '1' },
      'min-cache-tokens': { type: 'string', default: '1024' },
    },
  });
  if (!existsSync(CLI)) {
    console.error('dist/cli.js is missing: run `npm run build` first.');
    process.exit(1);
  }
  const specs = Number(values.specs);
  const minTokens = Number(values['min-cache-tokens']);
  const s = await loadSupport();
  const dir = join(work, `audit-${specs}-s${values.seed}`);
  rmSync(dir, { recursive: true, force: true });
  const project = s.generateProject(dir, { specs, seed: Number(values.seed), name: `audit-bench-${specs}` });
  console.log(
    `Audit benchmark: ${specs} specs (${project.files.length} spec files, ${(project.bytes / 1000).toFixed(1)} kB), scripted server, ${MODEL} prices`,
  );
  console.log(`Tokens = characters / 4; minimum cacheable prefix ${minTokens} tokens (Claude Sonnet's).`);

  const server = await s.startScriptedServer({ expectedKey: KEY });
  const cache = createCache(minTokens);
  const calls = [];
  const model = s.serveModel(server, {
    extension: 'py',
    override: script(s),
    usage: (request, content) => {
      const { longestPrefix, ...usage } = cache.usage(request.body);
      const output = content.reduce(
        (n, b) => n + tokensOf(b.type === 'text' ? b.text : JSON.stringify(b.input ?? {})),
        0,
      );
      const full = { ...usage, output_tokens: output };
      const system = JSON.stringify(request.body.system);
      calls.push({
        kind: s.callKind(request),
        prompt: createHash('sha256').update(system).digest('hex'),
        usage: full,
        prefix: longestPrefix,
      });
      return full;
    },
  });
  const env = { ANTHROPIC_BASE_URL: server.url, ANTHROPIC_API_KEY: KEY };
  try {
    let start = performance.now();
    const first = await runCli(dir, env);
    printRun(s, 'First audit', first, calls.splice(0), performance.now() - start, minTokens);

    start = performance.now();
    const second = await runCli(dir, env);
    printRun(
      s,
      'Second audit, nothing changed',
      second,
      calls.splice(0),
      performance.now() - start,
      minTokens,
    );

    const last = project.specs.at(-1);
    const file = join(dir, last.smd);
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('## Constraints\n\n', '## Constraints\n\n- Every call is logged.\n'),
    );
    start = performance.now();
    const third = await runCli(dir, env);
    printRun(
      s,
      `Audit after editing ${last.id}`,
      third,
      calls.splice(0),
      performance.now() - start,
      minTokens,
    );
    if ([first, second, third].some((r) => r.status !== 0))
      console.log(`\nA run failed:\n${first.stderr}${second.stderr}${third.stderr}`);
    console.log(`\n(${model.calls.length} requests served in all; project in ${dir})`);
  } finally {
    await server.close();
  }
}

await main();
