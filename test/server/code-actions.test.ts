import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  type CodeAction,
  CodeActionRequest,
  type CreateFile,
  type Diagnostic,
  type TextDocumentEdit,
  type TextEdit,
} from 'vscode-languageserver-protocol';
import { provideCodeActions } from '../../server/src/features/code-actions';
import { Workspace } from '../../shared/src/project/workspace';
import { comparePositions } from '../../shared/src/text/range';
import { validateWorkspace } from '../../shared/src/validate/validate-workspace';
import { rangeIn } from '../support/find';
import { brokenProject, cycleProject } from './broken-projects';
import { LspTestClient, uriOf } from './harness';

async function actionsFor(
  client: LspTestClient,
  file: string,
  diagnostic: Diagnostic,
): Promise<CodeAction[]> {
  const result = await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: uriOf(file) },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic] },
  });
  return (result ?? []) as CodeAction[];
}

/** Sends a quick fix's edits of `file` to the server as one didChange, last edit first (as editors do). */
function apply(client: LspTestClient, file: string, edits: TextEdit[]): Promise<void> {
  const ordered = [...edits].sort((a, b) => comparePositions(b.range.start, a.range.start));
  return client.editMany(
    file,
    ordered.map((e) => ({ range: e.range, text: e.newText })),
  );
}

function find(client: LspTestClient, file: string, code: string): Diagnostic {
  const found = client.diagnosticsOf(file).find((d) => d.code === code);
  assert.ok(found, `${code} in ${file}: ${JSON.stringify(client.diagnosticsOf(file))}`);
  return found;
}

test('the legacy-metadata quick fix rewrites the file as YAML frontmatter and the error goes away', async () => {
  const root = brokenProject();
  const client = await LspTestClient.start([root]);
  try {
    const file = join(root, 'specs', 'nested', 'legacy.smd');
    await client.open(file);
    const legacy = find(client, file, 'OSS104');
    const actions = await actionsFor(client, file, legacy);
    assert.equal(actions.length, 1);
    const [migrate] = actions as [CodeAction];
    assert.equal(migrate.kind, 'quickfix');
    assert.equal(migrate.isPreferred, true);
    assert.deepEqual(migrate.diagnostics, [legacy]);
    const edits = migrate.edit?.changes?.[uriOf(file)];
    assert.ok(edits && edits.length > 0);
    const after = client.nextDiagnostics(file);
    await apply(client, file, edits);
    assert.ok(
      client.text(file).startsWith('---\nid: LEGACY\nstatus: draft\npriority: high\ndepends: [BETA]\n---\n'),
    );
    assert.deepEqual(
      (await after).map((d) => d.code),
      ['OSS500'],
      'only the coverage warning is left',
    );
  } finally {
    await client.stop();
  }
});

test('an unknown dependency offers did-you-mean (preferred) and creating the spec', async () => {
  const root = brokenProject();
  const client = await LspTestClient.start([root]);
  try {
    const file = join(root, 'specs', 'alpha.smd');
    await client.open(file);
    const unknown = find(client, file, 'OSS400');
    assert.deepEqual(unknown.range, rangeIn(client.text(file), 'depends: [BETA, GAMA]', 'GAMA'));
    const actions = await actionsFor(client, file, unknown);
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred ?? false]),
      [
        ["Change to 'GAMMA'", true],
        ['Create spec GAMA (gama.smd)', false],
      ],
    );
    const create = actions[1]!.edit?.documentChanges as (CreateFile | TextDocumentEdit)[];
    const newUri = uriOf(join(root, 'specs', 'gama.smd'));
    assert.deepEqual(create[0], { kind: 'create', uri: newUri });
    const content = create[1] as TextDocumentEdit;
    assert.equal(content.textDocument.uri, newUri);
    assert.match((content.edits[0] as TextEdit).newText, /^---\nid: GAMA\n/);

    const fixed = client.nextDiagnostics(file, (d) => !d.some((x) => x.code === 'OSS400'));
    await apply(client, file, actions[0]!.edit!.changes![uriOf(file)]!);
    assert.match(client.text(file), /depends: \[BETA, GAMMA\]/);
    await fixed;
  } finally {
    await client.stop();
  }
});

test('a repeated dependency is removed by its quick fix', async () => {
  const root = cycleProject();
  const client = await LspTestClient.start([root]);
  try {
    const file = join(root, 'specs', 'a.smd');
    await client.open(file);
    const repeated = find(client, file, 'OSS410');
    const actions = await actionsFor(client, file, repeated);
    assert.deepEqual(
      actions.map((a) => a.title),
      ["Remove duplicate dependency 'B'"],
    );
    const fixed = client.nextDiagnostics(file, (d) => !d.some((x) => x.code === 'OSS410'));
    await apply(client, file, actions[0]!.edit!.changes![uriOf(file)]!);
    assert.match(client.text(file), /depends: \[B\]\n/);
    await fixed;
  } finally {
    await client.stop();
  }
});

test('provideCodeActions: only quick fixes, only in range, none for other kinds', () => {
  const ws = Workspace.load(join(brokenProject(), 'ossature.toml'));
  const file = join(ws.specDir, 'alpha.smd');
  const diagnostics = validateWorkspace(ws).diagnostics.filter((d) => d.file === file);
  const unknown = diagnostics.find((d) => d.code === 'OSS400')!;
  assert.equal(provideCodeActions(diagnostics, unknown.range, { diagnostics: [] }).length, 2);
  assert.deepEqual(
    provideCodeActions(diagnostics, unknown.range, { diagnostics: [], only: ['refactor'] }),
    [],
  );
  assert.equal(
    provideCodeActions(diagnostics, unknown.range, { diagnostics: [], only: ['quickfix'] }).length,
    2,
  );
  const elsewhere = { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } };
  assert.deepEqual(provideCodeActions(diagnostics, elsewhere, { diagnostics: [] }), []);
});
