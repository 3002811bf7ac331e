import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  buildAuditFindings,
  renderAuditFindings,
  writeAuditFindings,
} from '../../shared/src/audit/audit-findings';
import {
  findingsForTable,
  renderAuditReport,
  severityCounts,
  writeAuditReport,
} from '../../shared/src/audit/audit-report';
import { buildSpecAuditInput } from '../../shared/src/audit/numbered-input';
import type { CrossSpecAuditReport, SpecAuditReport } from '../../shared/src/audit/types';
import { auditFindingsFileSchema } from '../../shared/src/model/audit-findings';
import { loadCorpusProject } from '../support/audit/corpus-project';

const reportDate = (text: string) => new Date(/\*\*Date:\*\* (\S+)/.exec(text)![1]!);

for (const name of ['spenny', 'markman'] as const) {
  test(`${name}: audit-report.md from the stored reports equals the original byte for byte`, () => {
    const project = loadCorpusProject(name);
    const expected = project.read('audit-report.md');
    const specReports = project.specOrder.map(
      (id) => [id, JSON.parse(project.read('audits', id, 'response.json')) as SpecAuditReport] as const,
    );
    const crossSpec =
      project.specOrder.length > 1
        ? (JSON.parse(project.read('audits', 'cross-spec', 'response.json')) as CrossSpecAuditReport)
        : undefined;
    const { name: projectName, version } = project.workspace.config.config.project;
    const text = renderAuditReport({
      name: projectName,
      version,
      date: reportDate(expected),
      specReports,
      ...(crossSpec ? { crossSpec } : {}),
    });
    assert.equal(text, expected);
  });
}

test('empty reports say so; the file is written atomically', () => {
  const text = renderAuditReport({
    name: 'p',
    version: '1',
    date: new Date('2026-01-02T03:04:05.678Z'),
    specReports: [['A', { findings: [] }]],
    crossSpec: { findings: [] },
  });
  assert.equal(
    text,
    '# Audit Report: p v1\n\n**Date:** 2026-01-02T03:04:05Z\n**Specs:** A\n\n' +
      '## Cross-Spec Findings\n\nNo cross-spec findings identified.\n\n' +
      '## A Findings\n\nNo findings identified.\n\n',
  );
  const dir = mkdtempSync(join(tmpdir(), 'ossature-report-'));
  writeAuditReport(join(dir, 'audit-report.md'), {
    name: 'p',
    version: '1',
    date: new Date(0),
    specReports: [],
  });
  assert.ok(readFileSync(join(dir, 'audit-report.md'), 'utf8').startsWith('# Audit Report: p v1\n'));
});

test('severity counts and the table order (info → warning → error, stable)', () => {
  const findings: SpecAuditReport['findings'] = [
    { severity: 'error', location: 'a', issue: '', suggestion: '' },
    { severity: 'info', location: 'b', issue: '', suggestion: '' },
    { severity: 'warning', location: 'c', issue: '', suggestion: '' },
    { severity: 'info', location: 'd', issue: '', suggestion: '' },
  ];
  assert.deepEqual(
    findingsForTable(findings).map((f) => f.location),
    ['b', 'd', 'c', 'a'],
  );
  assert.deepEqual(severityCounts([{ findings }, { findings: [findings[0]!] }]), {
    error: 2,
    warning: 1,
    info: 2,
  });
});

test('markman: audit-findings.json points every finding at its file and line', () => {
  const project = loadCorpusProject('markman');
  const smdById = new Map(
    project.workspace.index.smds.map((smd) => [
      smd.id!.value,
      { file: smd.file, text: project.workspace.file(smd.file)!.text },
    ]),
  );
  const specs = project.specOrder.map((id) => ({
    specId: id,
    report: JSON.parse(project.read('audits', id, 'response.json')) as SpecAuditReport,
    files: buildSpecAuditInput(smdById.get(id)!).files,
  }));
  const crossSpec = JSON.parse(project.read('audits', 'cross-spec', 'response.json')) as CrossSpecAuditReport;
  const file = buildAuditFindings({
    root: project.root,
    date: new Date('2026-05-14T20:04:33Z'),
    specs,
    crossSpec,
    smdById,
  });
  assert.deepEqual(auditFindingsFileSchema.parse(JSON.parse(renderAuditFindings(file))), file);
  assert.equal(file.generated_at, '2026-05-14T20:04:33Z');
  const storage = file.findings.find((f) => f.source === 'spec' && f.specs[0] === 'STORAGE')!;
  assert.equal(storage.file, 'specs/storage.smd');
  assert.equal(storage.line, 57);
  assert.equal(storage.location, 'Requirements > Search Bookmarks, L57');
  const nested = file.findings.find((f) => f.location.endsWith('Connection-lifetime model, L34'))!;
  assert.deepEqual([nested.file, nested.line, nested.related], ['specs/storage.smd', 34, []]);
  const cross = file.findings.filter((f) => f.source === 'cross-spec');
  assert.equal(cross.length, crossSpec.findings.length);
  assert.deepEqual(
    { file: cross[0]!.file, line: cross[0]!.line, related: cross[0]!.related, location: cross[0]!.location },
    {
      file: 'specs/cli.smd',
      line: 7,
      related: [{ file: 'specs/webui.smd', line: 7 }],
      location: 'CLI <-> WEBUI',
    },
  );
  const dir = mkdtempSync(join(tmpdir(), 'ossature-findings-'));
  const path = writeAuditFindings(dir, file);
  assert.equal(readFileSync(path, 'utf8'), renderAuditFindings(file));
});

test('further L-numbers of a location become related places', () => {
  const smd = { file: '/p/specs/a.smd', text: '# A\n\n## Notes\n\nx\ny\nz\n' };
  const file = buildAuditFindings({
    root: '/p',
    date: new Date(0),
    specs: [
      {
        specId: 'A',
        report: {
          findings: [{ severity: 'info', location: 'Notes, L5, L6-L7', issue: 'i', suggestion: 's' }],
        },
        files: buildSpecAuditInput(smd).files,
      },
    ],
  });
  assert.deepEqual(file.findings[0], {
    source: 'spec',
    specs: ['A'],
    severity: 'info',
    location: 'Notes, L5, L6-L7',
    issue: 'i',
    suggestion: 's',
    file: 'specs/a.smd',
    line: 5,
    related: [
      { file: 'specs/a.smd', line: 6 },
      { file: 'specs/a.smd', line: 7 },
    ],
  });
});
