import { relative, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { Terminal } from './terminal';

function displayPath(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return (rel.startsWith('..') ? file : rel).split(sep).join('/');
}

/** `path:line:col: error OSS123: message`, 1-based, path relative to the working directory. */
export function formatDiagnostic(d: Diagnostic, cwd: string, t: Terminal): string {
  const where = `${displayPath(cwd, d.file)}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
  const label =
    d.severity === 'error' ? t.red('error') : d.severity === 'warning' ? t.yellow('warning') : t.cyan('info');
  const lines = [`${t.bold(where)}: ${label} ${t.dim(d.code)}: ${d.message}`];
  for (const r of d.related) {
    lines.push(
      `  ${displayPath(cwd, r.file)}:${r.range.start.line + 1}:${r.range.start.character + 1}: note: ${r.message}`,
    );
  }
  return lines.join('\n');
}

export function countLabel(n: number, word: string, plural = `${word}s`): string {
  return `${n} ${n === 1 ? word : plural}`;
}
