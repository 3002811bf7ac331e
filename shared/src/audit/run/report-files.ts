import { existsSync } from 'node:fs';
import type { CrossSpecAuditReport, SpecAuditReport } from '../../llm';
import { buildAuditFindings, writeAuditFindings } from '../audit-findings';
import { writeAuditReport } from '../audit-report';
import type { RunContext } from './context';
import { specAuditInput } from './spec-audit';

/**
 * Step 8 of the run (reference §4.6): `audit-report.md`, and `audit-findings.json` with the file and line of
 * every finding for the editor. Written when something was audited this run, or when a file is missing.
 */
export function writeReportFiles(
  ctx: RunContext,
  specReports: ReadonlyArray<readonly [string, SpecAuditReport]>,
  cross: CrossSpecAuditReport | undefined,
  stale: boolean,
): void {
  const { project } = ctx;
  const missing = !existsSync(project.paths.report) || !existsSync(project.paths.findings);
  if (!stale && !missing) return;
  const { config } = project;
  writeAuditReport(project.paths.report, {
    name: config.project.name,
    version: config.project.version,
    date: ctx.date,
    specReports,
    ...(cross ? { crossSpec: cross } : {}),
  });
  writeAuditFindings(
    project.paths.ossature,
    buildAuditFindings({
      root: project.root,
      date: ctx.date,
      specs: specReports.map(([specId, report]) => ({
        specId,
        report,
        files: specAuditInput(project, specId).files,
      })),
      ...(cross ? { crossSpec: cross } : {}),
      smdById: new Map(project.specOrder.map((id) => [id, project.fileText(project.smd(id).file)])),
    }),
  );
}
