import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeFreshPlan } from '../../shared/src/audit/fresh-merge';
import { resolvePreservedRefs } from '../../shared/src/audit/preserved-refs';
import { renderPlanText } from '../../shared/src/store/plan-file';
import { loadCorpusProject } from '../support/audit/corpus-project';
import { plannerTask, verifyTask } from '../support/audit/plan-builders';

for (const name of ['spenny', 'markman'] as const) {
  test(`${name}: a fresh merge of the stored planner answers reproduces plan.toml byte for byte (statuses aside)`, () => {
    const project = loadCorpusProject(name);
    const stored = project.plan();
    const specPlans = new Map(
      project.specOrder.map((id) => [id, resolvePreservedRefs(project.plannerResponse(id), [])]),
    );
    const plan = mergeFreshPlan({
      levels: project.workspace.index.graph.levels,
      depends: project.depends,
      specPlans,
      date: new Date(stored.meta.generated_at),
    });
    assert.ok(plan.task.every((t) => t.status === 'pending'));
    // Every corpus task is `done`: the build set that, not the merge.
    for (const task of plan.task) task.status = 'done';
    assert.equal(renderPlanText(plan), project.read('plan.toml'));
  });
}

const depends = new Map([
  ['A', []],
  ['B', ['A', 'GHOST']],
]);

test('verify tasks follow their spec, depend on the producer of their target, and become its last task', () => {
  const plan = mergeFreshPlan({
    levels: [['A'], ['B']],
    depends,
    specPlans: new Map([
      ['A', [plannerTask('core', ['src/core.py']), plannerTask('cli', ['src/cli.py'], [1])]],
      ['B', [plannerTask('web', ['src/web.py']), plannerTask('tests', ['tests/test_web.py'], [1])]],
    ]),
    verifyTasks: new Map([
      ['A', [verifyTask('A', 'add', 'src/core.py'), verifyTask('A', 'misc', 'src/none.py')]],
    ]),
    date: new Date('2026-01-02T03:04:05Z'),
  });
  assert.deepEqual(plan.meta, { generated_at: '2026-01-02T03:04:05Z', total_tasks: 6, specs: ['A', 'B'] });
  assert.deepEqual(
    plan.task.map((t) => [t.id, t.spec, t.kind, t.depends_on, t.inject_files, t.cross_spec_interfaces]),
    [
      ['001', 'A', 'task', [], [], []],
      ['002', 'A', 'task', ['001'], ['src/core.py'], []],
      ['003', 'A', 'verify', ['001'], [], []],
      ['004', 'A', 'verify', ['002'], [], []],
      ['005', 'B', 'task', ['004'], [], ['A']],
      ['006', 'B', 'task', ['005'], ['src/web.py'], ['A']],
    ],
  );
  const verify = plan.task[2]!;
  assert.deepEqual(
    {
      vmd_file: verify.vmd_file,
      vmd_group: verify.vmd_group,
      spec_refs: verify.spec_refs,
      covers: verify.covers,
      verify: verify.verify,
      status: verify.status,
    },
    {
      vmd_file: 'specs/a.vmd',
      vmd_group: 'add/1',
      spec_refs: [],
      covers: ['add'],
      verify: ['python -m pytest tests/test_checks_add.py -q'],
      status: 'pending',
    },
  );
  assert.ok(
    renderPlanText(plan).includes('kind = "verify"\nvmd_file = "specs/a.vmd"\nvmd_group = "add/1"\n'),
  );
});

test('depends_on: local indices to global ids; self, forward, unknown and repeated ones dropped', () => {
  const plan = mergeFreshPlan({
    levels: [['A']],
    depends,
    specPlans: new Map([
      [
        'A',
        [
          plannerTask('one', ['a.py'], [1, 2]),
          plannerTask('two', ['b.py', 'a.py'], [1, 1, 9]),
          plannerTask('three', ['c.py'], [2, 1, 3]),
        ],
      ],
    ]),
    date: new Date(0),
  });
  assert.deepEqual(
    plan.task.map((t) => [t.depends_on, t.inject_files]),
    [
      [[], []],
      [['001'], ['a.py']],
      [
        ['002', '001'],
        ['b.py', 'a.py'],
      ],
    ],
  );
});

test('planner fields are carried: refs, verify, context files, copy sources, covers', () => {
  const plan = mergeFreshPlan({
    levels: [['A']],
    depends,
    specPlans: new Map([
      [
        'A',
        [
          plannerTask('copy', ['assets/*.mp3'], [], {
            source: ['context://sounds/*.mp3'],
            spec_refs: ['Goals'],
            arch_refs: ['Components > X'],
            context_files: ['sounds/readme.md'],
            covers: ['play'],
            verify: [],
          }),
        ],
      ],
    ]),
    date: new Date(0),
  });
  const [task] = plan.task;
  assert.deepEqual(
    [task!.source, task!.spec_refs, task!.arch_refs, task!.context_files, task!.covers, task!.notes],
    [['context://sounds/*.mp3'], ['Goals'], ['Components > X'], ['sounds/readme.md'], ['play'], ''],
  );
});

test('a spec without a planner answer gets no tasks and is not listed', () => {
  const plan = mergeFreshPlan({
    levels: [['A'], ['B']],
    depends,
    specPlans: new Map([['B', [plannerTask('web', ['w.py'])]]]),
    date: new Date(0),
  });
  assert.deepEqual(plan.meta.specs, ['B']);
  assert.deepEqual(plan.task[0]!.depends_on, []);
  assert.deepEqual(plan.task[0]!.cross_spec_interfaces, []);
});
