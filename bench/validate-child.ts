// Benchmark child: validates one project with the same bundled code users run, then prints one JSON line.
// Bundled by bench/validate-bench.mjs into bench/.work/validate-child.js; run as
// `node bench/.work/validate-child.js <project dir> [--in-memory]`.
//
// Default: `validateProject` end to end (config, folder walk, file reads, parse, every check).
// --in-memory: the spec texts are read first, untimed; the timed part is parse + validate alone, the same
// work markdown-it's row times (tokenising text already in memory).
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ValidationResult } from '../shared/src/project/project-api';
import { listSpecFiles, Workspace } from '../shared/src/project/workspace';
import { validateProject } from '../shared/src/validate/validate-project';
import { validateWorkspace } from '../shared/src/validate/validate-workspace';

async function endToEnd(dir: string): Promise<{ ms: number; result: ValidationResult }> {
  const start = performance.now();
  const result = await validateProject({ configPath: join(dir, 'ossature.toml') });
  return { ms: performance.now() - start, result };
}

function inMemory(dir: string): { ms: number; result: ValidationResult } {
  const configFile = join(dir, 'ossature.toml');
  const configText = readFileSync(configFile, 'utf8');
  const texts = listSpecFiles(join(dir, 'specs')).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  const start = performance.now();
  const workspace = new Workspace(configFile, configText);
  for (const { file, text } of texts) workspace.setFile(file, text);
  const result = validateWorkspace(workspace);
  return { ms: performance.now() - start, result };
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: validate-child.js <project dir> [--in-memory]');
  const { ms, result } = process.argv.includes('--in-memory') ? inMemory(dir) : await endToEnd(dir);
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
