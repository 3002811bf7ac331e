import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { PLAN_CODES } from '../../shared/src/diagnostics/codes-plan';
import type { Diagnostic } from '../../shared/src/diagnostics/diagnostic';
import type { AmdSpec } from '../../shared/src/model/amd';
import { stripSpecPrefix } from '../../shared/src/model/plan';
import type { SmdSpec } from '../../shared/src/model/smd';
import { parseAmd } from '../../shared/src/parse/amd';
import { parseSmd } from '../../shared/src/parse/smd';
import { resolveArchRef, resolveSpecRef } from '../../shared/src/project/refs';
import { checkPlan, type PlanCheckContext } from '../../shared/src/validate/plan-checks';
import { corpusPath } from '../support/corpus';
import { rangeIn, rangeOf } from '../support/find';

/** Parsed corpus specs: spenny's EXPENSE_TRACKER (SMD + AMD) and markman's STORAGE, CLI, WEBUI (no AMD). */
function corpusContext(): PlanCheckContext & { smds: Map<string, SmdSpec>; amds: Map<string, AmdSpec[]> } {
  const smds = new Map<string, SmdSpec>();
  const amds = new Map<string, AmdSpec[]>();
  const smdFiles = [
    ['spenny', 'expense_tracker.smd'],
    ['markman', 'storage.smd'],
    ['markman', 'cli.smd'],
    ['markman', 'webui.smd'],
  ];
  for (const [project, name] of smdFiles) {
    const file = corpusPath(project as string, 'specs', name as string);
    const { spec } = parseSmd(readFileSync(file, 'utf8'), file);
    smds.set(spec.id?.value ?? '', spec);
  }
  const amdFile = corpusPath('spenny', 'specs', 'expense_tracker.amd');
  const { spec: amd } = parseAmd(readFileSync(amdFile, 'utf8'), amdFile);
  amds.set('EXPENSE_TRACKER', [amd]);
  return {
    smds,
    amds,
    smdById: (id) => smds.get(id),
    amdsFor: (id) => amds.get(id) ?? [],
    specIds: () => smds.keys(),
  };
}

const ctx = corpusContext();
const FILE = '/project/.ossature/plan.toml';

/** A `[[task]]` with valid defaults; `fields` replace or add `key = value` lines. */
function task(id: string, fields: Record<string, string> = {}): string {
  const all: Record<string, string> = {
    id: `"${id}"`,
    spec: '"EXPENSE_TRACKER"',
    title: `"Task ${id}"`,
    description: '"Does things."',
    outputs: `["src/t${id}.py"]`,
    depends_on: '[]',
    spec_refs: '["Goals"]',
    arch_refs: '["Components > Storage"]',
    status: '"pending"',
    verify: '["python -m py_compile src/x.py"]',
    ...fields,
  };
  return `[[task]]\n${Object.entries(all)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k} = ${v}`)
    .join('\n')}\n`;
}

function plan(tasks: string[], meta = ''): string {
  const header = `[meta]\ngenerated_at = "2026-05-13T21:29:48Z"\ntotal_tasks = ${tasks.length}\nspecs = ["EXPENSE_TRACKER"]\n${meta}`;
  return [header, ...tasks].join('\n');
}

function check(text: string): Diagnostic[] {
  return checkPlan(text, FILE, ctx).diagnostics;
}

/** The diagnostics with one code. */
function withCode(diagnostics: Diagnostic[], info: { code: string }): Diagnostic[] {
  return diagnostics.filter((d) => d.code === info.code);
}

const covered = new Set<string>();

function expectOne(
  text: string,
  info: { code: string; severity: string },
  range: ReturnType<typeof rangeOf>,
) {
  const diagnostics = check(text);
  const found = withCode(diagnostics, info);
  assert.equal(found.length, 1, `expected one ${info.code}, got ${JSON.stringify(diagnostics, null, 1)}`);
  const [d] = found;
  assert.ok(d);
  assert.equal(d.severity, info.severity);
  assert.deepEqual(d.range, range, d.message);
  assert.equal(d.file, FILE);
  covered.add(info.code);
  return d;
}

test('the corpus plans have no errors or warnings against the corpus specs', () => {
  for (const project of ['spenny', 'markman']) {
    const text = readFileSync(corpusPath(project, '.ossature', 'plan.toml'), 'utf8');
    const result = checkPlan(text, FILE, ctx);
    assert.ok(result.plan, project);
    const serious = result.diagnostics.filter((d) => d.severity !== 'info');
    assert.deepEqual(serious, [], project);
  }
  // markman's task 004 asks for the STORAGE spec's Notes, which it does not have: an info, nothing more.
  const markman = readFileSync(corpusPath('markman', '.ossature', 'plan.toml'), 'utf8');
  const infos = checkPlan(markman, FILE, ctx).diagnostics;
  assert.deepEqual(
    infos.map((d) => d.code),
    [PLAN_CODES.emptyRef.code],
  );
});

test('every spec_refs and arch_refs value in the corpus plans resolves (including Requirements > X)', () => {
  for (const project of ['spenny', 'markman']) {
    const { plan: parsed } = checkPlan(
      readFileSync(corpusPath(project, '.ossature', 'plan.toml'), 'utf8'),
      FILE,
      ctx,
    );
    assert.ok(parsed);
    for (const t of parsed.task) {
      const smd = ctx.smdById(t.spec);
      assert.ok(smd, t.spec);
      for (const ref of t.spec_refs)
        assert.ok(resolveSpecRef(ref, smd), `${project} ${t.id} spec_ref ${ref}`);
      for (const ref of t.arch_refs)
        assert.ok(resolveArchRef(ref, ctx.amdsFor(t.spec)), `${project} ${t.id} ${ref}`);
    }
  }
});

test('refs resolve to what they name, with the heading range', () => {
  const smd = ctx.smdById('STORAGE') as SmdSpec;
  const storageText = readFileSync(corpusPath('markman', 'specs', 'storage.smd'), 'utf8');
  const req = resolveSpecRef('Requirements > Add Bookmark', smd);
  assert.equal(req?.kind, 'requirement');
  assert.deepEqual(req?.range, rangeOf(storageText, 'Add Bookmark'));
  assert.equal(resolveSpecRef('requirements >   add bookmark', smd)?.kind, 'requirement');
  assert.equal(resolveSpecRef('Add Bookmark', smd)?.kind, 'requirement');
  assert.equal(resolveSpecRef('Search by Tag', smd)?.kind, 'example');
  assert.equal(resolveSpecRef('Examples > Search by Tag', smd)?.kind, 'example');
  const goals = resolveSpecRef('STORAGE:Goals', smd);
  assert.equal(goals?.kind, 'section');
  assert.deepEqual(goals?.range, rangeOf(storageText, '## Goals'));
  const notes = resolveSpecRef('Notes', smd);
  assert.ok(notes?.kind === 'section' && notes.section === undefined);
  assert.equal(resolveSpecRef('Requirements > Nope', smd), undefined);
  assert.equal(resolveSpecRef('Goals > Add Bookmark', smd), undefined);

  const amds = ctx.amdsFor('EXPENSE_TRACKER');
  const amdText = readFileSync(corpusPath('spenny', 'specs', 'expense_tracker.amd'), 'utf8');
  const storage = resolveArchRef('Components > Storage', amds);
  assert.equal(storage?.kind, 'component');
  assert.deepEqual(storage?.range, rangeIn(amdText, '### Storage', 'Storage'));
  assert.equal(resolveArchRef('Core', amds)?.kind, 'component');
  assert.equal(resolveArchRef('Data Models > expenses.json', amds)?.kind, 'dataModel');
  assert.equal(resolveArchRef('EXPENSE_TRACKER:Data Models', amds)?.kind, 'section');
  assert.equal(resolveArchRef('Components > Nope', amds), undefined);
  assert.equal(
    stripSpecPrefix('EXPENSE_TRACKER:Goals', (id) => id === 'EXPENSE_TRACKER'),
    'Goals',
  );
  assert.equal(
    stripSpecPrefix('Storage: Add', (id) => id === 'EXPENSE_TRACKER'),
    'Storage: Add',
  );
});

test('a valid plan gives no diagnostics and a typed plan', () => {
  const result = checkPlan(plan([task('001'), task('002', { depends_on: '["001"]' })]), FILE, ctx);
  assert.deepEqual(result.diagnostics, []);
  assert.equal(result.plan?.task[1]?.depends_on[0], '001');
});

test('OSS600 TOML syntax error, at the error position', () => {
  const text = plan([task('001', { title: '"unterminated' })]);
  const diagnostics = check(text);
  assert.equal(diagnostics.length, 1);
  const [d] = diagnostics;
  assert.equal(d?.code, PLAN_CODES.tomlSyntax.code);
  assert.equal(d?.range.start.line, rangeOf(text, '"unterminated').start.line);
  covered.add(PLAN_CODES.tomlSyntax.code);
});

test('OSS601 invalid value: unknown status, at the value, with a did-you-mean fix', () => {
  const text = plan([task('001', { status: '"donee"' })]);
  const d = expectOne(text, PLAN_CODES.invalidValue, rangeOf(text, '"donee"'));
  assert.match(d.message, /task 001 `status`/);
  assert.equal(d.fixes[0]?.edits[0]?.newText, '"done"');
  const typed = plan([task('001', { outputs: '["a.py", 3]' })]);
  expectOne(typed, PLAN_CODES.invalidValue, rangeIn(typed, '["a.py", 3]', '3'));
  assert.equal(checkPlan(typed, FILE, ctx).plan, undefined);
});

test('OSS602 missing required field, at the task header', () => {
  const text = plan([task('001'), task('002', { outputs: '' })]);
  const d = expectOne(text, PLAN_CODES.missingField, rangeOf(text, '[[task]]', 1));
  assert.match(d.message, /task 002 has no `outputs`/);
});

test('OSS603 unknown task key, at the key, with a rename fix', () => {
  const text = plan([task('001', { inject_file: '["a.py"]' })]);
  const d = expectOne(text, PLAN_CODES.unknownKey, rangeOf(text, 'inject_file'));
  assert.equal(d.fixes[0]?.edits[0]?.newText, 'inject_files');
});

test('OSS604 total_tasks not matching the task count (warning)', () => {
  const text = plan([task('001')]).replace('total_tasks = 1', 'total_tasks = 3');
  const d = expectOne(text, PLAN_CODES.totalTasksMismatch, rangeIn(text, 'total_tasks = 3', '3'));
  assert.equal(d.fixes[0]?.edits[0]?.newText, '1');
});

test('OSS605 [meta] specs naming no spec', () => {
  const text = plan([task('001')]).replace(
    'specs = ["EXPENSE_TRACKER"]',
    'specs = ["EXPENSE_TRACKER", "GHOST"]',
  );
  expectOne(text, PLAN_CODES.metaUnknownSpec, rangeOf(text, '"GHOST"'));
});

test('OSS606 verify as one string (older format) is accepted, with an info and a fix', () => {
  const text = plan([task('001', { verify: '"pytest -q"' })]);
  const result = checkPlan(text, FILE, ctx);
  assert.deepEqual(result.plan?.task[0]?.verify, ['pytest -q']);
  const d = expectOne(text, PLAN_CODES.legacyVerifyString, rangeOf(text, '"pytest -q"'));
  assert.equal(d.fixes[0]?.edits[0]?.newText, '[\n    "pytest -q",\n]');
});

test('OSS610 duplicate task id, at the second id, related to the first', () => {
  const text = plan([task('001'), task('001', { title: '"Again"' })]);
  const d = expectOne(text, PLAN_CODES.duplicateTaskId, rangeOf(text, '"001"', 1));
  assert.deepEqual(d.related[0]?.range, rangeOf(text, '"001"', 0));
});

test('OSS611 depends_on naming no task, at the entry', () => {
  const text = plan([task('001'), task('002', { depends_on: '["001", "099"]' })]);
  expectOne(text, PLAN_CODES.unknownDependency, rangeOf(text, '"099"'));
});

test('OSS612 depending on a later task, at the entry', () => {
  const text = plan([task('001', { depends_on: '["002"]' }), task('002')]);
  const d = expectOne(text, PLAN_CODES.forwardDependency, rangeIn(text, 'depends_on = ["002"]', '"002"'));
  assert.deepEqual(d.related[0]?.range, rangeIn(text, 'id = "002"', '"002"'));
});

test('OSS613 a dependency cycle is reported once (not also as forward dependencies)', () => {
  const text = plan([
    task('001', { depends_on: '["003"]' }),
    task('002', { depends_on: '["001"]' }),
    task('003', { depends_on: '["002"]' }),
  ]);
  const d = expectOne(text, PLAN_CODES.dependencyCycle, rangeIn(text, 'depends_on = ["003"]', '"003"'));
  assert.match(d.message, /task 001 → task 003 → task 002 → task 001/);
  assert.equal(d.related.length, 2);
  assert.deepEqual(withCode(check(text), PLAN_CODES.forwardDependency), []);
  const self = plan([task('001', { depends_on: '["001"]' })]);
  expectOne(self, PLAN_CODES.dependencyCycle, rangeIn(self, 'depends_on = ["001"]', '"001"'));
});

test('OSS614 the same entry twice in outputs or inject_files, at the repeat', () => {
  const text = plan([task('001', { outputs: '["a.py", "b.py", "a.py"]' })]);
  const d = expectOne(text, PLAN_CODES.duplicateEntry, rangeOf(text, '"a.py"', 1));
  assert.deepEqual(d.related[0]?.range, rangeOf(text, '"a.py"', 0));
  const inject = plan([
    task('001'),
    task('002', { depends_on: '["001"]', inject_files: '["x.py", "x.py"]' }),
  ]);
  expectOne(inject, PLAN_CODES.duplicateEntry, rangeOf(inject, '"x.py"', 1));
});

const copy = (fields: Record<string, string>) =>
  task('001', { outputs: '["assets/a.wav"]', source: '["context://a.wav"]', verify: '[]', ...fields });

test('OSS620 a copy task with verify commands (warning: ignored), at the verify key', () => {
  const text = plan([copy({ verify: '["test -f a.wav"]' })]);
  const d = expectOne(text, PLAN_CODES.copyTaskVerify, rangeOf(text, 'verify'));
  assert.equal(d.fixes[0]?.edits[0]?.newText, '[]');
  assert.deepEqual(check(plan([copy({})])), []);
});

test('OSS621 a source with another scheme, an absolute path or ..', () => {
  for (const bad of ['"http://x/a.wav"', '"/etc/a.wav"', '"context://../a.wav"']) {
    const text = plan([copy({ source: `[${bad}]` })]);
    expectOne(text, PLAN_CODES.invalidSource, rangeOf(text, bad));
  }
});

test('OSS622 different numbers of sources and outputs, at the source key', () => {
  const text = plan([copy({ source: '["a.wav", "b.wav"]' })]);
  expectOne(text, PLAN_CODES.sourceOutputCount, rangeOf(text, 'source'));
});

test('OSS623 too many wildcards, or a wildcard paired with a plain path', () => {
  const text = plan([copy({ source: '["context://sounds/*.wav"]' })]);
  expectOne(text, PLAN_CODES.copyWildcard, rangeOf(text, '"context://sounds/*.wav"'));
  const two = plan([copy({ source: '["**/*.wav"]', outputs: '["assets/*.wav"]' })]);
  expectOne(two, PLAN_CODES.copyWildcard, rangeOf(two, '"**/*.wav"'));
  assert.deepEqual(check(plan([copy({ source: '["sounds/*.wav"]', outputs: '["assets/*.wav"]' })])), []);
});

test('OSS630 a task naming no spec, at the value, with a did-you-mean fix', () => {
  const text = plan([task('001', { spec: '"EXPENSE_TRACKR"' })]);
  const d = expectOne(text, PLAN_CODES.unknownSpec, rangeOf(text, '"EXPENSE_TRACKR"'));
  assert.equal(d.fixes[0]?.edits[0]?.newText, '"EXPENSE_TRACKER"');
});

test('OSS631 spec_refs naming nothing in the spec, at the entry, with a suggestion', () => {
  const text = plan([task('001', { spec_refs: '["Goals", "Requirements > Add an Expanse"]' })]);
  const d = expectOne(text, PLAN_CODES.unknownSpecRef, rangeOf(text, '"Requirements > Add an Expanse"'));
  assert.equal(d.fixes[0]?.edits[0]?.newText, '"Requirements > Add an Expense"');
});

test('OSS632 arch_refs naming nothing in the architecture, or on a spec without an AMD', () => {
  const text = plan([task('001', { arch_refs: '["Components > Storag"]' })]);
  const d = expectOne(text, PLAN_CODES.unknownArchRef, rangeOf(text, '"Components > Storag"'));
  assert.equal(d.fixes[0]?.edits[0]?.newText, '"Components > Storage"');
  const noAmd = plan([task('001', { spec: '"STORAGE"', spec_refs: '["Goals"]', arch_refs: '["Overview"]' })]);
  expectOne(noAmd, PLAN_CODES.unknownArchRef, rangeOf(noAmd, '"Overview"'));
});

test('OSS633 a standard section the spec lacks (info: adds nothing)', () => {
  const text = plan([task('001', { spec_refs: '["Notes"]' })]);
  expectOne(text, PLAN_CODES.emptyRef, rangeOf(text, '"Notes"'));
});

test('OSS634 cross_spec_interfaces naming no spec', () => {
  const text = plan([task('001', { cross_spec_interfaces: '["STORAGE", "NOPE"]' })]);
  expectOne(text, PLAN_CODES.unknownInterfaceSpec, rangeOf(text, '"NOPE"'));
});

test('OSS635 the older SPEC_ID: prefix is accepted (info with a fix to drop it)', () => {
  const text = plan([task('001', { spec_refs: '["EXPENSE_TRACKER:Data Persistence"]' })]);
  const d = expectOne(text, PLAN_CODES.legacyRefPrefix, rangeOf(text, '"EXPENSE_TRACKER:Data Persistence"'));
  assert.equal(d.fixes[0]?.edits[0]?.newText, '"Data Persistence"');
  assert.deepEqual(withCode(check(text), PLAN_CODES.unknownSpecRef), []);
});

test('an older-format plan (verify strings, SPEC:-prefixed refs) has only infos', () => {
  const text = plan([
    task('001', {
      verify: `"uv run python -c 'import spenny'"`,
      spec_refs: '["EXPENSE_TRACKER:Goals", "EXPENSE_TRACKER:Constraints"]',
      arch_refs: '["EXPENSE_TRACKER:Components > Storage", "EXPENSE_TRACKER:Data Models > expenses.json"]',
    }),
  ]);
  const result = checkPlan(text, FILE, ctx);
  assert.ok(result.plan);
  assert.deepEqual(
    result.diagnostics.filter((d) => d.severity !== 'info'),
    [],
  );
  assert.equal(withCode(result.diagnostics, PLAN_CODES.legacyRefPrefix).length, 4);
});

test('problems are all reported at once', () => {
  const text = plan(
    [task('001', { status: '"bogus"', depends_on: '["404"]' }), task('001', { spec: '"GHOST"' })],
    'extra = 1\n',
  );
  const codes = new Set(check(text).map((d) => d.code));
  for (const info of [
    PLAN_CODES.invalidValue,
    PLAN_CODES.unknownDependency,
    PLAN_CODES.duplicateTaskId,
    PLAN_CODES.unknownSpec,
    PLAN_CODES.unknownKey,
  ]) {
    assert.ok(codes.has(info.code), info.code);
  }
});

test('every plan code has a failing fixture above', () => {
  for (const info of Object.values(PLAN_CODES))
    assert.ok(covered.has(info.code), `${info.code} not exercised`);
});
