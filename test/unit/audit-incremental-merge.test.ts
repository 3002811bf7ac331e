import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeIncrementalPlan } from '../../shared/src/audit/incremental-merge';
import { previousTasksForSpec } from '../../shared/src/audit/planner-input';
import { resolvePreservedRefs, unresolvedRefTitle } from '../../shared/src/audit/preserved-refs';
import type { SpecPlanEntry } from '../../shared/src/audit/types';
import type { Plan, PlanTask } from '../../shared/src/model/plan';
import { loadCorpusProject } from '../support/audit/corpus-project';
import { plannerTask, verifyTask } from '../support/audit/plan-builders';

const markman = () => loadCorpusProject('markman');
const DATE = new Date('2026-06-01T00:00:00Z');

/** "Keep every task": one PreservedTaskRef per previous task, with its same-spec dependencies. */
function keepAll(previous: readonly PlanTask[]): SpecPlanEntry[] {
  const number = new Map(previous.map((t, i) => [t.id, i + 1]));
  return previous.map((t, i) => ({
    kind: 'preserved',
    previous_index: i + 1,
    depends_on: t.depends_on.flatMap((d) => (number.has(d) ? [number.get(d)!] : [])),
  }));
}

function replan(existing: Plan, changed: Record<string, (previous: PlanTask[]) => SpecPlanEntry[]>) {
  const project = markman();
  const specPlans = new Map(
    Object.entries(changed).map(([id, make]) => {
      const previous = previousTasksForSpec(existing.task, id);
      return [id, resolvePreservedRefs({ tasks: make(previous) }, previous)] as const;
    }),
  );
  return mergeIncrementalPlan({
    existing,
    specPlans,
    changed: new Set(Object.keys(changed)),
    levels: project.workspace.index.graph.levels,
    depends: project.depends,
    date: DATE,
  });
}

for (const spec of ['STORAGE', 'CLI', 'WEBUI']) {
  test(`markman: re-planning ${spec} with every task preserved gives back the same plan`, () => {
    const existing = markman().plan();
    const { plan, idRemap, matchedOldIds } = replan(existing, { [spec]: keepAll });
    assert.deepEqual(plan.task, existing.task);
    assert.deepEqual(plan.meta.specs, existing.meta.specs);
    assert.equal(plan.meta.generated_at, '2026-06-01T00:00:00Z');
    assert.deepEqual(
      [...idRemap],
      existing.task.map((t) => [t.id, t.id]),
    );
    assert.deepEqual(
      [...matchedOldIds],
      existing.task.filter((t) => t.spec === spec).map((t) => t.id),
    );
  });
}

test('markman: a changed spec is renumbered and re-planned; the other specs are kept and shifted', () => {
  const existing = markman().plan();
  // CLI: task 4 ("Web: serve stub") is replaced by two new tasks; the rest is preserved.
  const { plan, idRemap, matchedOldIds } = replan(existing, {
    CLI: (previous) => {
      const kept = keepAll(previous);
      return [
        ...kept.slice(0, 3),
        plannerTask('Web: router', ['src/web/router.rs'], [1]),
        plannerTask('Web: serve', ['src/web/serve.rs'], [1, 4]),
        ...kept.slice(4).map((ref) => ({ ...ref, depends_on: ref.depends_on.filter((d) => d !== 4) })),
      ];
    },
  });
  const byId = new Map(plan.task.map((t) => [t.id, t]));
  // STORAGE: untouched.
  assert.deepEqual(plan.task.slice(0, 7), existing.task.slice(0, 7));
  // CLI: 9 tasks (008–016); the new ones are pending, the preserved ones done.
  const cli = plan.task.filter((t) => t.spec === 'CLI');
  assert.deepEqual(
    cli.map((t) => [t.id, t.status]),
    [
      ['008', 'done'],
      ['009', 'done'],
      ['010', 'done'],
      ['011', 'pending'],
      ['012', 'pending'],
      ['013', 'done'],
      ['014', 'done'],
      ['015', 'done'],
      ['016', 'done'],
    ],
  );
  assert.deepEqual(byId.get('008')!.depends_on, ['007']);
  assert.deepEqual(byId.get('012')!.depends_on, ['008', '011']);
  assert.deepEqual(byId.get('012')!.inject_files, ['Cargo.toml', 'src/web/router.rs']);
  assert.deepEqual(byId.get('012')!.cross_spec_interfaces, ['STORAGE']);
  // WEBUI: kept verbatim, shifted by one; its dependency on STORAGE's last task still points at 007.
  const webui = plan.task.filter((t) => t.spec === 'WEBUI');
  const oldWebui = existing.task.filter((t) => t.spec === 'WEBUI');
  assert.deepEqual(
    webui.map((t) => [t.id, t.depends_on]),
    [
      ['017', ['007']],
      ['018', ['017']],
      ['019', ['017', '018']],
    ],
  );
  assert.deepEqual(
    webui.map(({ id: _id, depends_on: _d, ...rest }) => rest),
    oldWebui.map(({ id: _id, depends_on: _d, ...rest }) => rest),
  );
  // The remap: STORAGE and the preserved CLI tasks, then WEBUI; 011 (the old serve stub) is gone.
  assert.equal(idRemap.get('011'), undefined);
  assert.equal(idRemap.get('012'), '013');
  assert.equal(idRemap.get('016'), '017');
  assert.deepEqual([...matchedOldIds].sort(), ['008', '009', '010', '012', '013', '014', '015']);
  assert.equal(plan.meta.total_tasks, 19);
});

test('a task the re-plan preserves keeps its hand edits, notes, status and extra keys', () => {
  const existing = markman().plan();
  const edited = existing.task.find((t) => t.id === '010')!;
  edited.description = 'Edited by hand.';
  edited.verify = ['cargo check', 'cargo clippy'];
  edited.notes = 'Use WAL mode.';
  edited.status = 'manual';
  (edited as Record<string, unknown>).owner = 'ana';
  const { plan } = replan(existing, { CLI: keepAll });
  const task = plan.task.find((t) => t.id === '010')!;
  assert.equal(task.description, 'Edited by hand.');
  assert.deepEqual(task.verify, ['cargo check', 'cargo clippy']);
  assert.equal(task.notes, 'Use WAL mode.');
  assert.equal(task.status, 'manual');
  assert.equal((task as Record<string, unknown>).owner, 'ana');
});

test('carry-over by exact output set: statuses and notes kept, failed reset, shared outputs ambiguous', () => {
  const existing = markman().plan();
  existing.task.find((t) => t.id === '012')!.status = 'failed';
  existing.task.find((t) => t.id === '013')!.notes = 'check exit codes';
  // Full tasks only (no PreservedTaskRef): matching is by output set.
  const { plan, matchedOldIds } = replan(existing, {
    CLI: () => [
      plannerTask('deps', ['Cargo.toml']),
      plannerTask('args', ['src/cli.rs'], [1]),
      plannerTask('main', ['src/main.rs'], [1, 2]),
      plannerTask('new', ['src/extra.rs'], [1]),
    ],
    STORAGE: () => [plannerTask('deps', ['Cargo.toml']), plannerTask('store', ['src/storage.rs'], [1])],
  });
  const get = (spec: string, title: string) => plan.task.find((t) => t.spec === spec && t.title === title)!;
  assert.equal(get('CLI', 'deps').status, 'done');
  assert.equal(get('CLI', 'args').status, 'pending'); // was failed
  assert.equal(get('CLI', 'main').status, 'done');
  assert.equal(get('CLI', 'main').notes, 'check exit codes');
  assert.equal(get('CLI', 'new').status, 'pending');
  assert.equal(get('STORAGE', 'deps').status, 'done');
  // Six old STORAGE tasks wrote src/storage.rs: no unique match.
  assert.equal(get('STORAGE', 'store').status, 'pending');
  assert.deepEqual([...matchedOldIds].sort(), ['001', '008', '012', '013']);
});

test('preserved STORAGE tasks keep done although six of them share one output file', () => {
  const existing = markman().plan();
  const { plan } = replan(existing, {
    STORAGE: (previous) => [...keepAll(previous).slice(0, 6), plannerTask('tests', ['src/storage.rs'], [6])],
  });
  const storage = plan.task.filter((t) => t.spec === 'STORAGE');
  assert.deepEqual(
    storage.map((t) => t.status),
    ['done', 'done', 'done', 'done', 'done', 'done', 'pending'],
  );
});

test('an out-of-range PreservedTaskRef becomes a pending placeholder', () => {
  const existing = markman().plan();
  const { plan } = replan(existing, {
    WEBUI: (previous) => [...keepAll(previous), { kind: 'preserved', previous_index: 9, depends_on: [1] }],
  });
  const last = plan.task[plan.task.length - 1]!;
  assert.deepEqual(
    [last.title, last.status, last.outputs, last.verify, last.depends_on],
    [unresolvedRefTitle(9), 'pending', [], ['true'], ['016']],
  );
  assert.equal(unresolvedRefTitle(9), '[unresolved ref: previous_index=9]');
});

test('verify tasks: kept as verify tasks in unchanged specs, matched by outputs in changed ones', () => {
  const project = markman();
  const first = mergeIncrementalPlan({
    existing: project.plan(),
    specPlans: new Map([
      [
        'WEBUI',
        resolvePreservedRefs(
          { tasks: keepAll(previousTasksForSpec(project.plan().task, 'WEBUI')) },
          previousTasksForSpec(project.plan().task, 'WEBUI'),
        ),
      ],
    ]),
    changed: new Set(['WEBUI']),
    levels: project.workspace.index.graph.levels,
    depends: project.depends,
    verifyTasks: new Map([['WEBUI', [verifyTask('WEBUI', 'render', 'src/web.rs')]]]),
    date: DATE,
  }).plan;
  const verify = first.task[first.task.length - 1]!;
  assert.deepEqual(
    [verify.id, verify.kind, verify.depends_on, verify.status],
    ['019', 'verify', ['018'], 'pending'],
  );
  verify.status = 'done';

  // CLI changes next: WEBUI is kept, its verify task stays a verify task.
  const cliPrevious = previousTasksForSpec(first.task, 'CLI');
  const second = mergeIncrementalPlan({
    existing: first,
    specPlans: new Map([['CLI', resolvePreservedRefs({ tasks: keepAll(cliPrevious) }, cliPrevious)]]),
    changed: new Set(['CLI']),
    levels: project.workspace.index.graph.levels,
    depends: project.depends,
    date: DATE,
  }).plan;
  assert.deepEqual(second.task[second.task.length - 1], verify);

  // WEBUI changes again: the same verify task takes over the old one (same outputs).
  const webPrevious = previousTasksForSpec(second.task, 'WEBUI');
  const third = mergeIncrementalPlan({
    existing: second,
    specPlans: new Map([['WEBUI', resolvePreservedRefs({ tasks: keepAll(webPrevious) }, webPrevious)]]),
    changed: new Set(['WEBUI']),
    levels: project.workspace.index.graph.levels,
    depends: project.depends,
    verifyTasks: new Map([['WEBUI', [verifyTask('WEBUI', 'render', 'src/web.rs')]]]),
    date: DATE,
  });
  assert.equal(third.plan.task[third.plan.task.length - 1]!.status, 'done');
  assert.equal(third.idRemap.get('019'), '019');
});

test('specs gone from the graph, and changed specs without a new plan, lose their tasks', () => {
  const project = markman();
  const result = mergeIncrementalPlan({
    existing: project.plan(),
    specPlans: new Map(),
    changed: new Set(['CLI']),
    levels: [['STORAGE']],
    depends: project.depends,
    date: DATE,
  });
  assert.deepEqual(result.plan.meta.specs, ['STORAGE']);
  assert.equal(result.plan.task.length, 7);
  assert.equal(result.idRemap.size, 7);
});

test('a kept task whose same-spec dependency no longer resolves drops it instead of pointing elsewhere', () => {
  const existing = markman().plan();
  existing.task.find((t) => t.id === '017')!.depends_on = ['016', '018', '999'];
  const { plan } = replan(existing, { CLI: keepAll });
  assert.deepEqual(plan.task.find((t) => t.id === '017')!.depends_on, ['016']);
});

test('preserved tasks are taken over by id, even when the previous list came from another read of the plan', () => {
  const project = markman();
  const existing = project.plan();
  const previous = previousTasksForSpec(project.plan().task, 'STORAGE');
  const { plan } = mergeIncrementalPlan({
    existing,
    specPlans: new Map([['STORAGE', resolvePreservedRefs({ tasks: keepAll(previous) }, previous)]]),
    changed: new Set(['STORAGE']),
    levels: project.workspace.index.graph.levels,
    depends: project.depends,
    date: DATE,
  });
  assert.deepEqual(plan.task, existing.task);
});
