import assert from 'node:assert/strict';
import { test } from 'node:test';
import { outputHash } from '../../shared/src/build/hashing';
import { neededSpecs, normalizeTaskId, SelectionError } from '../../shared/src/build/selection';
import {
  decideTask,
  type Observed,
  type RunProgress,
  type StateLike,
} from '../../shared/src/build/staleness';
import { type RunForecast, whatRuns } from '../../shared/src/build/what-runs';
import { type PlanTask, type PlanTaskInput, planTaskSchema } from '../../shared/src/model/plan';
import type { TaskState } from '../../shared/src/model/state';
import { readPlanFile } from '../../shared/src/store/plan-file';
import { readStateFile } from '../../shared/src/store/state-file';
import { corpusPath } from '../support/corpus';

/** `t('002', 'A', 'done', ['001'])` — a task with hashes `in:002` / `out:002` in {@link world}. */
function t(
  id: string,
  spec: string,
  status: PlanTask['status'],
  depends: string[] = [],
  extra: Partial<PlanTaskInput> = {},
): PlanTask {
  const input: PlanTaskInput = {
    id,
    spec,
    status,
    title: `Task ${id}`,
    description: '',
    outputs: [],
    depends_on: depends,
    spec_refs: [],
    arch_refs: [],
    verify: [],
    ...extra,
  };
  return planTaskSchema.parse(input);
}

/** Stored state for every task of the plan, and observations that agree with it. */
function world(tasks: PlanTask[]): {
  state: StateLike;
  observed: { inputHashes: Record<string, string>; outputHashes: Record<string, string> };
} {
  const stored: Record<string, TaskState> = {};
  const inputHashes: Record<string, string> = {};
  const outputHashes: Record<string, string> = {};
  for (const task of tasks) {
    stored[task.id] = {
      input_hash: `in:${task.id}`,
      output_hash: `out:${task.id}`,
      created_files: [],
      edited_files: [],
    };
    inputHashes[task.id] = `in:${task.id}`;
    outputHashes[task.id] = `out:${task.id}`;
  }
  return { state: { tasks: stored }, observed: { inputHashes, outputHashes } };
}

const verdicts = (forecast: RunForecast) => Object.fromEntries(forecast.decisions.map((d) => [d.id, d.run]));
const reasonsOf = (forecast: RunForecast, id: string) =>
  forecast.decisions.find((d) => d.id === id)?.reasons.map((r) => r.kind);
const decision = (forecast: RunForecast, id: string) => {
  const found = forecast.decisions.find((d) => d.id === id);
  assert.ok(found, id);
  return found;
};

test('a fully-done plan with matching hashes runs nothing, but still checks every hash', () => {
  const plan = { task: [t('001', 'A', 'done'), t('002', 'A', 'done', ['001'])] };
  const { state, observed } = world(plan.task);
  const clean = whatRuns(plan, state, observed);
  assert.deepEqual(clean.runs, []);
  assert.deepEqual(clean.maybe, []);
  assert.equal(decision(clean, '001').upToDate, 'hashes-match');
  // §9 quirk fixed: a hand-edited output of a fully-done plan is found.
  observed.outputHashes['002'] = 'out:edited';
  const edited = whatRuns(plan, state, observed);
  assert.deepEqual(edited.runs, ['002']);
  assert.deepEqual(reasonsOf(edited, '002'), ['output-modified']);
});

test('pending and failed tasks run with their status as the reason', () => {
  const plan = { task: [t('001', 'A', 'pending'), t('002', 'B', 'failed')] };
  const forecast = whatRuns(plan, { tasks: {} }, { inputHashes: {}, outputHashes: {} });
  assert.deepEqual(forecast.runs, ['001', '002']);
  assert.deepEqual(reasonsOf(forecast, '001'), ['pending']);
  assert.deepEqual(reasonsOf(forecast, '002'), ['failed']);
});

test('input changed, output modified, both, and a missing observation counts as changed', () => {
  const plan = {
    task: [t('001', 'A', 'done'), t('002', 'B', 'done'), t('003', 'C', 'done'), t('004', 'D', 'done')],
  };
  const { state, observed } = world(plan.task);
  observed.inputHashes['001'] = 'in:new';
  observed.outputHashes['002'] = 'out:new';
  observed.inputHashes['003'] = 'in:new';
  observed.outputHashes['003'] = 'out:new';
  delete observed.inputHashes['004'];
  const forecast = whatRuns(plan, state, observed);
  assert.deepEqual(forecast.runs, ['001', '002', '003', '004']);
  assert.deepEqual(reasonsOf(forecast, '001'), ['input-changed']);
  assert.deepEqual(reasonsOf(forecast, '002'), ['output-modified']);
  assert.deepEqual(reasonsOf(forecast, '003'), ['input-changed', 'output-modified']);
  assert.deepEqual(reasonsOf(forecast, '004'), ['input-changed']);
});

test('a done task without a state entry is backfilled, not run', () => {
  const plan = { task: [t('001', 'A', 'done')] };
  const forecast = whatRuns(plan, { tasks: {} }, { inputHashes: {}, outputHashes: {} });
  assert.deepEqual(forecast.runs, []);
  assert.equal(decision(forecast, '001').upToDate, 'backfill');
});

test('dependency rebuilt cascades through same-spec dependents only', () => {
  const plan = {
    task: [
      t('001', 'A', 'done'),
      t('002', 'A', 'done', ['001']),
      t('003', 'A', 'done', ['002']),
      t('004', 'A', 'done'),
      t('005', 'B', 'done', ['001']), // cross-spec dependency without an interface: not re-run
    ],
  };
  const { state, observed } = world(plan.task);
  observed.inputHashes['001'] = 'in:new';
  const forecast = whatRuns(plan, state, observed);
  assert.deepEqual(forecast.runs, ['001', '002', '003']);
  assert.deepEqual(decision(forecast, '002').reasons, [{ kind: 'dependency-rebuilt', tasks: ['001'] }]);
  assert.deepEqual(decision(forecast, '003').reasons, [{ kind: 'dependency-rebuilt', tasks: ['002'] }]);
  assert.equal(verdicts(forecast)['005'], 'no');
  // A pending dependency rebuilds too, and reasons combine with the task's own.
  const again = { task: [t('001', 'A', 'pending'), t('002', 'A', 'done', ['001'])] };
  const w = world(again.task);
  w.observed.outputHashes['002'] = 'out:new';
  assert.deepEqual(reasonsOf(whatRuns(again, w.state, w.observed), '002'), [
    'dependency-rebuilt',
    'output-modified',
  ]);
});

test('cross-spec dependents of a rebuilding spec run only if its interface changes (maybe)', () => {
  const plan = {
    task: [
      t('001', 'A', 'pending'),
      t('002', 'B', 'done', ['001'], { cross_spec_interfaces: ['A'] }),
      t('003', 'B', 'done', ['002']),
      t('004', 'C', 'done', [], { cross_spec_interfaces: ['B'] }),
      t('005', 'C', 'done', [], { cross_spec_interfaces: ['D'] }),
    ],
  };
  const { state, observed } = world(plan.task);
  const forecast = whatRuns(plan, state, observed);
  assert.deepEqual(forecast.runs, ['001']);
  assert.deepEqual(forecast.maybe, ['002', '003', '004']);
  assert.deepEqual(decision(forecast, '002').reasons, [{ kind: 'upstream-rebuilding', specs: ['A'] }]);
  assert.deepEqual(decision(forecast, '003').reasons, [{ kind: 'dependency-may-rebuild', tasks: ['002'] }]);
  assert.deepEqual(decision(forecast, '004').reasons, [{ kind: 'upstream-rebuilding', specs: ['B'] }]);
  // A maybe task that is stale anyway simply runs.
  observed.inputHashes['002'] = 'in:new';
  assert.deepEqual(whatRuns(plan, state, observed).runs, ['001', '002', '003']);
});

test('interface gate: an upstream spec that rebuilds but cannot complete makes dependents run', () => {
  const plan = {
    task: [
      t('001', 'A', 'pending'),
      t('002', 'A', 'skipped'), // A never gets all tasks done, so its interface is not re-extracted
      t('003', 'B', 'done', [], { cross_spec_interfaces: ['A'] }),
    ],
  };
  const { state, observed } = world(plan.task);
  const forecast = whatRuns(plan, state, observed);
  assert.deepEqual(forecast.runs, ['001', '003']);
  assert.deepEqual(decision(forecast, '003').reasons, [{ kind: 'upstream-interface-stale', specs: ['A'] }]);
  // A manual task counts as done for the interface too.
  const manual = { task: [t('001', 'A', 'pending'), t('002', 'A', 'manual'), plan.task[2] as PlanTask] };
  assert.deepEqual(whatRuns(manual, state, observed).maybe, ['003']);
});

function progress(over: Partial<RunProgress> = {}): RunProgress {
  return {
    rebuiltTasks: new Map(),
    rebuiltSpecs: new Set(),
    refreshedInterfaces: new Set(),
    changedInterfaces: new Set(),
    ...over,
  };
}

test('decideTask during a run: interface changed, not refreshed (gate), or refreshed and unchanged', () => {
  const task = t('005', 'B', 'done', ['001'], { cross_spec_interfaces: ['A'] });
  const stored: TaskState = {
    input_hash: 'in:005',
    output_hash: 'out:005',
    created_files: [],
    edited_files: [],
  };
  const same: Observed = { inputHashes: { '005': 'in:005' }, outputHashes: { '005': 'out:005' } };
  const moved: Observed = { inputHashes: { '005': 'in:new' }, outputHashes: { '005': 'out:005' } };
  const rebuiltA = { rebuiltTasks: new Map([['001', 'A']]), rebuiltSpecs: new Set(['A']) };
  const changed = decideTask(
    task,
    stored,
    moved,
    progress({ ...rebuiltA, refreshedInterfaces: new Set(['A']), changedInterfaces: new Set(['A']) }),
  );
  assert.equal(changed.run, 'yes');
  assert.deepEqual(changed.reasons, [
    { kind: 'upstream-interface-changed', specs: ['A'] },
    { kind: 'input-changed' },
  ]);
  const gate = decideTask(task, stored, same, progress(rebuiltA));
  assert.deepEqual(gate.reasons, [{ kind: 'upstream-interface-stale', specs: ['A'] }]);
  const unchanged = decideTask(
    task,
    stored,
    same,
    progress({ ...rebuiltA, refreshedInterfaces: new Set(['A']) }),
  );
  assert.deepEqual(unchanged, { run: 'no', reasons: [], upToDate: 'hashes-match' });
  // The gate and dependency-rebuilt win over a missing state entry (no backfill then).
  assert.equal(decideTask(task, undefined, same, progress(rebuiltA)).run, 'yes');
  // A task naming its own spec as an interface is not gated by its own spec's progress.
  const self = t('006', 'B', 'done', [], { cross_spec_interfaces: ['B'] });
  const selfStored = { ...stored, input_hash: 'in:006', output_hash: 'out:006' };
  const selfObserved = { inputHashes: { '006': 'in:006' }, outputHashes: { '006': 'out:006' } };
  assert.equal(
    decideTask(self, selfStored, selfObserved, progress({ rebuiltSpecs: new Set(['B']) })).run,
    'no',
  );
});

test('--force runs every selected task, never manual or skipped ones, and changes no status', () => {
  const plan = {
    task: [
      t('001', 'A', 'done'),
      t('002', 'A', 'manual'),
      t('003', 'A', 'skipped'),
      t('004', 'A', 'pending', ['002']),
    ],
  };
  const before = structuredClone(plan);
  const { state, observed } = world(plan.task);
  const forecast = whatRuns(plan, state, observed, { force: true });
  assert.deepEqual(forecast.runs, ['001', '004']);
  assert.deepEqual(reasonsOf(forecast, '001'), ['forced']);
  assert.deepEqual(reasonsOf(forecast, '004'), ['forced', 'pending']);
  assert.equal(decision(forecast, '002').hold, 'manual');
  assert.equal(decision(forecast, '003').hold, 'skipped');
  assert.deepEqual(plan, before);
});

test('manual tasks never run and satisfy dependents; skipped or unknown dependencies are unmet', () => {
  const plan = {
    task: [
      t('001', 'A', 'manual'),
      t('002', 'A', 'skipped'),
      t('003', 'A', 'pending', ['001']),
      t('004', 'A', 'pending', ['002', '001', '999']),
    ],
  };
  const forecast = whatRuns(plan, { tasks: {} }, { inputHashes: {}, outputHashes: {} });
  assert.deepEqual(forecast.runs, ['003', '004']);
  assert.deepEqual(decision(forecast, '003').unmetDependencies, []);
  assert.deepEqual(decision(forecast, '004').unmetDependencies, ['002', '999']);
  assert.deepEqual(decision(forecast, '001').reasons, []);
});

test('--spec selects the spec and its transitive depends, leaves the rest unselected and untouched', () => {
  const plan = {
    task: [
      t('001', 'CORE', 'done'),
      t('002', 'STORE', 'pending', ['001']),
      t('003', 'CLI', 'pending', ['002']),
      t('004', 'WEB', 'failed', ['002']),
      t('005', 'WEB', 'done', ['004']),
    ],
  };
  const before = structuredClone(plan);
  const { state, observed } = world(plan.task);
  observed.inputHashes['001'] = 'in:new';
  const specDepends = { CORE: [], STORE: ['CORE'], CLI: ['STORE'], WEB: ['STORE'] };
  const forecast = whatRuns(plan, state, observed, { spec: 'cli', specDepends });
  assert.deepEqual(forecast.selection, {
    mode: 'spec',
    specs: ['CLI', 'CORE', 'STORE'],
    ids: ['001', '002', '003'],
  });
  assert.deepEqual(forecast.runs, ['001', '002', '003']);
  assert.equal(decision(forecast, '004').hold, 'unselected');
  assert.deepEqual(reasonsOf(forecast, '004'), ['failed']); // what it would run for
  assert.equal(decision(forecast, '005').run, 'no'); // its dependency 004 does not run
  assert.deepEqual(plan, before); // §9 quirk fixed: nothing is marked skipped
  assert.throws(
    () => whatRuns(plan, state, observed, { spec: 'nope', specDepends }),
    (error: unknown) =>
      error instanceof SelectionError &&
      error.message === "Unknown spec 'NOPE'. Available: CLI, CORE, STORE, WEB",
  );
  assert.deepEqual(neededSpecs('A', { A: ['B'], B: ['A', 'C'] }), ['A', 'B', 'C']);
});

test('--only selects exactly one task; it runs only when its own rules say so', () => {
  const plan = {
    task: [t('001', 'A', 'pending'), t('002', 'A', 'done', ['001']), t('003', 'A', 'done', ['002'])],
  };
  const { state, observed } = world(plan.task);
  const upToDate = whatRuns(plan, state, observed, { only: '2' });
  assert.deepEqual(upToDate.selection, { mode: 'only', ids: ['002'] });
  assert.deepEqual(upToDate.runs, []);
  assert.equal(decision(upToDate, '001').hold, 'unselected');
  // An unselected task is not forced; it would only run for its dependency being rebuilt.
  assert.deepEqual(reasonsOf(whatRuns(plan, state, observed, { only: '2', force: true }), '003'), [
    'dependency-rebuilt',
  ]);
  const forced = whatRuns(plan, state, observed, { only: '002', force: true });
  assert.deepEqual(forced.runs, ['002']);
  assert.equal(decision(forced, '003').run, 'no'); // dependents are not part of --only
  const pendingDep = whatRuns(plan, state, observed, { only: '003', force: true });
  assert.deepEqual(decision(pendingDep, '003').unmetDependencies, []);
  const blocked = whatRuns(
    { task: [t('001', 'A', 'pending'), t('002', 'A', 'pending', ['001'])] },
    state,
    observed,
    { only: '002' },
  );
  assert.deepEqual(decision(blocked, '002').unmetDependencies, ['001']);
  assert.throws(
    () => whatRuns(plan, state, observed, { only: '42' }),
    /Unknown task '42'\. Valid range: 001-003/,
  );
  assert.throws(() => whatRuns(plan, state, observed, { only: '1', spec: 'A' }), SelectionError);
  assert.equal(normalizeTaskId(' 7 '), '007');
  assert.equal(normalizeTaskId('x1'), 'x1');
});

test('corpus spenny: with real output hashes nothing runs; an edited output re-runs it and its dependents', () => {
  const plan = readPlanFile(corpusPath('spenny', '.ossature', 'plan.toml'))?.plan;
  assert.ok(plan);
  const state = readStateFile(corpusPath('spenny', '.ossature', 'state.toml')).state;
  const inputHashes: Record<string, string> = {};
  const outputHashes: Record<string, string> = {};
  for (const [id, stored] of Object.entries(state.tasks)) {
    inputHashes[id] = stored.input_hash; // prompts are not assembled here; assume unchanged
    outputHashes[id] = outputHash(corpusPath('spenny', 'output'), stored.created_files);
  }
  assert.deepEqual(whatRuns(plan, state, { inputHashes, outputHashes }).runs, []);
  outputHashes['003'] = 'sha256:edited';
  const forecast = whatRuns(plan, state, { inputHashes, outputHashes });
  assert.deepEqual(reasonsOf(forecast, '003'), ['output-modified']);
  assert.ok(forecast.runs.length > 1);
  for (const id of forecast.runs.slice(1)) assert.deepEqual(reasonsOf(forecast, id), ['dependency-rebuilt']);
});
