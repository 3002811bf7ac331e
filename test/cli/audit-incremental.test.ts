import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, test } from 'node:test';
import { emptyState } from '../../shared/src/model/state';
import { taskSlug } from '../../shared/src/model/task-output';
import { readPlanFile, writePlanFile } from '../../shared/src/store/plan-file';
import { readStateFile, writeStateFile } from '../../shared/src/store/state-file';
import { copyCorpusProject, modelEnv, runCliAsync, type TempProject } from '../support/audit-run/cli-project';
import { callsOf, isReplan, serveModel, userText } from '../support/audit-run/scripted-model';
import { runCli } from '../support/cli';
import { type ScriptedServer, startScriptedServer } from '../support/scripted-messages-server';

let server: ScriptedServer | undefined;
let project: TempProject | undefined;
afterEach(async () => {
  await server?.close();
  project?.remove();
  server = undefined;
  project = undefined;
});

const STATS = `### GET /stats

Returns how many bookmarks there are.

**Accepts:** (no parameters)

**Returns:** HTTP 200 with plain-text body holding the count

**Errors:**

- Database read failure -> HTTP 500 with plain-text body "internal server error"

`;

/** Marks every task done, as a finished build would, with a task folder, a state entry and its outputs. */
function simulateBuild(p: TempProject): void {
  const planFile = p.ossature('plan.toml');
  const plan = readPlanFile(planFile)!.plan;
  const state = emptyState();
  for (const task of plan.task) {
    task.status = 'done';
    mkdirSync(p.ossature('tasks', `${task.id}-${taskSlug(task.title)}`), { recursive: true });
    writeFileSync(p.ossature('tasks', `${task.id}-${taskSlug(task.title)}`, 'prompt.md'), task.title);
    state.tasks[task.id] = {
      input_hash: `sha256:${task.id}`,
      output_hash: `sha256:${task.id}`,
      created_files: task.outputs,
      edited_files: [],
    };
    for (const output of task.outputs) {
      const file = join(p.root, 'output', output);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `// ${task.title}\n`);
    }
  }
  plan.task[4]!.notes = 'Hand-written note: keep the exit codes.';
  writePlanFile(planFile, plan);
  writeStateFile(p.ossature('state.toml'), state);
}

test('after one spec is edited only that spec is re-audited and re-planned; the rest of the plan is kept and ids are remapped', async () => {
  server = await startScriptedServer();
  const model = serveModel(server);
  project = copyCorpusProject('markman');
  const env = modelEnv(server.url);
  const first = await runCliAsync(['audit'], project.root, { env });
  assert.equal(first.status, 0, first.stderr);
  simulateBuild(project);
  const oldPlan = readPlanFile(project.ossature('plan.toml'))!.plan;
  const oldWebui = oldPlan.task.filter((t) => t.spec === 'WEBUI');
  assert.deepEqual(
    oldWebui.map((t) => [t.id, t.title]),
    [
      ['009', 'Implement GET /'],
      ['010', 'Implement GET /health'],
    ],
  );

  // Edit WEBUI only: a new requirement first, GET /health gone.
  const webui = join(project.root, 'specs', 'webui.smd');
  const text = readFileSync(webui, 'utf8');
  const health = text.indexOf('### GET /health');
  const edited = text.slice(0, health) + text.slice(text.indexOf('## Constraints'));
  writeFileSync(webui, edited.replace('### GET /\n', `${STATS}### GET /\n`));

  const mark = model.calls.length;
  const second = await runCliAsync(['audit'], project.root, { env });
  assert.equal(second.status, 0, second.stderr + second.stdout);
  const calls = model.calls.slice(mark);
  assert.deepEqual(
    calls.map((c) => `${c.kind} ${c.spec ?? ''}`.trim()),
    ['spec-audit WEBUI', 'cross-spec-audit', 'interface WEBUI', 'planner WEBUI'],
  );
  assert.equal(callsOf(model, 'spec-audit', 'CLI'), 1);
  assert.equal(callsOf(model, 'planner', 'STORAGE'), 1);
  const planner = calls[3]!.request;
  assert.ok(isReplan(planner), 'the re-plan prompt is used');
  assert.match(
    userText(planner.body),
    /## Spec Changes \(diff from previous version\)\n+```diff\n--- before\n\+\+\+ after\n/,
  );
  assert.match(userText(planner.body), /### Task 1\n- title: Implement GET \/\n/);

  const plan = readPlanFile(project.ossature('plan.toml'))!.plan;
  const kept = plan.task.filter((t) => t.spec !== 'WEBUI');
  const oldKept = oldPlan.task.filter((t) => t.spec !== 'WEBUI');
  assert.deepEqual(kept, oldKept, 'STORAGE and CLI tasks are kept as they were, statuses and notes included');
  const newWebui = plan.task.filter((t) => t.spec === 'WEBUI');
  assert.deepEqual(
    newWebui.map((t) => [t.id, t.title, t.status]),
    [
      ['009', 'Implement GET /stats', 'pending'],
      ['010', 'Implement GET /', 'done'],
    ],
  );
  assert.deepEqual(newWebui[0]!.depends_on, [kept.filter((t) => t.spec === 'STORAGE').at(-1)!.id]);

  // Task folders, state and outputs follow the remap: 009 → 010, old 010 (GET /health) gone.
  const dirs = readdirSync(project.ossature('tasks')).sort();
  assert.ok(dirs.includes(`010-${taskSlug('Implement GET /')}`), dirs.join(', '));
  assert.ok(!dirs.some((d) => d.includes('health')), dirs.join(', '));
  assert.ok(!dirs.includes(`009-${taskSlug('Implement GET /')}`));
  const state = readStateFile(project.ossature('state.toml')).state;
  assert.equal(state.tasks['010']?.input_hash, 'sha256:009');
  assert.equal(state.tasks['009'], undefined);
  assert.ok(!existsSync(join(project.root, 'output', 'src', 'webui', 'get_health.rs')));
  assert.ok(existsSync(join(project.root, 'output', 'src', 'webui', 'get.rs')));
  assert.match(second.stdout, /Removed stale output: src\/webui\/get_health\.rs/);
  assert.match(second.stdout, /Incremental re-plan: 9 task\(s\) preserved, 2 task\(s\) re-planned/);
  assert.match(second.stdout, /Plan changes: 1 added, 1 removed, 9 preserved \(1 renumbered, 0 changed\)/);
  assert.match(second.stdout, /\+ 009 \[WEBUI\] Implement GET \/stats/);
  assert.match(second.stdout, /- 010 \[WEBUI\] Implement GET \/health/);
  assert.equal(readdirSync(project.ossature('backups')).length, 1, 'the old plan was backed up');

  const validate = runCli(['validate'], project.root);
  assert.equal(validate.status, 0, validate.stdout);
  const third = await runCliAsync(['audit'], project.root, { env });
  assert.equal(third.status, 0);
  assert.equal(model.calls.length, mark + 4, 'nothing left to do');
});

test('audit --spec re-audits that spec although nothing changed, and only it; an unknown id is a usage error', async () => {
  server = await startScriptedServer();
  const model = serveModel(server);
  project = copyCorpusProject('markman');
  const env = modelEnv(server.url);
  assert.equal((await runCliAsync(['audit'], project.root, { env })).status, 0);
  const before = {
    webui: callsOf(model, 'spec-audit', 'WEBUI'),
    storage: callsOf(model, 'spec-audit', 'STORAGE'),
  };
  const again = await runCliAsync(['audit', '--spec', 'webui'], project.root, { env });
  assert.equal(again.status, 0, again.stderr);
  assert.equal(callsOf(model, 'spec-audit', 'WEBUI'), before.webui + 1);
  assert.equal(callsOf(model, 'spec-audit', 'STORAGE'), before.storage);
  const unknown = await runCliAsync(['audit', '--spec', 'NOPE'], project.root, { env });
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /Unknown spec 'NOPE'\. Available: /);
});
