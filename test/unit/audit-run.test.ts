import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import {
  AuditError,
  type AuditEvent,
  AuditInterrupted,
  type AuditRunOptions,
  runAudit,
} from '../../shared/src/audit/run';
import { Workspace } from '../../shared/src/project/workspace';
import { readPlanFile, writePlanFile } from '../../shared/src/store/plan-file';
import { validateWorkspace } from '../../shared/src/validate/validate-workspace';
import { copyCorpusProject, type TempProject } from '../support/audit-run/cli-project';
import {
  callsOf,
  isReplan,
  type ScriptedModel,
  serveModel,
  specOf,
  userText,
} from '../support/audit-run/scripted-model';
import { TEST_KEY } from '../support/llm-harness';
import { type ScriptedServer, startScriptedServer } from '../support/scripted-messages-server';
import { reply } from '../support/scripted-replies';

let server: ScriptedServer | undefined;
let project: TempProject | undefined;
afterEach(async () => {
  await server?.close();
  project?.remove();
  server = undefined;
  project = undefined;
});

async function setUp(name: 'spenny' | 'yep' | 'markman', options: Partial<ScriptedModel> = {}) {
  server = await startScriptedServer({ expectedKey: TEST_KEY });
  const model = serveModel(server, options);
  project = copyCorpusProject(name);
  const events: AuditEvent[] = [];
  const run = (extra: Partial<AuditRunOptions> = {}) =>
    runAudit({
      configFile: join(project!.root, 'ossature.toml'),
      env: { ANTHROPIC_BASE_URL: server!.url, ANTHROPIC_API_KEY: TEST_KEY },
      onEvent: (event) => events.push(event),
      client: { sleep: () => Promise.resolve() },
      ...extra,
    });
  return { model, events, run, project };
}

function validPlan(root: string): void {
  const workspace = Workspace.load(join(root, 'ossature.toml'));
  const result = validateWorkspace(workspace);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors, [], 'ossature validate accepts the written plan');
  assert.ok(result.plan);
}

test('an AMD-backed spec gets its interface from the AMD (no model call) and an AMD-aware plan', async () => {
  const { model, run, project: p } = await setUp('spenny', { extension: 'py' });
  const result = await run();
  assert.equal(result.outcome, 'completed');
  assert.deepEqual(result.audited, ['EXPENSE_TRACKER']);
  assert.match(
    p.read('context', 'interfaces', 'EXPENSE_TRACKER.md'),
    /^# Interface: EXPENSE_TRACKER\n\n@source: amd\n\n## Components\n/,
  );
  assert.equal(callsOf(model, 'interface'), 0);
  assert.equal(callsOf(model, 'cross-spec-audit'), 0, 'one SMD: no cross-spec audit');
  assert.equal(server!.requests.length, 4);
  assert.ok(server!.requests.every((r) => r.credential === 'expected'));
  const audit = userText(model.calls.find((c) => c.kind === 'spec-audit')!.request.body);
  assert.match(audit, /\n---\n\n# Architecture Documents \(AMD\)\n\n---\nL1: ---\n/);
  const planner = userText(model.calls.find((c) => c.kind === 'planner')!.request.body);
  assert.match(planner, /\n## Architecture Documents \(AMD\)\n/);
  assert.match(p.read('snapshots', 'EXPENSE_TRACKER.md'), /## Architecture Documents \(AMD\)/);
  validPlan(p.root);
  assert.equal(result.usage.requests, 4);
  assert.equal(result.usage.input, 400);
});

test('the verify-command validator sends a bad plan back through the structured call and the fixed plan is used', async () => {
  let planned = 0;
  const {
    model,
    events,
    run,
    project: p,
  } = await setUp('yep', {
    override: (_request, kind) => {
      if (kind !== 'planner' || planned++ > 0) return undefined;
      return reply.toolUse('SpecTaskPlan', {
        tasks: [
          {
            kind: 'task',
            title: 'Cargo.toml',
            description: 'The manifest.',
            outputs: ['Cargo.toml'],
            depends_on: [],
            spec_refs: [],
            arch_refs: [],
            verify: ['cargo build'],
          },
        ],
      });
    },
  });
  const result = await run();
  assert.equal(result.outcome, 'completed');
  assert.equal(callsOf(model, 'planner'), 2);
  const retry = model.calls.filter((c) => c.kind === 'planner')[1]!.request.body;
  const feedback = retry.messages.at(-1).content[0];
  assert.equal(feedback.type, 'tool_result');
  assert.equal(feedback.is_error, true);
  assert.match(
    feedback.content,
    /Task 1 \("Cargo\.toml"\), verify command `cargo build`: it runs a rust build, but no rust source file/,
  );
  assert.ok(events.some((e) => e.type === 'llm' && e.event.type === 'output-retry'));
  assert.match(p.read('planners', 'YEP', 'response.json'), /"Implement /);
  const plan = readPlanFile(p.ossature('plan.toml'))!.plan;
  const verify = plan.task.filter((t) => t.kind === 'verify');
  assert.equal(verify.length, 1, 'the VMD gives a deterministic verify task after the planned ones');
  assert.equal(verify[0]!.vmd_group, '@scenarios');
  assert.deepEqual(verify[0]!.depends_on, [plan.task.at(-2)!.id]);
  validPlan(p.root);
});

test('--replan rebuilds the whole plan from scratch, backs the old one up and reports what changed', async () => {
  const { model, events, run, project: p } = await setUp('markman');
  await run();
  const planFile = p.ossature('plan.toml');
  const plan = readPlanFile(planFile)!.plan;
  for (const task of plan.task) task.status = 'done';
  plan.task[0]!.title = 'Hand-edited title';
  writePlanFile(planFile, plan);
  const before = model.calls.length;
  events.length = 0;
  const result = await run({ replan: true });
  assert.equal(result.plan?.mode, 'full');
  const calls = model.calls.slice(before);
  assert.deepEqual(
    calls.map((c) => `${c.kind} ${c.spec ?? ''}`.trim()),
    ['planner STORAGE', 'planner CLI', 'planner WEBUI'],
    'nothing changed: no audit, only the planner',
  );
  assert.ok(
    calls.every((c) => !isReplan(c.request)),
    'a full re-plan uses the initial prompt',
  );
  const after = readPlanFile(planFile)!.plan;
  assert.ok(after.task.every((t) => t.status === 'pending'));
  assert.equal(readdirSync(p.ossature('backups')).length, 1);
  const changes = events.find((e) => e.type === 'plan-changes');
  assert.ok(changes && changes.type === 'plan-changes');
  assert.match(changes.lines[0]!, /^Plan changes: 1 added, 1 removed, 9 preserved/);
  assert.ok(
    events.some((e) => e.type === 'log' && /Overwriting the existing plan \(--replan\)/.test(e.message)),
  );
});

test('a run refuses while another live run holds .ossature/run.lock, and takes over a stale lock', async () => {
  const { run, project: p } = await setUp('spenny', { extension: 'py' });
  const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
  try {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(p.ossature(), { recursive: true });
    writeFileSync(
      p.ossature('run.lock'),
      JSON.stringify({ pid: holder.pid, command: 'build', started: 'now' }),
    );
    await assert.rejects(run(), (error: unknown) => {
      assert.ok(error instanceof AuditError);
      assert.match(
        error.message,
        new RegExp(`^Another ossature run \\(build, pid ${holder.pid}, started now\\) is using \\.ossature/`),
      );
      return true;
    });
    assert.equal(server!.requests.length, 0);
  } finally {
    holder.kill();
  }
  writeFileSync(
    p.ossature('run.lock'),
    JSON.stringify({ pid: 2 ** 22 + 12345, command: 'audit', started: 'then' }),
  );
  const result = await run();
  assert.equal(result.outcome, 'completed');
  assert.ok(!p.exists('run.lock'));
});

test('a fix that breaks the project as a whole (a dependency on an unknown spec) is undone', async () => {
  const {
    model,
    events,
    run,
    project: p,
  } = await setUp('markman', {
    override: (request, kind) => {
      if (kind === 'spec-audit' && specOf(request) === 'CLI') {
        return reply.toolUse('SpecAuditReport', {
          findings: [
            {
              severity: 'error',
              location: 'Overview, L11',
              issue: 'Needs AUTH.',
              suggestion: 'Depend on AUTH.',
            },
          ],
        });
      }
      if (kind !== 'fixer') return undefined;
      if (request.body.messages.length > 1) return reply.text('Added the dependency.');
      return reply.toolUse('edit_file', {
        path: 'cli.smd',
        edits: [{ old: 'depends: [STORAGE]', new: 'depends: [STORAGE, AUTH]' }],
      });
    },
  });
  const cli = join(p.root, 'specs', 'cli.smd');
  const before = readFileSync(cli, 'utf8');
  const result = await run({ client: { sleep: () => Promise.resolve() } });
  assert.equal(readFileSync(cli, 'utf8'), before);
  const undone = events.find((e) => e.type === 'log' && e.level === 'warn');
  assert.ok(undone && undone.type === 'log');
  assert.match(
    undone.message,
    /^CLI: the fix for "Needs AUTH\." was undone because it breaks the project \(OSS\d+ in cli\.smd: .*AUTH/,
  );
  assert.equal(callsOf(model, 'spec-audit', 'CLI'), 1);
  assert.equal(result.unresolvedErrors, 1);
  validPlan(p.root);
});

test('a removed spec drops out of the plan, and the cross-spec audit runs again', async () => {
  const { model, events, run, project: p } = await setUp('markman');
  await run();
  rmSync(join(p.root, 'specs', 'webui.smd'));
  const before = model.calls.length;
  events.length = 0;
  const result = await run();
  assert.deepEqual(result.audited, []);
  assert.deepEqual(
    model.calls.slice(before).map((c) => c.kind),
    ['cross-spec-audit', 'project-brief'],
  );
  assert.ok(events.some((e) => e.type === 'log' && e.message === 'Removed since the last audit: WEBUI'));
  const plan = readPlanFile(p.ossature('plan.toml'))!.plan;
  assert.deepEqual(plan.meta.specs, ['STORAGE', 'CLI']);
  assert.ok(plan.task.every((t) => t.spec !== 'WEBUI'));
  validPlan(p.root);
});

test('Ctrl-C in the middle of a fix restores the spec files the fixer had already changed', async () => {
  const controller = new AbortController();
  const { run, project: p } = await setUp('markman', {
    override: (request, kind) => {
      if (kind === 'spec-audit' && specOf(request) === 'STORAGE') {
        return reply.toolUse('SpecAuditReport', {
          findings: [
            { severity: 'error', location: 'Overview, L11', issue: 'Vague.', suggestion: 'Clarify.' },
          ],
        });
      }
      if (kind !== 'fixer') return undefined;
      if (request.body.messages.length === 1) {
        return reply.toolUse('edit_file', {
          path: 'storage.smd',
          edits: [{ old: 'SQLite-backed', new: 'HALF-DONE' }],
        });
      }
      setTimeout(() => controller.abort(new AuditInterrupted()), 20);
      return reply.slow(10_000, reply.text('never'));
    },
  });
  const storage = join(p.root, 'specs', 'storage.smd');
  const before = readFileSync(storage, 'utf8');
  await assert.rejects(run({ signal: controller.signal }), AuditInterrupted);
  assert.equal(readFileSync(storage, 'utf8'), before);
  assert.ok(!p.exists('run.lock'));
  assert.ok(!p.exists('manifest.toml'));
});

test('model failures stop the run with one line saying what is wrong and what to do', async () => {
  const cases: [string, (url: string) => Partial<AuditRunOptions>, RegExp][] = [
    [
      'unreachable',
      () => ({ env: { ANTHROPIC_BASE_URL: 'http://127.0.0.1:9', ANTHROPIC_API_KEY: TEST_KEY } }),
      /^Spec audit of CLI failed: Could not reach http:\/\/127\.0\.0\.1:9 after 5 attempts: .*Check the network, \[llm\] base_url and ANTHROPIC_BASE_URL\.$/,
    ],
    [
      'no credits',
      () => ({}),
      /^Spec audit of CLI failed: .*insufficient credits \(402\).*Add credits to the account\.$/,
    ],
    [
      'rate limited for an hour',
      () => ({}),
      /^Spec audit of CLI failed: .*is rate limited and asked to wait 3600 s.*Try again later\.$/,
    ],
  ];
  const faults = [
    undefined,
    reply.error(402, 'billing_error', 'Your credit balance is too low'),
    reply.rateLimited('3600'),
  ];
  for (const [i, [name, options, message]] of cases.entries()) {
    const fault = faults[i];
    const { run } = await setUp('markman', { override: fault ? () => fault : undefined });
    await assert.rejects(run(options(server!.url)), (error: unknown) => {
      assert.ok(error instanceof AuditError, name);
      assert.equal(error.kind, 'failure');
      assert.doesNotMatch(error.message, /\n/);
      assert.match(error.message, message, name);
      return true;
    });
    assert.ok(!project!.exists('manifest.toml'));
    await server!.close();
    project!.remove();
  }
});

test('a fixer that keeps misusing edit_file gives up on that finding; the audit goes on', async () => {
  const { model, events, run } = await setUp('markman', {
    override: (request, kind) => {
      if (kind === 'spec-audit' && specOf(request) === 'STORAGE') {
        return reply.toolUse('SpecAuditReport', {
          findings: [
            { severity: 'error', location: 'Overview, L11', issue: 'Vague.', suggestion: 'Clarify.' },
          ],
        });
      }
      if (kind !== 'fixer') return undefined;
      return reply.toolUse('edit_file', {
        path: 'storage.smd',
        edits: [{ old: 'not in the file', new: 'x' }],
      });
    },
  });
  const result = await run();
  assert.equal(result.outcome, 'completed');
  assert.equal(callsOf(model, 'fixer'), 6, 'the first try and [llm] tool_retries = 5 more');
  const warning = events.find((e) => e.type === 'log' && e.level === 'warn');
  assert.ok(warning && warning.type === 'log');
  assert.match(
    warning.message,
    /^STORAGE: could not fix "Vague\." \(.*tool edit_file failed 6 times in a row.*\); the files were left as they were\.$/,
  );
  assert.equal(result.unresolvedErrors, 1);
  assert.ok(result.plan);
});
