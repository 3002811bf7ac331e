import { type AuditFinding, type SpecAuditReport, specAuditReportSchema } from '../../llm';
import { render } from '../../prompts';
import { buildSpecAuditInput, type SpecAuditInput } from '../numbered-input';
import { readResponse, writePrompt, writeResponse } from './artifacts';
import { type RunContext, signalOf } from './context';
import { inStep } from './errors';
import { countFindings, type FindingRow } from './events';
import { auditWithFixes } from './fix-cycle';
import type { AuditProject } from './project';
import { runSpecFixer } from './spec-fixer';

/**
 * The per-spec audit (reference §4.2): the spec's files, L-numbered, to the `audit` role with
 * `audit.spec_audit`; the answer is a SpecAuditReport. The prompt is saved as `audits/<ID>/prompt.md`
 * and the report as `response.json` after every audit of the fix cycle, so they always match.
 */

/** The spec's audit input from the files as they are now (after any fix). */
export function specAuditInput(project: AuditProject, id: string): SpecAuditInput {
  return buildSpecAuditInput(
    project.fileText(project.smd(id).file),
    project.amds(id).map((amd) => project.fileText(amd.file)),
    project.vmds(id).map((vmd) => project.fileText(vmd.file)),
  );
}

export function specAuditSystemPrompt(project: AuditProject): string {
  return render('audit.spec_audit', { language: project.config.output.language });
}

/** The cached report of a spec, if it is there and valid. */
export function cachedSpecReport(project: AuditProject, id: string): SpecAuditReport | undefined {
  return readResponse(project.paths.auditDir(id), specAuditReportSchema);
}

/** One audit call: saves the prompt, asks, saves the report. */
async function auditOnce(ctx: RunContext, id: string, system: string): Promise<SpecAuditReport> {
  const dir = ctx.project.paths.auditDir(id);
  const input = specAuditInput(ctx.project, id);
  writePrompt(dir, input.text);
  const { value } = await ctx.client.callStructured('audit', {
    system,
    user: input.text,
    schema: specAuditReportSchema,
    name: 'SpecAuditReport',
    description: 'Return the audit of the specification: every finding, or an empty list.',
    labels: { spec: id, operation: 'spec-audit' },
    ...signalOf(ctx),
  });
  writeResponse(dir, value);
  return value;
}

export function specFindingRows(report: SpecAuditReport): FindingRow[] {
  return report.findings.map((f) => ({
    severity: f.severity,
    where: f.location,
    issue: f.issue,
    suggestion: f.suggestion,
  }));
}

export interface SpecAuditOutcome {
  report: SpecAuditReport;
  /** Files the fixer changed and kept. */
  edited: string[];
}

/** Audits one spec with fix cycles (`[audit] max_fix_cycles`). */
export async function auditSpec(ctx: RunContext, id: string): Promise<SpecAuditOutcome> {
  const system = specAuditSystemPrompt(ctx.project);
  const result = await auditWithFixes<AuditFinding, SpecAuditReport>({
    scope: id,
    mode: ctx.fixMode,
    maxCycles: ctx.project.config.audit.max_fix_cycles,
    audit: (cycle) =>
      inStep(`${cycle === 0 ? 'Spec audit' : 'Re-audit'} of ${id}`, ctx.signal, () =>
        auditOnce(ctx, id, system),
      ),
    fix: (findings) =>
      inStep(`Fixing ${id}`, ctx.signal, () =>
        runSpecFixer(
          ctx,
          id,
          findings.map((finding) => ({ finding, files: ctx.project.editableFiles(id) })),
        ),
      ),
    show: (findings) => ctx.emit({ type: 'findings', scope: id, findings: specFindingRows({ findings }) }),
    ...(ctx.ask ? { ask: ctx.ask } : {}),
    emit: ctx.emit,
  });
  ctx.emit({ type: 'findings', scope: id, findings: specFindingRows(result.report) });
  return { report: result.report, edited: result.edited };
}

/** Loads a cached report and says so ("(cached)"). */
export function loadCachedSpec(ctx: RunContext, id: string): SpecAuditReport | undefined {
  const report = cachedSpecReport(ctx.project, id);
  if (report) {
    ctx.emit({ type: 'report', scope: id, counts: countFindings(report.findings), cycle: 0, cached: true });
  }
  return report;
}
