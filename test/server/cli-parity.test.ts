import assert from 'node:assert/strict';
import { join, relative, sep } from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { type JsonDiagnostic, validateReportSchema } from '../../shared/src/model/validate-report';
import { runCli } from '../support/cli';
import { CORPUS_PROJECTS, corpusPath } from '../support/corpus';
import { badSyntaxProject, brokenProject, cycleProject } from './broken-projects';
import { LspTestClient } from './harness';

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'todo');
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info' } as const;

type Row = Omit<JsonDiagnostic, 'related'> & { related: string[] };

function location(root: string, uri: string, range: Diagnostic['range']) {
  return {
    file: relative(root, URI.parse(uri).fsPath).split(sep).join('/'),
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

const where = (l: ReturnType<typeof location>) =>
  `${l.file}:${l.line}:${l.column}-${l.endLine}:${l.endColumn}`;

function sorted(rows: Row[]): Row[] {
  const key = (r: Row) =>
    JSON.stringify([r.file, r.line, r.column, r.code, r.message, r.endLine, r.endColumn]);
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** What the server published for the files of one project, in the CLI report's terms. */
function published(client: LspTestClient, root: string): Row[] {
  const rows: Row[] = [];
  for (const [uri, diagnostics] of client.diagnostics) {
    const file = URI.parse(uri).fsPath;
    if (relative(root, file).startsWith('..')) continue;
    for (const d of diagnostics) {
      rows.push({
        ...location(root, uri, d.range),
        severity: SEVERITY[d.severity as 1 | 2 | 3],
        code: String(d.code),
        message: typeof d.message === 'string' ? d.message : d.message.value,
        related: (d.relatedInformation ?? []).map(
          (r) => `${where(location(root, r.location.uri, r.location.range))} ${r.message}`,
        ),
      });
    }
  }
  return sorted(rows);
}

/** `ossature validate --json` for the project, from the built CLI. */
function reported(root: string): Row[] {
  const run = runCli(['validate', '--json'], root);
  const report = validateReportSchema.parse(JSON.parse(run.stdout));
  return sorted(
    report.diagnostics.map((d) => ({
      ...d,
      related: d.related.map((r) => `${where(r)} ${r.message}`),
    })),
  );
}

test('for every fixture project the server publishes exactly what `ossature validate --json` reports', async () => {
  const projects = [
    ...CORPUS_PROJECTS.map((p) => corpusPath(p)),
    EXAMPLE,
    brokenProject(),
    cycleProject(),
    badSyntaxProject(),
  ];
  const client = await LspTestClient.start(projects);
  try {
    await client.sync();
    assert.equal(client.statuses.at(-1)?.projects.length, projects.length, 'one project per folder');
    let total = 0;
    for (const root of projects) {
      const expected = reported(root);
      total += expected.length;
      assert.deepEqual(published(client, root), expected, root);
    }
    assert.ok(total > 20, `the fixtures have diagnostics to compare (${total})`);
  } finally {
    await client.stop();
  }
});
