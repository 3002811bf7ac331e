import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { URI } from 'vscode-uri';
import { provideDefinition } from '../../server/src/features/definition';
import { Workspace } from '../../shared/src/project/workspace';
import { corpusPath } from '../support/corpus';
import { at, textAt } from '../support/cursor';
import { markmanWithEveryKind } from '../support/navigation-project';

const markman = Workspace.load(markmanWithEveryKind());
const spenny = Workspace.load(corpusPath('spenny', 'ossature.toml'));

/** Where definition at the marked cursor leads: `relative/path: text of the target range`. */
function definition(ws: Workspace, file: string, marked: string, occurrence = 0): string[] {
  const text = file === ws.planFile ? ws.planText! : ws.file(file)!.text;
  return provideDefinition(ws, file, at(text, marked, occurrence)).map((loc) => {
    const path = URI.parse(loc.uri).fsPath;
    const target = path === ws.planFile ? ws.planText! : ws.file(path)?.text;
    const rel = path.slice(ws.root.length + 1);
    return target === undefined ? rel : `${rel}: ${textAt(target, loc.range)}`;
  });
}

const spec = (ws: Workspace, name: string) => join(ws.root, 'specs', name);
const STORAGE_ID = ['specs/storage.smd: STORAGE'];

test('a spec id leads to the SMD frontmatter id from depends, AMD spec, VMD @spec/@arch and the plan', () => {
  assert.deepEqual(definition(markman, spec(markman, 'cli.smd'), 'depends: [S|TORAGE]'), STORAGE_ID);
  assert.deepEqual(definition(markman, spec(markman, 'storage.amd'), 'spec: STORAGE|'), STORAGE_ID);
  assert.deepEqual(definition(markman, spec(markman, 'storage.vmd'), '@spec STO|RAGE'), STORAGE_ID);
  assert.deepEqual(definition(markman, spec(markman, 'cli.vmd'), '@arch |STORAGE'), STORAGE_ID);
  assert.deepEqual(definition(markman, markman.planFile, 'spec = "STO|RAGE"'), STORAGE_ID);
  assert.deepEqual(
    definition(markman, markman.planFile, 'cross_spec_interfaces = [\n    "ST|ORAGE"'),
    STORAGE_ID,
  );
  assert.deepEqual(definition(markman, markman.planFile, 'specs = [\n    "STORAGE",\n    "C|LI"'), [
    'specs/cli.smd: CLI',
  ]);
  // The declaration leads to itself.
  assert.deepEqual(definition(markman, spec(markman, 'storage.smd'), 'id: STOR|AGE'), STORAGE_ID);
});

test('depends_on leads to the task id', () => {
  const targets = definition(markman, markman.planFile, 'depends_on = [\n    "00|1",\n    "002",');
  assert.deepEqual(targets, ['.ossature/plan.toml: 001']);
  const line = provideDefinition(
    markman,
    markman.planFile,
    at(markman.planText!, 'depends_on = [\n    "00|1",'),
  )[0]!.range.start.line;
  assert.equal(line, at(markman.planText!, 'id = "0|01"').line);
});

test('spec_refs lead to the heading: markman `Requirements > X`, sections', () => {
  assert.deepEqual(definition(markman, markman.planFile, '"Requirements > Search Book|marks"'), [
    'specs/storage.smd: Search Bookmarks',
  ]);
  assert.deepEqual(definition(markman, markman.planFile, '"Const|raints"'), [
    'specs/storage.smd: ## Constraints',
  ]);
});

test('arch_refs lead to the component or section: spenny `Components > Storage`', () => {
  assert.deepEqual(definition(spenny, spenny.planFile, '"Components > Stor|age"'), [
    'specs/expense_tracker.amd: Storage',
  ]);
  assert.deepEqual(definition(spenny, spenny.planFile, '"Components > C|ore"'), [
    'specs/expense_tracker.amd: Core',
  ]);
  assert.deepEqual(definition(spenny, spenny.planFile, '"Data Mod|els"'), [
    'specs/expense_tracker.amd: ## Data Models',
  ]);
});

test('outputs and inject_files lead to the file under the output directory when it exists', () => {
  assert.deepEqual(definition(spenny, spenny.planFile, 'outputs = [\n    "src/spenny/stor|age.py"'), [
    'output/src/spenny/storage.py',
  ]);
  assert.deepEqual(
    definition(
      spenny,
      spenny.planFile,
      'inject_files = [\n    "pyproject.toml",\n    "src/spenny/__init|__.py"',
    ),
    ['output/src/spenny/__init__.py'],
  );
  // markman's plan names src/storage.rs, which the stored output does not have.
  assert.deepEqual(definition(markman, markman.planFile, '"src/stor|age.rs"'), []);
});

test('VMD @covers leads to the requirement heading; AMD Depends on to the component', () => {
  assert.deepEqual(definition(markman, spec(markman, 'storage.vmd'), '@covers "Add Book|mark"'), [
    'specs/storage.smd: Add Bookmark',
  ]);
  assert.deepEqual(definition(markman, spec(markman, 'cli.vmd'), '"add sub|command"'), [
    'specs/cli.smd: add subcommand',
  ]);
  assert.deepEqual(definition(markman, spec(markman, 'storage.amd'), '**Depends on:** T|ypes'), [
    'specs/storage.amd: Types',
  ]);
  const yep = Workspace.load(corpusPath('yep', 'ossature.toml'));
  assert.deepEqual(definition(yep, spec(yep, 'YEP.vmd'), '@covers "Output Rep|eated String"', 2), [
    'specs/YEP.smd: Output Repeated String',
  ]);
});

test('nothing to go to: plain text, unknown ids', () => {
  assert.deepEqual(definition(markman, spec(markman, 'cli.smd'), 'Command-line inter|face'), []);
  const ws = Workspace.load(markmanWithEveryKind());
  const cli = spec(ws, 'cli.smd');
  ws.setFile(cli, ws.file(cli)!.text.replace('depends: [STORAGE]', 'depends: [STORAGES]'));
  assert.deepEqual(definition(ws, cli, 'depends: [STOR|AGES]'), []);
});
