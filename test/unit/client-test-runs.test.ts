import assert from 'node:assert/strict';
import { test } from 'node:test';
import { taskLabel } from '../../client/src/plan/task-label';
import {
  cliRunsFor,
  PROFILES,
  type RunPlanProject,
  type RunSelection,
} from '../../client/src/testing/run-plan';

/**
 * What the Testing view's run profiles run (client/src/testing/run-plan.ts), and the after-text of a task line
 * in plan.toml while runs go (client/src/plan/task-label.ts): the pure parts, without VS Code.
 */

const project: RunPlanProject = {
  configFile: '/p/ossature.toml',
  name: 'trio',
  tasks: [
    { id: '001', spec: 'CORE', dependsOn: [] },
    { id: '002', spec: 'CORE', dependsOn: ['001'] },
    { id: '003', spec: 'GREET', dependsOn: ['002'] },
    { id: '004', spec: 'REPORT', dependsOn: ['002'] },
  ],
};

const none: RunSelection = { whole: false, specs: [], tasks: [] };
const commandLines = (kind: Parameters<typeof cliRunsFor>[0], selection = none) =>
  cliRunsFor(kind, project, selection).map((run) => [run.command, ...run.args].join(' '));

test('the four run profiles, "This task only" first (the default a gutter click uses)', () => {
  assert.deepEqual(
    PROFILES.map((p) => p.label),
    ['This task only', 'This task and its dependents', 'From here', 'Whole plan'],
  );
});

test('a task item runs build --only, retry --only, retry --from, or the whole build, unattended', () => {
  const one = { ...none, tasks: ['003'] };
  assert.deepEqual(commandLines('only', one), ['build --only 003 --auto']);
  assert.deepEqual(commandLines('dependents', one), ['retry --only 003 --auto']);
  assert.deepEqual(commandLines('from', one), ['retry --from 003 --auto']);
  assert.deepEqual(commandLines('plan', one), ['build --auto']);
  const [run] = cliRunsFor('only', project, one);
  assert.equal(run?.configFile, '/p/ossature.toml');
  assert.equal(run?.title, 'Build task 003');
  assert.equal(run?.callsModel, true);
});

test('spec and project items: the spec builds with --spec, the project with build; a task already downstream of another selected one is not rerun twice', () => {
  assert.deepEqual(commandLines('only', { whole: false, specs: ['CORE'], tasks: ['004'] }), [
    'build --spec CORE --auto',
    'build --only 004 --auto',
  ]);
  assert.deepEqual(commandLines('only', { ...none, whole: true }), ['build --auto']);
  // 002, 003 and 004 all follow 001: retry --only 001 reruns them.
  assert.deepEqual(commandLines('dependents', { whole: false, specs: ['CORE'], tasks: ['003'] }), [
    'retry --only 001 --auto',
  ]);
  assert.deepEqual(commandLines('dependents', { ...none, tasks: ['004', '003'] }), [
    'retry --only 003 --auto',
    'retry --only 004 --auto',
  ]);
  assert.deepEqual(commandLines('dependents', { ...none, whole: true }), ['retry --from 001 --auto']);
  assert.deepEqual(commandLines('from', { ...none, tasks: ['004', '002'] }), ['retry --from 002 --auto']);
  assert.deepEqual(commandLines('only', { ...none, tasks: ['999'] }), []);
});

test('a task line reads its plan status, then what the run does with it: queued, running, done with time and cost', () => {
  const pending = { status: 'pending' as const };
  assert.deepEqual(taskLabel(pending, undefined, 0), { text: '○ pending', tone: 'muted' });
  assert.deepEqual(taskLabel({ status: 'failed' }, undefined, 0), { text: '✗ failed', tone: 'failed' });
  assert.deepEqual(taskLabel(pending, { kind: 'queued' }, 0), { text: '… queued', tone: 'muted' });
  const running = taskLabel(pending, { kind: 'running', phase: 'verify', startedAt: 1_000 }, 4_200);
  assert.match(running.text, /^[◐◓◑◒] running · verify · 3\.2 s$/);
  assert.equal(running.tone, 'running');
  const done = { kind: 'finished' as const, status: 'done' as const, durationMs: 12_400, costUsd: 0.0412 };
  // While the run goes on the plan may not be read again yet (still pending): the run's result shows.
  assert.deepEqual(taskLabel(pending, done, 0, true), { text: '✓ done · 12 s · $0.04', tone: 'passed' });
  assert.deepEqual(taskLabel({ status: 'done' }, done, 0), { text: '✓ done · 12 s · $0.04', tone: 'passed' });
  // After it, a plan reset to pending is the truth.
  assert.deepEqual(taskLabel(pending, done, 0), { text: '○ pending', tone: 'muted' });
  assert.deepEqual(
    taskLabel({ status: 'done' }, { ...done, costUsd: 0.001 }, 0).text,
    '✓ done · 12 s · <$0.01',
  );
  assert.deepEqual(
    taskLabel({ status: 'failed' }, { ...done, status: 'failed', durationMs: 3_100, costUsd: null }, 0),
    { text: '✗ failed · 3.1 s', tone: 'failed' },
  );
  // Marked manual since the run: the plan is the truth.
  assert.deepEqual(taskLabel({ status: 'manual' }, done, 0), { text: '✋ manual', tone: 'muted' });
  assert.deepEqual(taskLabel({ status: 'done' }, { kind: 'up-to-date' }, 0), {
    text: '✓ up to date',
    tone: 'passed',
  });
});
