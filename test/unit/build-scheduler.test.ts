import assert from 'node:assert/strict';
import { test } from 'node:test';
import { retryReset } from '../../shared/src/build/run/retry-reset';
import { TaskScheduler } from '../../shared/src/build/run/scheduler';
import { SelectionError } from '../../shared/src/build/selection';
import { type PlanTask, type PlanTaskInput, planTaskSchema } from '../../shared/src/model/plan';

function t(id: string, spec: string, extra: Partial<PlanTaskInput> = {}): PlanTask {
  return planTaskSchema.parse({
    id,
    spec,
    title: `Task ${id}`,
    description: '',
    outputs: [`${spec}/${id}.js`],
    depends_on: [],
    spec_refs: [],
    arch_refs: [],
    verify: [],
    ...extra,
  } satisfies PlanTaskInput);
}

/** Runs the scheduler to the end with unlimited slots; returns the waves of ids that start together. */
function waves(tasks: PlanTask[], depends: Record<string, string[]> = {}): string[][] {
  const scheduler = new TaskScheduler(tasks, depends);
  const out: string[][] = [];
  for (let ready = scheduler.ready(); ready.length > 0; ready = scheduler.ready()) {
    for (const i of ready) scheduler.start(i);
    out.push(ready.map((i) => (tasks[i] as PlanTask).id));
    for (const i of ready) scheduler.settle(i);
  }
  return out;
}

test('scheduler: independent specs run side by side, each spec in plan order', () => {
  const tasks = [t('001', 'A'), t('002', 'B'), t('003', 'A'), t('004', 'B')];
  assert.deepEqual(waves(tasks), [
    ['001', '002'],
    ['003', '004'],
  ]);
});

test('scheduler: a spec waits for every task of the specs it depends on (SMD depends)', () => {
  const tasks = [t('001', 'A'), t('002', 'A'), t('003', 'B'), t('004', 'C')];
  assert.deepEqual(waves(tasks, { B: ['A'] }), [['001', '004'], ['002'], ['003']]);
});

test('scheduler: cross_spec_interfaces and cross-spec depends_on order specs too', () => {
  const viaInterface = [t('001', 'A'), t('002', 'B', { cross_spec_interfaces: ['A'] })];
  assert.deepEqual(waves(viaInterface), [['001'], ['002']]);
  const viaDepends = [t('001', 'A'), t('002', 'A'), t('003', 'B'), t('004', 'B', { depends_on: ['001'] })];
  // B's first task waits for all of A too: B depends on A through one of its tasks.
  assert.deepEqual(waves(viaDepends), [['001'], ['002'], ['003'], ['004']]);
});

test('scheduler: two tasks declaring the same output or inject file never overlap', () => {
  const tasks = [
    t('001', 'A', { outputs: ['package.json'] }),
    t('002', 'B', { outputs: ['package.json'] }),
    t('003', 'C', { outputs: ['c.js'], inject_files: ['package.json'] }),
    t('004', 'D'),
  ];
  assert.deepEqual(waves(tasks), [['001', '004'], ['002'], ['003']]);
});

test('scheduler: a task becomes ready only when all it waits for settled', () => {
  const tasks = [t('001', 'A'), t('002', 'B'), t('003', 'C', { depends_on: ['001', '002'] })];
  const scheduler = new TaskScheduler(tasks, {});
  assert.deepEqual(scheduler.ready(), [0, 1]);
  scheduler.start(0);
  scheduler.start(1);
  scheduler.settle(0);
  assert.deepEqual(scheduler.ready(), []);
  scheduler.settle(1);
  assert.deepEqual(scheduler.ready(), [2]);
});

test('retry: no flag resets every failed task; none → says so', () => {
  const tasks = [
    t('001', 'A', { status: 'done' }),
    t('002', 'A', { status: 'failed' }),
    t('003', 'B', { status: 'failed' }),
  ];
  const reset = retryReset(tasks, {});
  assert.deepEqual(
    [...reset.statuses],
    [
      ['002', 'pending'],
      ['003', 'pending'],
    ],
  );
  assert.equal(retryReset([t('001', 'A', { status: 'done' })], {}).message, 'No failed tasks to retry.');
});

test('retry --only resets the task and its transitive dependents, padding the id', () => {
  const tasks = [
    t('001', 'A', { status: 'done' }),
    t('002', 'A', { status: 'failed', depends_on: ['001'] }),
    t('003', 'A', { status: 'done', depends_on: ['002'] }),
    t('004', 'B', { status: 'done', depends_on: ['003'] }),
    t('005', 'B', { status: 'done' }),
  ];
  const reset = retryReset(tasks, { only: '2' });
  assert.deepEqual([...reset.statuses.keys()], ['002', '003', '004']);
  assert.equal(reset.message, 'Reset task 002 to pending (+2 dependents)');
});

test('retry --from resets every task from the id on except manual ones', () => {
  const tasks = [
    t('001', 'A', { status: 'done' }),
    t('002', 'A', { status: 'done' }),
    t('003', 'A', { status: 'manual' }),
    t('004', 'B', { status: 'skipped' }),
  ];
  assert.deepEqual([...retryReset(tasks, { from: '002' }).statuses.keys()], ['002', '004']);
});

test('retry: an unknown id names the valid range; --from with --only is refused', () => {
  const tasks = [t('001', 'A'), t('002', 'A')];
  assert.throws(
    () => retryReset(tasks, { only: '9' }),
    (e: Error) => e instanceof SelectionError && e.message === "Unknown task '9'. Valid range: 001-002",
  );
  assert.throws(() => retryReset(tasks, { only: '1', from: '1' }), SelectionError);
});
