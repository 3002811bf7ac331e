import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildPlanView, planViewFor } from '../../shared/src/project/plan-view';
import { RenameError, specIdRenameEdits } from '../../shared/src/project/spec-rename';
import { findOccurrences, findSpecIdOccurrences } from '../../shared/src/project/symbol-occurrences';
import { symbolDefinition } from '../../shared/src/project/symbol-resolve';
import { symbolAt } from '../../shared/src/project/symbols';
import { Workspace } from '../../shared/src/project/workspace';
import { at, textAt } from '../support/cursor';
import { tinyProject } from '../support/tiny-project';

const ws = Workspace.load(tinyProject());
const spec = (name: string) => join(ws.root, 'specs', name);
const text = (file: string) => (file === ws.planFile ? ws.planText! : ws.file(file)!.text);
const symbolIn = (name: string, marked: string, occurrence = 0) => {
  const file = name === 'plan' ? ws.planFile : spec(name);
  return symbolAt(ws, file, at(text(file), marked, occurrence));
};

test('a spec id is found with its role and site in every kind of file, ranges without quotes', () => {
  const cases: [string, string, string, string][] = [
    ['base.smd', 'id: BA|SE', 'declaration', 'smd-id'],
    ['app.smd', 'depends: ["BA|SE"]', 'reference', 'smd-depends'],
    ['base.amd', 'spec: BASE|', 'reference', 'amd-spec'],
    ['base.vmd', '@spec |BASE', 'reference', 'vmd-spec'],
    ['app.vmd', '@arch BA|SE', 'reference', 'vmd-arch'],
    ['plan', 'spec = "BA|SE"', 'reference', 'plan-spec'],
    ['plan', 'cross_spec_interfaces = ["B|ASE"]', 'reference', 'plan-cross-spec'],
    ['plan', 'specs = ["BA|SE"', 'reference', 'plan-meta-specs'],
    ['plan', '"BA|SE:Goals"', 'reference', 'plan-ref-prefix'],
  ];
  for (const [file, marked, role, site] of cases) {
    const symbol = symbolIn(file, marked);
    assert.equal(symbol?.kind, 'specId', marked);
    if (symbol?.kind !== 'specId') continue;
    assert.equal(symbol.id, 'BASE');
    assert.equal(symbol.role, role, marked);
    assert.equal(symbol.site, site, marked);
    const path = file === 'plan' ? ws.planFile : spec(file);
    assert.equal(textAt(text(path), symbol.range), 'BASE', marked);
  }
});

test('plan task ids, refs, files and covers are told apart', () => {
  assert.deepEqual(pick(symbolIn('plan', 'id = "0|01"')), { kind: 'taskId', id: '001', role: 'declaration' });
  assert.deepEqual(pick(symbolIn('plan', 'depends_on = ["0|01"]')), {
    kind: 'taskId',
    id: '001',
    role: 'reference',
  });
  const ref = symbolIn('plan', '"Requirements > |#main"');
  assert.equal(ref?.kind, 'planRef');
  assert.equal(ref?.kind === 'planRef' && ref.specId, 'BASE');
  // The ref part of a legacy-prefixed ref is the ref, not the spec id.
  assert.equal(symbolIn('plan', '"BASE:Go|als"')?.kind, 'planRef');
  assert.equal(symbolIn('plan', 'arch_refs = ["Components > C|ore"]')?.kind, 'planRef');
  assert.deepEqual(pick(symbolIn('plan', 'outputs = ["src/co|re.py"]')), {
    kind: 'planFile',
    field: 'outputs',
  });
  assert.deepEqual(pick(symbolIn('plan', 'covers = ["ma|in"]')), {
    kind: 'covers',
    target: 'main',
    specId: 'BASE',
  });
  assert.equal(symbolIn('plan', 'tit|le = "Core module"'), undefined);
});

test('requirement headings, @covers targets and components', () => {
  const heading = symbolIn('base.smd', '### Main Op|eration');
  assert.equal(heading?.kind, 'requirement');
  const covers = symbolIn('app.vmd', '@covers "Main |Operation"');
  assert.equal(covers?.kind, 'covers');
  assert.equal(textAt(text(spec('app.vmd')), covers!.range), 'Main Operation');
  assert.deepEqual(pick(symbolIn('base.amd', '### Co|re')), {
    kind: 'component',
    name: 'Core',
    role: 'declaration',
  });
  assert.deepEqual(pick(symbolIn('base.amd', '**Depends on:** Help|ers')), {
    kind: 'component',
    name: 'Helpers',
    role: 'reference',
  });
});

test('findSpecIdOccurrences: every site once, each range exactly the id', () => {
  const found = findSpecIdOccurrences(ws, 'BASE');
  const sites = found.map((o) => o.site).sort();
  assert.deepEqual(sites, [
    'amd-spec',
    'plan-cross-spec',
    'plan-meta-specs',
    'plan-ref-prefix',
    'plan-spec',
    'smd-depends',
    'smd-id',
    'vmd-arch',
    'vmd-spec',
  ]);
  for (const o of found) assert.equal(textAt(text(o.file), o.range), 'BASE', o.site);
  assert.equal(found.filter((o) => o.role === 'declaration').length, 1);
});

test('definitions resolve to the declaring text', () => {
  const defOf = (file: string, marked: string) => {
    const symbol = symbolIn(file, marked);
    assert.ok(symbol, marked);
    return symbolDefinition(ws, symbol).map((d) => ({ file: d.file, text: textAt(text(d.file), d.range) }));
  };
  assert.deepEqual(defOf('app.smd', '"BA|SE"'), [{ file: spec('base.smd'), text: 'BASE' }]);
  assert.deepEqual(defOf('plan', 'depends_on = ["0|01"]'), [{ file: ws.planFile, text: '001' }]);
  assert.deepEqual(defOf('plan', '"Requirements > |#main"'), [
    { file: spec('base.smd'), text: 'Main Operation' },
  ]);
  assert.deepEqual(defOf('plan', '"BASE:Go|als"'), [{ file: spec('base.smd'), text: '## Goals' }]);
  assert.deepEqual(defOf('plan', '"Components > C|ore"'), [{ file: spec('base.amd'), text: 'Core' }]);
  assert.deepEqual(defOf('base.vmd', '@covers ma|in'), [{ file: spec('base.smd'), text: 'Main Operation' }]);
  assert.deepEqual(defOf('base.amd', '**Depends on:** Help|ers'), [
    { file: spec('base.amd'), text: 'Helpers' },
  ]);
  // APP has no requirement "main": a dangling target has no definition.
  const app = Workspace.load(tinyProject());
  app.setFile(spec('app.vmd'), text(spec('app.vmd')).replace('"Main Operation"', 'nothing'));
  const dangling = symbolAt(app, spec('app.vmd'), at(app.file(spec('app.vmd'))!.text, '@covers noth|ing'));
  assert.deepEqual(symbolDefinition(app, dangling!), []);
});

test('requirement occurrences: the heading, @covers, plan covers and spec_refs that resolve to it', () => {
  const heading = symbolIn('base.smd', '### Main Op|eration');
  const found = findOccurrences(ws, heading!).map(
    (o) =>
      `${o.role} ${o.file === ws.planFile ? 'plan' : o.file.split('/').pop()} ${textAt(text(o.file), o.range)}`,
  );
  assert.deepEqual(found.sort(), [
    'declaration base.smd Main Operation',
    'reference base.vmd main',
    'reference plan Requirements > #main',
    'reference plan main',
  ]);
});

test('component occurrences: heading, Depends on and plan arch_refs', () => {
  const core = findOccurrences(ws, symbolIn('plan', '"Components > C|ore"')!);
  assert.deepEqual(
    core.map((o) => textAt(text(o.file), o.range)),
    ['Core', 'Components > Core'],
  );
  const helpers = findOccurrences(ws, symbolIn('base.amd', '### Help|ers')!);
  assert.deepEqual(
    helpers.map((o) => `${o.role} ${textAt(text(o.file), o.range)}`),
    ['declaration Helpers', 'reference Helpers'],
  );
});

test('spec rename edits touch every occurrence; invalid and taken names are refused', () => {
  const edits = specIdRenameEdits(ws, 'BASE', 'CORE_LIB');
  assert.equal(edits.length, findSpecIdOccurrences(ws, 'BASE').length);
  assert.ok(edits.every((e) => e.newText === 'CORE_LIB'));
  assert.throws(
    () => specIdRenameEdits(ws, 'BASE', 'core lib'),
    (error: unknown) => {
      assert.ok(error instanceof RenameError);
      assert.match(error.message, /not a valid spec id.*CORE_LIB/);
      return true;
    },
  );
  assert.throws(() => specIdRenameEdits(ws, 'BASE', 'APP'), /already used by .*app\.smd/);
  assert.deepEqual(specIdRenameEdits(ws, 'BASE', 'BASE'), []);
});

test('the plan view is cached per text and tolerates an unparsable plan', () => {
  const first = planViewFor(ws, ws.planText);
  assert.equal(planViewFor(ws, ws.planText), first);
  assert.equal(planViewFor(ws, undefined), undefined);
  // A half-typed plan still navigates: the unterminated string is skipped, the rest is read.
  const broken = buildPlanView('[[task]]\nid = "001\nspec = "A"\ndepends_on = ["000", \n');
  assert.deepEqual(
    broken.values.map((v) => `${v.field}=${v.value}`),
    ['spec=A'],
  );
  assert.equal(broken.tasks[0]?.spec, 'A');
  const other = planViewFor(ws, `${ws.planText}\n`);
  assert.notEqual(other, first);
});

function pick(symbol: ReturnType<typeof symbolAt>): Record<string, unknown> | undefined {
  if (!symbol) return undefined;
  switch (symbol.kind) {
    case 'taskId':
      return { kind: symbol.kind, id: symbol.id, role: symbol.role };
    case 'planFile':
      return { kind: symbol.kind, field: symbol.field };
    case 'covers':
      return { kind: symbol.kind, target: symbol.target, specId: symbol.specId };
    case 'component':
      return { kind: symbol.kind, name: symbol.name, role: symbol.role };
    default:
      return { kind: symbol.kind };
  }
}
