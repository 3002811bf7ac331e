import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { mergeIncrementalPlan } from '../../shared/src/audit/incremental-merge';
import { previousTasksForSpec } from '../../shared/src/audit/planner-input';
import { resolvePreservedRefs } from '../../shared/src/audit/preserved-refs';
import { isDeletableOutput, planReplanFiles, renamedTaskDir, taskDirId } from '../../shared/src/audit/remap';
import { applyReplanFiles, listTaskDirs } from '../../shared/src/audit/remap-executor';
import type { SpecPlanEntry } from '../../shared/src/audit/types';
import type { Plan, PlanTask } from '../../shared/src/model/plan';
import { readStateFile } from '../../shared/src/store/state-file';
import { loadCorpusProject } from '../support/audit/corpus-project';
import { plannerTask } from '../support/audit/plan-builders';
import { corpusPath } from '../support/corpus';

/** Every file under `dir` → sha256 of its bytes. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(dir, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

/** markman's CLI re-planned: task 4 ("Web: serve stub", src/web/mod.rs) replaced by two new tasks. */
function replanCli(existing: Plan) {
  const project = loadCorpusProject('markman');
  const previous = previousTasksForSpec(existing.task, 'CLI');
  const number = new Map(previous.map((t, i) => [t.id, i + 1]));
  const refs: SpecPlanEntry[] = previous.map((t, i) => ({
    kind: 'preserved',
    previous_index: i + 1,
    depends_on: t.depends_on.flatMap((d) => (number.has(d) && number.get(d) !== 4 ? [number.get(d)!] : [])),
  }));
  const tasks = [
    ...refs.slice(0, 3),
    plannerTask('Web: router', ['src/web/router.rs'], [1]),
    plannerTask('Web: serve', ['src/web/serve.rs'], [1, 4]),
    ...refs.slice(4),
  ];
  return mergeIncrementalPlan({
    existing,
    specPlans: new Map([['CLI', resolvePreservedRefs({ tasks }, previous)]]),
    changed: new Set(['CLI']),
    levels: project.workspace.index.graph.levels,
    depends: project.depends,
    date: new Date('2026-06-01T00:00:00Z'),
  });
}

test('markman, in a temp copy: folders renamed and deleted, state re-keyed, the orphan removed, nothing else', () => {
  const root = mkdtempSync(join(tmpdir(), 'ossature-remap-'));
  cpSync(corpusPath('markman'), root, { recursive: true });
  // The corpus has no src/web/mod.rs (see its MANIFEST); put it back so the orphan can be removed.
  mkdirSync(join(root, 'output/src/web'), { recursive: true });
  writeFileSync(join(root, 'output/src/web/mod.rs'), 'pub fn serve() {}\n');
  const before = snapshot(root);
  const stateBefore = readStateFile(join(root, '.ossature/state.toml')).state;

  const project = loadCorpusProject('markman');
  const existing = project.plan();
  const { plan, idRemap, matchedOldIds } = replanCli(existing);
  const tasksDir = join(root, '.ossature/tasks');
  const files = planReplanFiles({
    oldPlan: existing,
    newPlan: plan,
    changed: new Set(['CLI']),
    idRemap,
    matchedOldIds,
    taskDirs: listTaskDirs(tasksDir),
  });
  assert.deepEqual(files.deleteDirs, ['011-web-serve-stub']);
  assert.deepEqual(files.conflicts, []);
  assert.deepEqual(files.orphanOutputs, ['src/web/mod.rs']);
  const result = applyReplanFiles(
    { tasksDir, stateFile: join(root, '.ossature/state.toml'), outputDir: join(root, 'output') },
    files,
  );
  assert.deepEqual(result.removedOutputs, ['src/web/mod.rs']);
  assert.ok(!existsSync(join(root, 'output/src/web')), 'the emptied folder is removed');
  assert.ok(existsSync(join(root, 'output/src')));

  // Folder names: old id → new id with the old slug; STORAGE folders keep their names.
  const expectedRenames = new Map([
    ['012-cli-argument-definitions-via-clap-derive', '013-cli-argument-definitions-via-clap-derive'],
    ['013-cli-main-entrypoint-&-dispatch', '014-cli-main-entrypoint-&-dispatch'],
    ['014-tests-storage-unit-tests', '015-tests-storage-unit-tests'],
    ['015-tests-cli-integration-tests', '016-tests-cli-integration-tests'],
    [
      '017-src-web.rs-core-http-server-and-html-rendering',
      '018-src-web.rs-core-http-server-and-html-rendering',
    ],
    ['018-src-web.rs-unit-tests', '019-src-web.rs-unit-tests'],
  ]);
  assert.deepEqual(new Map(result.renamed.map((r) => [r.from, r.to])), expectedRenames);

  // Nothing else changed: every file is where the plan says, with the same bytes.
  const after = snapshot(root);
  const moved = (path: string) => {
    const [first, second, folder, ...rest] = path.split('/');
    if (first !== '.ossature' || second !== 'tasks' || folder === undefined) return path;
    if (folder === '011-web-serve-stub') return undefined;
    return [first, second, expectedRenames.get(folder) ?? folder, ...rest].join('/');
  };
  const expected = new Map<string, string>();
  for (const [path, hash] of before) {
    const target = path === 'output/src/web/mod.rs' ? undefined : moved(path);
    if (target !== undefined && path !== '.ossature/state.toml') expected.set(target, hash);
  }
  after.delete('.ossature/state.toml');
  assert.deepEqual(new Map([...after].sort()), new Map([...expected].sort()));

  // State: re-keyed through the remap, 011 dropped, each entry's content unchanged.
  const stateAfter = readStateFile(join(root, '.ossature/state.toml')).state;
  const expectedTasks: Record<string, unknown> = {};
  for (const [id, entry] of Object.entries(stateBefore.tasks)) {
    const newId = idRemap.get(id);
    if (newId !== undefined) expectedTasks[newId] = entry;
  }
  assert.equal(Object.keys(stateBefore.tasks).length, 18);
  assert.equal(Object.keys(stateAfter.tasks).length, 17);
  assert.deepEqual(stateAfter.tasks, expectedTasks);
  assert.deepEqual(stateAfter.tasks['013'], stateBefore.tasks['012']);
  assert.deepEqual([result.stateKept, result.stateDropped], [17, 1]);
});

test('renames that swap names go through temporary names', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ossature-swap-'));
  const tasks = join(dir, 'tasks');
  for (const name of ['001-a', '002-a', '003-b']) {
    mkdirSync(join(tasks, name), { recursive: true });
    writeFileSync(join(tasks, name, 'prompt.md'), name);
  }
  const plan: Plan = { meta: { generated_at: '', total_tasks: 0, specs: [] }, task: [] };
  const files = planReplanFiles({
    oldPlan: plan,
    newPlan: plan,
    changed: new Set(),
    idRemap: new Map([
      ['001', '002'],
      ['002', '001'],
    ]),
    matchedOldIds: new Set(),
    taskDirs: listTaskDirs(tasks),
  });
  assert.deepEqual(files.conflicts, []);
  applyReplanFiles(
    { tasksDir: tasks, stateFile: join(dir, 'state.toml'), outputDir: join(dir, 'out') },
    files,
  );
  assert.equal(readFileSync(join(tasks, '002-a', 'prompt.md'), 'utf8'), '001-a');
  assert.equal(readFileSync(join(tasks, '001-a', 'prompt.md'), 'utf8'), '002-a');
  assert.equal(readFileSync(join(tasks, '003-b', 'prompt.md'), 'utf8'), '003-b');
  assert.ok(!existsSync(join(dir, 'state.toml')), 'no state file is created');
});

test('a rename onto a folder that stays is skipped and reported', () => {
  const plan: Plan = { meta: { generated_at: '', total_tasks: 0, specs: [] }, task: [] };
  const files = planReplanFiles({
    oldPlan: plan,
    newPlan: plan,
    changed: new Set(),
    idRemap: new Map([
      ['001', '002'],
      ['003', '001'],
    ]),
    matchedOldIds: new Set(),
    taskDirs: ['001-a', '002-a', '003-a'],
  });
  // 001-a cannot become 002-a (a folder that stays has that name), so 001-a stays, and 003-a cannot take it.
  assert.deepEqual(files.renames, []);
  assert.deepEqual(files.conflicts, [
    { from: '001-a', to: '002-a' },
    { from: '003-a', to: '001-a' },
  ]);
});

test('orphans: only done outputs of changed specs that no new task lists; never patterns or escapes', () => {
  const task = (id: string, spec: string, status: 'done' | 'pending', outputs: string[]): PlanTask => ({
    id,
    spec,
    kind: 'task',
    vmd_file: '',
    vmd_group: '',
    title: id,
    description: '',
    outputs,
    depends_on: [],
    spec_refs: [],
    arch_refs: [],
    status,
    verify: [],
    inject_files: [],
    cross_spec_interfaces: [],
    context_files: [],
    source: [],
    covers: [],
    notes: '',
  });
  const oldPlan: Plan = {
    meta: { generated_at: '', total_tasks: 0, specs: [] },
    task: [
      task('001', 'A', 'done', ['a.py', 'kept.py', 'assets/*.mp3', '../x', '/etc/passwd']),
      task('002', 'A', 'pending', ['pending.py']),
      task('003', 'B', 'done', ['b.py']),
    ],
  };
  const newPlan: Plan = { ...oldPlan, task: [task('001', 'A', 'pending', ['kept.py'])] };
  const files = planReplanFiles({
    oldPlan,
    newPlan,
    changed: new Set(['A']),
    idRemap: new Map(),
    matchedOldIds: new Set(),
    taskDirs: ['001-x', '002-y', '003-z', 'notes'],
  });
  assert.deepEqual(files.orphanOutputs, ['a.py']);
  assert.deepEqual(files.deleteDirs, ['001-x', '002-y']);
  assert.equal(isDeletableOutput('src/a.py'), true);
  assert.equal(isDeletableOutput('C:\\a.py'), false);
  assert.equal(taskDirId('012-cli-args'), '012');
  assert.equal(renamedTaskDir('012-cli-args', '020'), '020-cli-args');
  assert.equal(renamedTaskDir('012', '020'), '020');
});

test('an identity remap rewrites state.toml byte for byte', () => {
  const root = mkdtempSync(join(tmpdir(), 'ossature-state-'));
  cpSync(corpusPath('markman', '.ossature', 'state.toml'), join(root, 'state.toml'));
  const original = readFileSync(join(root, 'state.toml'), 'utf8');
  const ids = Object.keys(readStateFile(join(root, 'state.toml')).state.tasks);
  const plan: Plan = { meta: { generated_at: '', total_tasks: 0, specs: [] }, task: [] };
  const files = planReplanFiles({
    oldPlan: plan,
    newPlan: plan,
    changed: new Set(),
    idRemap: new Map(ids.map((id) => [id, id])),
    matchedOldIds: new Set(),
    taskDirs: [],
  });
  applyReplanFiles(
    { tasksDir: join(root, 'tasks'), stateFile: join(root, 'state.toml'), outputDir: root },
    files,
  );
  assert.equal(readFileSync(join(root, 'state.toml'), 'utf8'), original);
});
