import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { type PlanTaskStatus, PlanTasksRequest, TaskStatusEditRequest } from '../../shared/src/protocol';
import { makeTrioProject, statuses } from '../support/build-fixture';
import { lineOf, rangeOf } from '../support/find';
import { makeProject } from '../support/project';
import { LspTestClient, uriOf } from './harness';

/**
 * `ossature/taskStatusEdit` over real JSON-RPC: the edit that sets one task's status in plan.toml, on the
 * editor's text when the plan is open, leaving every other byte alone; and the messages when it cannot.
 */

function statusEdit(client: LspTestClient, root: string, taskId: string, status: PlanTaskStatus | string) {
  return client.connection.sendRequest(TaskStatusEditRequest, {
    configFile: join(root, 'ossature.toml'),
    taskId,
    status: status as PlanTaskStatus,
  });
}

/** Applies LSP text edits to `text` (last first, as an editor does). */
function applied(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: TextEdit['range']['start']) =>
    lines.slice(0, p.line).reduce((sum, l) => sum + l.length + 1, 0) + p.character;
  let out = text;
  for (const edit of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    out = out.slice(0, offset(edit.range.start)) + edit.newText + out.slice(offset(edit.range.end));
  }
  return out;
}

test("the edit changes only that task's status value; saved, the plan keeps every other byte", async () => {
  const root = makeTrioProject();
  const planFile = join(root, '.ossature', 'plan.toml');
  const commented = readFileSync(planFile, 'utf8').replace(
    'id = "002"',
    'id = "002"  # helpers: keep this comment',
  );
  writeFileSync(planFile, commented);
  const client = await LspTestClient.start([root]);
  try {
    const { uri, edits } = await statusEdit(client, root, '002', 'skipped');
    assert.equal(uri, uriOf(planFile));
    // Task 002's status, the second in the plan.
    assert.deepEqual(edits, [{ range: rangeOf(commented, '"pending"', 1), newText: '"skipped"' }]);
    const saved = applied(commented, edits);
    writeFileSync(planFile, saved);
    assert.equal(saved, commented.replace(/("002"[\s\S]*?status = )"pending"/, '$1"skipped"'));
    assert.deepEqual(statuses(root), {
      '001': 'pending',
      '002': 'skipped',
      '003': 'pending',
      '004': 'pending',
    });

    const again = await statusEdit(client, root, '002', 'skipped');
    assert.deepEqual(again.edits, [], 'already skipped: nothing to change');
  } finally {
    await client.stop();
  }
});

test("an open plan's unsaved text is the one edited", async () => {
  const root = makeTrioProject();
  const planFile = join(root, '.ossature', 'plan.toml');
  const client = await LspTestClient.start([root]);
  try {
    await client.open(planFile);
    await client.edit(planFile, rangeOf(client.text(planFile), '[meta]'), '# reviewed on Monday\n\n[meta]');
    const { edits } = await statusEdit(client, root, '004', 'manual');
    assert.equal(edits.length, 1);
    assert.equal(edits[0]?.range.start.line, lineOf(client.text(planFile), '"pending"', 3));
    await client.editMany(
      planFile,
      edits.map((e) => ({ range: e.range, text: e.newText })),
    );
    const { projects } = await client.connection.sendRequest(PlanTasksRequest, {});
    assert.deepEqual(
      projects[0]?.tasks.map((t) => `${t.id} ${t.status}`),
      ['001 pending', '002 pending', '003 pending', '004 manual'],
    );
    assert.ok(client.text(planFile).startsWith('# .ossature/plan.toml'), client.text(planFile).slice(0, 80));
    assert.ok(client.text(planFile).includes('# reviewed on Monday\n'));
  } finally {
    await client.stop();
  }
});

test('a task without a status gets one after its id, in the quotes the plan uses', async () => {
  const plan = `[meta]
generated_at = '2026-01-01T00:00:00Z'
total_tasks = 1
specs = ['CORE']

[[task]]
id = '001'
spec = 'CORE'
title = 'Core'
description = 'Write it.'
outputs = ['core.mjs']
depends_on = []
spec_refs = []
arch_refs = []
verify = []
`;
  const root = makeProject({ '.ossature/plan.toml': plan });
  const client = await LspTestClient.start([root]);
  try {
    const { edits } = await statusEdit(client, root, '001', 'done');
    assert.equal(applied(plan, edits), plan.replace("id = '001'\n", "id = '001'\nstatus = 'done'\n"));
  } finally {
    await client.stop();
  }
});

test('an unknown task or status, a plan that is not TOML, or no plan: a message saying what to do', async () => {
  const root = makeTrioProject();
  const planFile = join(root, '.ossature', 'plan.toml');
  const client = await LspTestClient.start([root]);
  try {
    await assert.rejects(statusEdit(client, root, '009', 'done'), {
      message: `${planFile} has no task '009'. Check the task id (the plan may have changed since), or run \`ossature audit\` to plan again.`,
    });
    await assert.rejects(statusEdit(client, root, '001', 'finished'), {
      message: "'finished' is not a task status; use one of pending, done, failed, skipped, manual.",
    });

    await client.open(planFile);
    await client.replace(planFile, 'id = "003"', 'id = "003');
    const line = lineOf(client.text(planFile), 'id = "003') + 1;
    await assert.rejects(
      statusEdit(client, root, '001', 'done'),
      new RegExp(
        `^Error: ${planFile.replace(/[.\\/]/g, '\\$&')}:${line}:\\d+: not valid TOML .* fix the syntax error`,
      ),
    );
    await client.close(planFile);

    rmSync(planFile);
    await assert.rejects(statusEdit(client, root, '001', 'done'), {
      message: `There is no plan at ${planFile}, so task 001 has no status to change. Run \`ossature audit\` to plan the build first.`,
    });
  } finally {
    await client.stop();
  }
});
