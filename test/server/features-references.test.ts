import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import type { Location } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { provideReferences } from '../../server/src/features/references';
import { Workspace } from '../../shared/src/project/workspace';
import { at, textAt } from '../support/cursor';
import { markmanWithEveryKind } from '../support/navigation-project';

const ws = Workspace.load(markmanWithEveryKind());
const spec = (name: string) => join(ws.root, 'specs', name);
const textOf = (path: string) => (path === ws.planFile ? ws.planText! : ws.file(path)!.text);
const count = (text: string, needle: string) => text.split(needle).length - 1;

function references(file: string, marked: string, includeDeclaration: boolean): Location[] {
  return provideReferences(ws, file, at(textOf(file), marked), includeDeclaration);
}

/** Per file (relative path), how many references, after checking each range covers `expected`. */
function perFile(
  locations: Location[],
  expected: string | ((text: string) => boolean),
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const loc of locations) {
    const path = URI.parse(loc.uri).fsPath;
    const written = textAt(textOf(path), loc.range);
    if (typeof expected === 'string') assert.equal(written, expected, `${path} ${JSON.stringify(loc.range)}`);
    else assert.ok(expected(written), written);
    const rel = relative(ws.root, path);
    out[rel] = (out[rel] ?? 0) + 1;
  }
  return out;
}

test('references of a spec id span SMD, AMD, VMD and plan.toml, each range exactly the id', () => {
  const fromDepends = references(spec('cli.smd'), 'depends: [STO|RAGE]', true);
  const plan = count(ws.planText!, '"STORAGE"');
  assert.ok(plan > 5, 'markman plan names STORAGE in spec, cross_spec_interfaces and [meta] specs');
  assert.deepEqual(perFile(fromDepends, 'STORAGE'), {
    'specs/storage.smd': 1,
    'specs/cli.smd': 1,
    'specs/webui.smd': 1,
    'specs/storage.amd': 1,
    'specs/cli.vmd': 1,
    'specs/storage.vmd': 1,
    '.ossature/plan.toml': plan,
  });
  // The same set from any other occurrence; without the declaration, the SMD id is left out.
  const fromPlan = references(ws.planFile, 'spec = "STOR|AGE"', false);
  assert.equal(fromPlan.length, fromDepends.length - 1);
  assert.equal(perFile(fromPlan, 'STORAGE')['specs/storage.smd'], undefined);
});

test('references of a task id: its id and every depends_on naming it', () => {
  const found = references(ws.planFile, 'id = "00|1"', true);
  assert.deepEqual(perFile(found, '001'), { '.ossature/plan.toml': count(ws.planText!, '"001"') });
  assert.equal(references(ws.planFile, 'id = "00|1"', false).length, found.length - 1);
});

test('references of a requirement: the heading, @covers and plan spec_refs naming it', () => {
  const found = references(spec('storage.smd'), '### Add Book|mark', true);
  assert.deepEqual(
    perFile(found, (t) => /Add Bookmark$/.test(t)),
    {
      'specs/storage.smd': 1,
      'specs/storage.vmd': 1,
      '.ossature/plan.toml': count(ws.planText!, '"Requirements > Add Bookmark"'),
    },
  );
  // From the @covers target, the same places.
  assert.equal(references(spec('storage.vmd'), '"Add Book|mark"', true).length, found.length);
});

test('references of a component: heading and Depends on', () => {
  const found = references(spec('storage.amd'), '### Ty|pes', true);
  assert.deepEqual(perFile(found, 'Types'), { 'specs/storage.amd': 2 });
});

test('no references on plain text', () => {
  assert.deepEqual(references(spec('cli.smd'), 'Command-line inter|face', true), []);
});
