import { relative } from 'node:path';
import { toValidateReport } from '../../model/validate-report';
import { Workspace } from '../../project/workspace';
import { applySafeFixes } from '../../validate/apply-fixes';
import { validateWorkspace, type WorkspaceValidation } from '../../validate/validate-workspace';
import { type CliContext, configFileFor, EXIT } from '../context';
import { countLabel, formatDiagnostic } from '../format-diagnostics';
import { renderValidationTables } from '../validation-tables';

/**
 * `ossature validate [--json] [--fix]`: every problem of every file at once, then the summary tables.
 * `--fix` first applies the fixes that are safe to apply unasked (see SAFE_FIX_CODES).
 */
export function runValidate(ctx: CliContext, options: { json?: boolean; fix?: boolean }): number {
  const configFile = configFileFor(ctx);
  let workspace = Workspace.load(configFile);
  let result = validateWorkspace(workspace);
  const t = ctx.terminal;
  if (options.fix) {
    const applied = applySafeFixes(result.diagnostics);
    if (applied.count > 0) {
      const names = applied.files.map((f) => relative(ctx.cwd, f) || f).join(', ');
      (options.json ? t.err : t.out)(`Applied ${countLabel(applied.count, 'fix', 'fixes')} in ${names}.`);
      workspace = Workspace.load(configFile);
      result = validateWorkspace(workspace);
    }
  }
  if (options.json) {
    t.out(JSON.stringify(toValidateReport(result), null, 2));
  } else {
    if (ctx.verbose) printPerFile(ctx, workspace, result);
    for (const d of result.diagnostics) t.out(formatDiagnostic(d, ctx.cwd, t));
    if (result.diagnostics.length > 0) t.out('');
    t.out(renderValidationTables(workspace, result, t));
    t.out('');
    const { errors, warnings } = result.summary;
    if (errors === 0) {
      t.out(t.green(`✓ All checks passed${warnings ? ` (${countLabel(warnings, 'warning')})` : ''}`));
    } else {
      t.out(t.red(`✗ ${countLabel(errors, 'error')}, ${countLabel(warnings, 'warning')}`));
    }
  }
  if (workspace.config.hasErrors) return EXIT.usage;
  return result.summary.errors > 0 ? EXIT.errors : EXIT.ok;
}

function printPerFile(ctx: CliContext, workspace: Workspace, result: WorkspaceValidation): void {
  const t = ctx.terminal;
  const byFile = new Map<string, number>();
  for (const d of result.diagnostics)
    if (d.severity === 'error') byFile.set(d.file, (byFile.get(d.file) ?? 0) + 1);
  for (const f of workspace.files()) {
    const n = byFile.get(f.file) ?? 0;
    const name = f.file.slice(workspace.root.length + 1);
    t.out(n === 0 ? `  ${t.green('✓')} ${name}` : `  ${t.red('x')} ${name} - ${countLabel(n, 'error')}`);
  }
  t.out('');
}
