import { readFileSync } from 'node:fs';
import { type LlmClient, RequestLimitError, ToolRetriesExhaustedError } from '../../llm';
import { parseAmd } from '../../parse/amd';
import { parseSmd } from '../../parse/smd';
import { render } from '../../prompts';
import { writeFileAtomicSync } from '../../store/atomic-write';
import type { AuditFinding, CrossSpecFinding } from '../types';
import { AuditInterrupted, isInterruption } from './errors';
import type { AuditEventListener } from './events';
import { fixerTools } from './fixer-tools';
import { type AuditProject, specErrorKeys } from './project';

/**
 * The spec fixer (reference §4.2): one tool-using agent run per finding, with the finding's files backed up
 * first. After the run every edited file must still parse as before (no new parse error, same spec id) or
 * all of that run's files are restored; any exception (a failed request, Ctrl-C) restores them too before
 * it propagates. A run in which the model cannot work the tools (tool retries or the request limit used
 * up) skips that finding. Edited files are re-parsed into the project so later steps see the fixed text,
 * and an edit that breaks the project as a whole (a cross-file check) is undone as well.
 */

export interface FixItem {
  finding: AuditFinding | CrossSpecFinding;
  /** Absolute paths the fixer may edit for this finding. */
  files: string[];
}

export interface FixerDeps {
  client: LlmClient;
  project: AuditProject;
  emit: AuditEventListener;
  signal?: AbortSignal;
}

/** The fixer's user prompt for one finding. */
export function fixerUserPrompt(item: FixItem, project: AuditProject): string {
  const f = item.finding;
  const lines = [
    'Resolve this audit finding.',
    '',
    '## Finding',
    '',
    `- Severity: ${f.severity.toUpperCase()}`,
  ];
  if ('location' in f) lines.push(`- Location: ${f.location}`);
  else lines.push(`- Specs: ${f.specs.join(', ')}`);
  lines.push(`- Issue: ${f.issue}`, `- Suggestion: ${f.suggestion}`, '', '## Files you may edit', '');
  for (const file of item.files) {
    const kind = file.endsWith('.amd') ? 'architecture' : 'specification';
    lines.push(`- \`${project.specRelative(file)}\` (${kind})`);
  }
  lines.push(
    '',
    'Line numbers in the finding count from 1 in the file the location names; earlier fixes may have moved them.',
  );
  return lines.join('\n');
}

/** Why an edited file is not acceptable, or undefined when it parses as well as before. */
export function brokenBy(file: string, before: string, after: string): string | undefined {
  const parse = (text: string) => {
    if (file.endsWith('.amd')) {
      const { spec, diagnostics } = parseAmd(text, file);
      return { id: spec.specId?.value, diagnostics };
    }
    const { spec, diagnostics } = parseSmd(text, file);
    return { id: spec.id?.value, diagnostics };
  };
  const old = parse(before);
  const now = parse(after);
  if (old.id !== now.id) return `it changed the spec id from ${old.id ?? '(none)'} to ${now.id ?? '(none)'}`;
  const known = new Set(old.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code));
  const fresh = now.diagnostics.find((d) => d.severity === 'error' && !known.has(d.code));
  return fresh ? `it no longer parses (${fresh.code}: ${fresh.message})` : undefined;
}

function restore(backups: ReadonlyMap<string, string>, files: readonly string[]): void {
  for (const file of files) {
    const text = backups.get(file);
    if (text !== undefined) writeFileAtomicSync(file, text);
  }
}

/**
 * Runs the fixer for each item in order; returns the files that were changed and kept (absolute, each
 * once). `scope` labels usage and messages (a spec id, or `cross-spec`).
 */
export async function runSpecFixer(
  deps: FixerDeps,
  scope: string,
  items: readonly FixItem[],
): Promise<string[]> {
  const { client, project, emit, signal } = deps;
  const system = render('audit.spec_fixer');
  const kept: string[] = [];
  for (const [n, item] of items.entries()) {
    signal?.throwIfAborted();
    const backups = new Map(item.files.map((file) => [file, readFileSync(file, 'utf8')]));
    const edited: string[] = [];
    const label = `${scope} finding ${n + 1}/${items.length}`;
    emit({ type: 'log', level: 'detail', message: `Fixing ${label}: ${item.finding.issue}` });
    try {
      await client.runAgent({
        role: 'fixer',
        system,
        user: fixerUserPrompt(item, project),
        tools: fixerTools({ specDir: project.paths.specDir, editable: new Set(item.files), edited }),
        labels: { spec: scope, operation: 'spec-fix' },
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      restore(backups, edited);
      if (isInterruption(error, signal)) throw new AuditInterrupted();
      if (!(error instanceof ToolRetriesExhaustedError || error instanceof RequestLimitError)) throw error;
      // The model could not work the tools for this finding: skip it, the others may still be fixed.
      emit({
        type: 'log',
        level: 'warn',
        message: `${scope}: could not fix "${item.finding.issue}" (${error.message.split('\n', 1)[0]}); the files were left as they were.`,
      });
      continue;
    }
    const changed = edited.filter((file) => readFileSync(file, 'utf8') !== backups.get(file));
    const problems = changed.flatMap((file) => {
      const why = brokenBy(file, backups.get(file) ?? '', readFileSync(file, 'utf8'));
      return why ? [`${project.specRelative(file)}: ${why}`] : [];
    });
    if (problems.length > 0) {
      restore(backups, edited);
      emit({
        type: 'log',
        level: 'warn',
        message: `${scope}: the fix for "${item.finding.issue}" was undone because ${problems.join('; ')}.`,
      });
      continue;
    }
    const before = specErrorKeys(project.workspace);
    for (const file of changed) project.reload(file, readFileSync(file, 'utf8'));
    const introduced = [...specErrorKeys(project.workspace)].filter((key) => !before.has(key));
    if (introduced.length > 0) {
      restore(backups, changed);
      for (const file of changed) project.reload(file, backups.get(file) ?? '');
      const [code, file, message] = introduced[0]!.split('\u0000');
      emit({
        type: 'log',
        level: 'warn',
        message: `${scope}: the fix for "${item.finding.issue}" was undone because it breaks the project (${code} in ${project.specRelative(file ?? '')}: ${message}).`,
      });
      continue;
    }
    for (const file of changed) if (!kept.includes(file)) kept.push(file);
    if (changed.length > 0) {
      emit({
        type: 'log',
        level: 'info',
        message: `${scope}: edited ${changed.map((f) => project.specRelative(f)).join(', ')}`,
      });
    }
  }
  return kept;
}
