import type { Workspace } from '../project/workspace';
import type { WorkspaceValidation } from '../validate/validate-workspace';
import { renderTable, type Terminal } from './terminal';

/** The summary panel and tables of reference §3.5, plus the coverage table when there are VMDs. */
export function renderValidationTables(
  workspace: Workspace,
  result: WorkspaceValidation,
  t: Terminal,
): string {
  const index = workspace.index;
  const { smd, amd, vmd } = result.summary;
  const parts = [t.bold(`Validated ${smd} SMD(s) · ${amd} AMD(s)${vmd ? ` · ${vmd} VMD(s)` : ''}`)];
  if (smd > 0) {
    parts.push(
      renderTable(
        'Specifications (SMD)',
        ['Spec ID', 'Title', 'Status', 'Priority', 'Reqs', 'Depends On'],
        index.smds.map((s) => [
          s.id?.value ?? '?',
          s.title?.value ?? '',
          s.status?.value ?? '',
          s.priority?.value ?? '',
          String(s.requirements.length),
          s.depends.map((d) => d.value).join(', ') || '—',
        ]),
      ),
    );
  }
  if (amd > 0) {
    parts.push(
      renderTable(
        'Architectures (AMD)',
        ['Spec ID', 'Title', 'Status', 'Components', 'Data Models'],
        index.amds.map((a) => [
          a.specId?.value ?? '?',
          a.title?.value ?? '',
          a.status?.value ?? '',
          String(a.components.length),
          String(a.dataModels.length),
        ]),
      ),
    );
  }
  if (vmd > 0) {
    parts.push(
      renderTable(
        'Verifications (VMD)',
        ['Spec ID', 'Status', 'Groups', 'Scenarios', 'Cases'],
        index.vmds.map((v) => [
          v.specId?.value ?? '?',
          v.status?.value ?? 'draft',
          String(v.groups.length),
          String(v.scenarios.length),
          String(v.groups.reduce((n, g) => n + g.cases.length, 0) + v.scenarios.length),
        ]),
      ),
    );
  }
  if (result.coverage) {
    parts.push(
      renderTable(
        'Requirement Coverage',
        ['Spec ID', 'Requirement', 'Covered By', 'Errors'],
        result.coverage.map((e) => [
          e.specId,
          e.requirement.title,
          e.exempt ? 'exempt (.no-verify)' : e.covered ? [...e.groups, ...e.tasks].join(', ') : 'uncovered',
          e.declaredErrorTypes.length ? `${e.coveredErrorTypes.length}/${e.declaredErrorTypes.length}` : '—',
        ]),
      ),
    );
  }
  return parts.join('\n\n');
}
