import { type CrossSpecAuditReport, type CrossSpecFinding, crossSpecAuditReportSchema } from '../../llm';
import { CROSS_SPEC_DIR } from '../../project/project-paths';
import { render } from '../../prompts';
import { buildCrossSpecInput } from '../cross-spec-input';
import { readResponse, writePrompt, writeResponse } from './artifacts';
import { type RunContext, signalOf } from './context';
import { inStep } from './errors';
import { countFindings, type FindingRow } from './events';
import { auditWithFixes } from './fix-cycle';
import type { AuditProject } from './project';
import { runSpecFixer } from './spec-fixer';

/**
 * The cross-spec audit (reference §4.3): run when the project has more than one SMD. The dependency graph
 * and a summary of every spec go to the `audit` role with `audit.cross_spec_audit`; findings name the
 * specs involved, and the fixer may edit those specs' files. Saved under `audits/cross-spec/`.
 */

export function crossSpecUserPrompt(project: AuditProject): string {
  return buildCrossSpecInput(
    project.specOrder.map((id) => ({ smd: project.smd(id), amds: project.amds(id) })),
  );
}

export function crossSpecSystemPrompt(project: AuditProject): string {
  return render('audit.cross_spec_audit', { language: project.config.output.language });
}

export function cachedCrossSpecReport(project: AuditProject): CrossSpecAuditReport | undefined {
  return readResponse(project.paths.auditDir(CROSS_SPEC_DIR), crossSpecAuditReportSchema);
}

export function crossSpecRows(report: CrossSpecAuditReport): FindingRow[] {
  return report.findings.map((f) => ({
    severity: f.severity,
    where: f.specs.join('-'),
    issue: f.issue,
    suggestion: f.suggestion,
  }));
}

async function crossAuditOnce(ctx: RunContext, system: string): Promise<CrossSpecAuditReport> {
  const dir = ctx.project.paths.auditDir(CROSS_SPEC_DIR);
  const user = crossSpecUserPrompt(ctx.project);
  writePrompt(dir, user);
  const { value } = await ctx.client.callStructured('audit', {
    system,
    user,
    schema: crossSpecAuditReportSchema,
    name: 'CrossSpecAuditReport',
    description: 'Return the cross-spec audit: every inconsistency between the specs, or an empty list.',
    labels: { spec: CROSS_SPEC_DIR, operation: 'cross-spec-audit' },
    ...signalOf(ctx),
  });
  writeResponse(dir, value);
  return value;
}

/** The files a cross-spec finding may touch: the SMDs and AMDs of the specs it names that exist. */
function filesFor(project: AuditProject, specs: readonly string[]): string[] {
  return specs.filter((id) => project.specOrder.includes(id)).flatMap((id) => project.editableFiles(id));
}

/** Runs the cross-spec audit with fix cycles. */
export async function auditCrossSpec(
  ctx: RunContext,
): Promise<{ report: CrossSpecAuditReport; edited: string[] }> {
  const system = crossSpecSystemPrompt(ctx.project);
  const result = await auditWithFixes<CrossSpecFinding, CrossSpecAuditReport>({
    scope: CROSS_SPEC_DIR,
    mode: ctx.fixMode,
    maxCycles: ctx.project.config.audit.max_fix_cycles,
    audit: (cycle) =>
      inStep(cycle === 0 ? 'Cross-spec audit' : 'Cross-spec re-audit', ctx.signal, () =>
        crossAuditOnce(ctx, system),
      ),
    fix: (findings) =>
      inStep('Fixing cross-spec findings', ctx.signal, () =>
        runSpecFixer(
          ctx,
          CROSS_SPEC_DIR,
          findings
            .map((finding) => ({ finding, files: filesFor(ctx.project, finding.specs) }))
            .filter((item) => item.files.length > 0),
        ),
      ),
    show: (findings) =>
      ctx.emit({ type: 'findings', scope: CROSS_SPEC_DIR, findings: crossSpecRows({ findings }) }),
    ...(ctx.ask ? { ask: ctx.ask } : {}),
    emit: ctx.emit,
  });
  ctx.emit({ type: 'findings', scope: CROSS_SPEC_DIR, findings: crossSpecRows(result.report) });
  return result;
}

export function loadCachedCrossSpec(ctx: RunContext): CrossSpecAuditReport | undefined {
  const report = cachedCrossSpecReport(ctx.project);
  if (report) {
    ctx.emit({
      type: 'report',
      scope: CROSS_SPEC_DIR,
      counts: countFindings(report.findings),
      cycle: 0,
      cached: true,
    });
  }
  return report;
}
