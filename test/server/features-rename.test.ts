import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { prepareRename, provideRename } from '../../server/src/features/rename';
import { Workspace } from '../../shared/src/project/workspace';
import { validateWorkspace } from '../../shared/src/validate/validate-workspace';
import { applyEdits, at, textAt } from '../support/cursor';
import { markmanWithEveryKind } from '../support/navigation-project';
import { tinyProject } from '../support/tiny-project';

const textOf = (ws: Workspace, path: string) => (path === ws.planFile ? ws.planText! : ws.file(path)!.text);

/** A new workspace with the edit applied to the in-memory texts (nothing is written to disk). */
function applied(
  ws: Workspace,
  edit: WorkspaceEdit,
  keep: (uri: string, e: TextEdit) => boolean = () => true,
): Workspace {
  const next = new Workspace(ws.configFile, ws.configText);
  const changes = edit.changes ?? {};
  const editsFor = (path: string) =>
    (changes[URI.file(path).toString()] ?? []).filter((e) => keep(URI.file(path).toString(), e));
  for (const file of ws.files()) next.setFile(file.file, applyEdits(file.text, editsFor(file.file)));
  next.planText = ws.planText === undefined ? undefined : applyEdits(ws.planText, editsFor(ws.planFile));
  return next;
}

/** Errors and warnings by code and file, messages left out (they name the id). */
function problems(ws: Workspace): string[] {
  return validateWorkspace(ws)
    .diagnostics.filter((d) => d.severity !== 'info')
    .map((d) => `${d.severity} ${d.code} ${relative(ws.root, d.file)}`)
    .sort();
}

test('prepareRename offers the spec id under the cursor, and nothing elsewhere', () => {
  const ws = Workspace.load(markmanWithEveryKind());
  const cli = join(ws.root, 'specs', 'cli.smd');
  const prepared = prepareRename(ws, cli, at(textOf(ws, cli), 'depends: [STO|RAGE]'));
  assert.ok(prepared);
  assert.equal(prepared.placeholder, 'STORAGE');
  assert.equal(textAt(textOf(ws, cli), prepared.range), 'STORAGE');
  assert.equal(prepareRename(ws, cli, at(textOf(ws, cli), '### add sub|command')), null);
  assert.equal(prepareRename(ws, ws.planFile, at(ws.planText!, 'id = "0|01"')), null);
});

test('rename on the markman corpus changes every file kind and validation finds nothing new', () => {
  const ws = Workspace.load(markmanWithEveryKind());
  const before = problems(ws);
  assert.equal(before.filter((p) => p.startsWith('error')).length, 0);
  const vmd = join(ws.root, 'specs', 'cli.vmd');
  const edit = provideRename(ws, vmd, at(textOf(ws, vmd), '@arch STOR|AGE'), 'BOOKMARK_STORE');
  assert.ok(edit?.changes);
  const files = Object.keys(edit.changes).map((uri) => relative(ws.root, URI.parse(uri).fsPath));
  assert.deepEqual(files.sort(), [
    '.ossature/plan.toml',
    'specs/cli.smd',
    'specs/cli.vmd',
    'specs/storage.amd',
    'specs/storage.smd',
    'specs/storage.vmd',
    'specs/webui.smd',
  ]);

  const renamed = applied(ws, edit);
  assert.deepEqual(problems(renamed), before);
  assert.ok(renamed.index.smdById.has('BOOKMARK_STORE'));
  assert.ok(!renamed.index.smdById.has('STORAGE'));
  assert.deepEqual(renamed.index.dependents.get('BOOKMARK_STORE'), ['CLI', 'WEBUI']);
  assert.ok(!/"STORAGE"/.test(renamed.planText!), 'no plan string still names STORAGE');
  assert.equal(renamed.index.amdsBySpec.get('BOOKMARK_STORE')?.length, 1);
  assert.equal(renamed.index.vmdsBySpec.get('BOOKMARK_STORE')?.length, 1);

  // The check is meaningful: renaming only the declaration breaks every reference.
  const declarationOnly = applied(
    ws,
    edit,
    (uri) => uri === URI.file(join(ws.root, 'specs', 'storage.smd')).toString(),
  );
  assert.ok(problems(declarationOnly).filter((p) => p.startsWith('error')).length > 5);
});

test('rename covers quoted YAML ids, @arch, legacy ref prefixes and [meta] specs', () => {
  const ws = Workspace.load(tinyProject());
  const before = problems(ws);
  const app = join(ws.root, 'specs', 'app.smd');
  const edit = provideRename(ws, app, at(textOf(ws, app), '"BA|SE"'), 'CORE');
  assert.ok(edit);
  const renamed = applied(ws, edit);
  assert.deepEqual(problems(renamed), before);
  assert.match(renamed.file(app)!.text, /depends: \["CORE"\]/);
  assert.match(renamed.planText!, /specs = \["CORE", "APP"\]/);
  assert.match(renamed.planText!, /"CORE:Goals"/);
  assert.match(renamed.file(join(ws.root, 'specs', 'app.vmd'))!.text, /@arch CORE\n/);
});

test('invalid and already-used names are refused with a clear message', () => {
  const ws = Workspace.load(markmanWithEveryKind());
  const cli = join(ws.root, 'specs', 'cli.smd');
  const pos = at(textOf(ws, cli), 'depends: [STO|RAGE]');
  assert.throws(
    () => provideRename(ws, cli, pos, 'bookmark store'),
    /'bookmark store' is not a valid spec id: use only letters, digits, '_' and '-' .*BOOKMARK_STORE/,
  );
  assert.throws(() => provideRename(ws, cli, pos, 'STORAGE.v2'), /not a valid spec id/);
  assert.throws(() => provideRename(ws, cli, pos, ''), /not a valid spec id/);
  assert.throws(
    () => provideRename(ws, cli, pos, 'WEBUI'),
    /The spec id 'WEBUI' is already used by .*webui\.smd; choose another name\./,
  );
  // Nothing to rename where there is no spec id.
  assert.equal(provideRename(ws, cli, at(textOf(ws, cli), '### add sub|command'), 'X'), null);
});
