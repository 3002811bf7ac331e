// Benchmark child: validates one project with the same bundled code users run, then prints one JSON line.
// Bundled by bench/validate-bench.mjs into bench/.work/validate-child.js; run as
// `node bench/.work/validate-child.js <project dir>`.
import { join, relative } from 'node:path';
import { validateProject } from '../shared/src/validate/validate-project';

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: validate-child.js <project dir>');
  const start = performance.now();
  const result = await validateProject({ configPath: join(dir, 'ossature.toml') });
  const ms = performance.now() - start;
  const usage = process.resourceUsage();
  const firstErrors = result.diagnostics
    .filter((d) => d.severity === 'error')
    .slice(0, 5)
    .map((d) => `${relative(dir, d.file)}:${d.range.start.line + 1}: ${d.code} ${d.message}`);
  process.stdout.write(
    `${JSON.stringify({
      ms,
      uptimeMs: process.uptime() * 1000,
      maxRssKb: usage.maxRSS,
      summary: result.summary,
      diagnostics: result.diagnostics.length,
      firstErrors,
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
