import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  headingsOf,
  locateFinding,
  locationLineNumbers,
  locationPath,
  titleLine,
} from '../../shared/src/audit/finding-location';
import { buildSpecAuditInput, textLines } from '../../shared/src/audit/numbered-input';
import type { SpecAuditReport } from '../../shared/src/audit/types';
import { corpusPath } from '../support/corpus';

const read = (project: string, file: string) => {
  const path = corpusPath(project, 'specs', file);
  return { file: path, text: readFileSync(path, 'utf8') };
};
const spennyInput = () =>
  buildSpecAuditInput(read('spenny', 'expense_tracker.smd'), [read('spenny', 'expense_tracker.amd')]);

test('location parts: L-numbers (lists and ranges) and the section path', () => {
  assert.deepEqual(locationLineNumbers('Requirements > Token Format, L42'), [42]);
  assert.deepEqual(locationLineNumbers('Notes, L45, L59, L71'), [45, 59, 71]);
  assert.deepEqual(locationLineNumbers('Constraints, L10-L12'), [10, 12]);
  assert.deepEqual(locationLineNumbers('Overview'), []);
  assert.deepEqual(locationPath('Requirements > Initialize Database > Connection-lifetime model, L34'), [
    'Requirements',
    'Initialize Database',
    'Connection-lifetime model',
  ]);
});

test('spenny: the stored finding "Requirements > Add an Expense, L35" is line 35 of the SMD', () => {
  const input = spennyInput();
  const report = JSON.parse(
    readFileSync(corpusPath('spenny', '.ossature', 'audits', 'EXPENSE_TRACKER', 'response.json'), 'utf8'),
  ) as SpecAuditReport;
  const at = locateFinding(report.findings[0]!.location, input.files);
  assert.equal(at?.file, input.files[0]!.file);
  assert.equal(at?.line, 35);
  assert.ok(textLines(input.files[0]!.text)[34]!.startsWith('**Accepts:**'));
});

test('an L-number inside an AMD section goes to the AMD', () => {
  const input = spennyInput();
  const amd = input.files[1]!;
  const coreLine = textLines(amd.text).indexOf('### Core') + 1;
  const at = locateFinding(`Components > Core, L${coreLine + 4}`, input.files);
  assert.equal(at?.file, amd.file);
  assert.equal(at?.line, coreLine + 4);
  // Naming the kind decides when the path does not.
  assert.equal(locateFinding('AMD, L3', input.files)?.file, amd.file);
  assert.equal(locateFinding('expense_tracker.amd L5', input.files)?.file, amd.file);
  // A number past the end of the AMD can only be the SMD's.
  assert.equal(locateFinding('Components, L150', input.files)?.file, input.files[0]!.file);
});

test('without an L-number the deepest matching heading gives the line', () => {
  const input = spennyInput();
  const smdLines = textLines(input.files[0]!.text);
  const at = locateFinding('Requirements > Delete an Expense', input.files);
  assert.equal(at?.file, input.files[0]!.file);
  assert.equal(smdLines[at!.line! - 1], '### Delete an Expense');
  const amdAt = locateFinding('Data Models > expenses.json', input.files);
  assert.equal(amdAt?.file, input.files[1]!.file);
  assert.equal(textLines(input.files[1]!.text)[amdAt!.line! - 1], '### expenses.json');
  assert.equal(locateFinding('General', input.files)?.line, undefined);
  assert.equal(locateFinding('x', []), undefined);
});

test('markman: every stored finding lands on its own spec file at the cited line', () => {
  for (const [file, id] of [
    ['storage.smd', 'STORAGE'],
    ['cli.smd', 'CLI'],
    ['webui.smd', 'WEBUI'],
  ]) {
    const input = buildSpecAuditInput(read('markman', file!));
    const report = JSON.parse(
      readFileSync(corpusPath('markman', '.ossature', 'audits', id!, 'response.json'), 'utf8'),
    ) as SpecAuditReport;
    for (const finding of report.findings) {
      const at = locateFinding(finding.location, input.files);
      assert.equal(at?.file, input.files[0]!.file);
      assert.equal(at?.line, locationLineNumbers(finding.location)[0]);
    }
  }
});

test('headings inside fenced code are not headings', () => {
  const text = '# T\n\n## A\n\n```md\n## not\n```\n\n### B\n\n## C\n';
  assert.deepEqual(
    headingsOf(text).map((h) => [h.level, h.text, h.line, h.endLine]),
    [
      [1, 'T', 1, 11],
      [2, 'A', 3, 10],
      [3, 'B', 9, 10],
      [2, 'C', 11, 11],
    ],
  );
  assert.equal(titleLine('---\nid: X\n---\n\n# Title\n'), 5);
  assert.equal(titleLine('no title'), 1);
});
