import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { PlanTaskInput } from '../../shared/src/model/plan';
import { type PlanTaskInfo, PlanTasksRequest, type PlanTasksResult } from '../../shared/src/protocol';
import { makeTrioProject, TRIO_TASKS } from '../support/build-fixture';
import { lineOf, rangeIn, rangeOf } from '../support/find';
import { makeProject, validSmd } from '../support/project';
import { LspTestClient } from './harness';

/**
 * `ossature/planTasks` over real JSON-RPC: the tasks of each project's plan as the editor has it, with the
 * ranges, kinds, folders and covered requirements the plan view, Testing items and decorations use.
 */

const EXTRA_TASKS: PlanTaskInput[] = [
  {
    id: '005',
    spec: 'CORE',
    title: 'Copy the logo',
    description: 'Copy the logo.',
    outputs: ['assets/logo.txt'],
    depends_on: [],
    spec_refs: [],
    arch_refs: [],
    verify: [],
    source: ['context://logo.txt'],
  },
  {
    id: '006',
    spec: 'CORE',
    kind: 'verify',
    vmd_file: 'specs/core.vmd',
    title: 'Verify: core cases',
    description: 'Run the author cases.',
    outputs: [],
    depends_on: ['001', '005'],
    spec_refs: [],
    arch_refs: [],
    verify: [],
    covers: ['Add', 'No such requirement'],
  },
];

function planTasks(client: LspTestClient, configFile?: string): Promise<PlanTasksResult> {
  return client.connection.sendRequest(PlanTasksRequest, configFile === undefined ? {} : { configFile });
}

const byId = (tasks: readonly PlanTaskInfo[], id: string): PlanTaskInfo => {
  const task = tasks.find((t) => t.id === id);
  assert.ok(task, `task ${id} in ${tasks.map((t) => t.id).join(', ')}`);
  return task;
};

test('lists each task with its header range, kind, status, dependencies, folder and covered requirements', async () => {
  const root = makeTrioProject([...TRIO_TASKS, ...EXTRA_TASKS]);
  const planFile = join(root, '.ossature', 'plan.toml');
  const plan = readFileSync(planFile, 'utf8');
  const coreFile = join(root, 'specs', 'core.smd');
  const core = readFileSync(coreFile, 'utf8');
  const client = await LspTestClient.start([root]);
  try {
    const { projects } = await planTasks(client);
    assert.equal(projects.length, 1);
    const [project] = projects as [PlanTasksResult['projects'][number]];
    assert.deepEqual(
      { configFile: project.configFile, root: project.root, name: project.name, planFile: project.planFile },
      { configFile: join(root, 'ossature.toml'), root, name: 'trio', planFile },
    );
    assert.deepEqual(
      project.tasks.map((t) => t.id),
      ['001', '002', '003', '004', '005', '006'],
    );
    assert.deepEqual(byId(project.tasks, '002'), {
      id: '002',
      spec: 'CORE',
      title: 'Core helpers',
      status: 'pending',
      kind: 'task',
      range: rangeOf(plan, '[[task]]', 1),
      dependsOn: ['001'],
      taskDir: join(root, '.ossature', 'tasks', '002-core-helpers'),
      covers: [],
    });
    assert.equal(byId(project.tasks, '005').kind, 'copy');
    const verify = byId(project.tasks, '006');
    assert.equal(verify.kind, 'verify');
    assert.deepEqual(verify.dependsOn, ['001', '005']);
    assert.equal(verify.taskDir, join(root, '.ossature', 'tasks', '006-verify-core-cases'));
    // `Add` resolves to its heading; a name no requirement has is left out.
    assert.deepEqual(verify.covers, [
      { file: coreFile, range: rangeIn(core, '### Add', 'Add'), title: 'Add' },
    ]);
    const titleLine = (id: string, file: string, title: string) => [
      id,
      file,
      lineOf(readFileSync(file, 'utf8'), title),
    ];
    assert.deepEqual(
      project.specs.map((s) => [s.id, s.file, s.titleRange.start.line]),
      [
        titleLine('CORE', coreFile, '# Core'),
        titleLine('GREET', join(root, 'specs', 'greet.smd'), '# Greet'),
        titleLine('REPORT', join(root, 'specs', 'report.smd'), '# Report'),
      ],
    );
  } finally {
    await client.stop();
  }
});

test('answers from the plan as typed in the editor, and from the disk again once it is closed unsaved', async () => {
  const root = makeTrioProject();
  const planFile = join(root, '.ossature', 'plan.toml');
  const client = await LspTestClient.start([root]);
  try {
    await client.open(planFile);
    // Task 002's status, the second in the plan; then a new task at the end.
    await client.edit(planFile, rangeOf(client.text(planFile), '"pending"', 1), '"done"');
    const lines = client.text(planFile).split('\n');
    const last = { line: lines.length - 1, character: (lines[lines.length - 1] ?? '').length };
    await client.edit(
      planFile,
      { start: last, end: last },
      '\n[[task]]\nid = "005"\nspec = "REPORT"\ntitle = "Report docs"\nstatus = "failed"\n',
    );
    const edited = (await planTasks(client)).projects[0]?.tasks ?? [];
    assert.equal(byId(edited, '002').status, 'done');
    assert.deepEqual(
      { ...byId(edited, '005'), range: byId(edited, '005').range.start.line },
      {
        id: '005',
        spec: 'REPORT',
        title: 'Report docs',
        status: 'failed',
        kind: 'task',
        range: lineOf(client.text(planFile), '[[task]]', 4),
        dependsOn: [],
        taskDir: join(root, '.ossature', 'tasks', '005-report-docs'),
        covers: [],
      },
    );
    await client.close(planFile);
    await client.sync();
    const disk = (await planTasks(client)).projects[0]?.tasks ?? [];
    assert.deepEqual(
      disk.map((t) => `${t.id} ${t.status}`),
      ['001 pending', '002 pending', '003 pending', '004 pending'],
    );
  } finally {
    await client.stop();
  }
});

test('a plan changed on disk is read at once, before the file watcher reports it', async () => {
  const root = makeTrioProject();
  const planFile = join(root, '.ossature', 'plan.toml');
  const client = await LspTestClient.start([root]);
  try {
    assert.deepEqual(byId((await planTasks(client)).projects[0]?.tasks ?? [], '001').covers, []);
    // As a build or another tool writes it; no didChangeWatchedFiles is sent.
    const text = readFileSync(planFile, 'utf8');
    writeFileSync(planFile, text.replace('spec = "CORE"', 'spec = "CORE"\ncovers = ["Add"]'));
    const covers = byId((await planTasks(client)).projects[0]?.tasks ?? [], '001').covers;
    assert.deepEqual(
      covers.map((c) => c.title),
      ['Add'],
    );
  } finally {
    await client.stop();
  }
});

test('configFile picks one project; a project without a plan has specs and no tasks', async () => {
  const trio = makeTrioProject();
  const bare = makeProject({ 'specs/alpha.smd': validSmd('ALPHA') });
  const client = await LspTestClient.start([trio, bare]);
  try {
    const all = await planTasks(client);
    assert.deepEqual(all.projects.map((p) => p.root).sort(), [trio, bare].sort());
    const { projects } = await planTasks(client, join(bare, 'ossature.toml'));
    assert.equal(projects.length, 1);
    assert.deepEqual(projects[0]?.tasks, []);
    assert.deepEqual(
      projects[0]?.specs.map((s) => s.id),
      ['ALPHA'],
    );
    assert.equal(projects[0]?.planFile, join(bare, '.ossature', 'plan.toml'));
  } finally {
    await client.stop();
  }
});
