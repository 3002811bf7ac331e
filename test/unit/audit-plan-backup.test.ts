import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { mergeIncrementalPlan } from '../../shared/src/audit/incremental-merge';
import { backupPlanFile, listPlanBackups } from '../../shared/src/audit/plan-backup';
import { formatPlanChangeSummary, summarizePlanChange } from '../../shared/src/audit/plan-diff';
import { previousTasksForSpec } from '../../shared/src/audit/planner-input';
import { resolvePreservedRefs } from '../../shared/src/audit/preserved-refs';
import { loadCorpusProject } from '../support/audit/corpus-project';
import { plannerTask } from '../support/audit/plan-builders';

test('the plan is copied byte for byte into .ossature/backups before it is replaced', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ossature-backup-'));
  assert.equal(backupPlanFile(dir, new Date()), undefined, 'nothing to back up');
  const text = readFileSync(join(loadCorpusProject('markman').root, '.ossature', 'plan.toml'), 'utf8');
  writeFileSync(join(dir, 'plan.toml'), text);
  const date = new Date('2026-05-14T20:06:15.500Z');
  const first = backupPlanFile(dir, date)!;
  assert.equal(basename(first), 'plan-20260514T200615Z.toml');
  assert.equal(readFileSync(first, 'utf8'), text);
  const second = backupPlanFile(dir, date)!;
  assert.equal(basename(second), 'plan-20260514T200615Z-1.toml');
  assert.deepEqual(listPlanBackups(dir), [first, second]);
});

test('only the newest backups are kept', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ossature-backup-'));
  writeFileSync(join(dir, 'plan.toml'), 'x');
  mkdirSync(join(dir, 'backups'));
  writeFileSync(join(dir, 'backups', 'notes.txt'), 'mine');
  for (let s = 0; s < 5; s++) backupPlanFile(dir, new Date(Date.UTC(2026, 0, 1, 0, 0, s)), 3);
  assert.deepEqual(
    listPlanBackups(dir).map((p) => basename(p)),
    ['plan-20260101T000002Z.toml', 'plan-20260101T000003Z.toml', 'plan-20260101T000004Z.toml'],
  );
  assert.equal(readFileSync(join(dir, 'backups', 'notes.txt'), 'utf8'), 'mine');
});

test('the change summary of an incremental re-plan: added, removed, preserved (renumbered, changed)', () => {
  const project = loadCorpusProject('markman');
  const existing = project.plan();
  const previous = previousTasksForSpec(existing.task, 'WEBUI');
  const { plan, idRemap } = mergeIncrementalPlan({
    existing,
    specPlans: new Map([
      [
        'WEBUI',
        resolvePreservedRefs(
          {
            tasks: [
              { kind: 'preserved', previous_index: 1, depends_on: [] },
              plannerTask('src/web.rs: server', ['src/web.rs'], [1]),
            ],
          },
          previous,
        ),
      ],
    ]),
    changed: new Set(['WEBUI']),
    levels: project.workspace.index.graph.levels,
    depends: project.depends,
    date: new Date(0),
  });
  const summary = summarizePlanChange(existing, plan, idRemap);
  assert.deepEqual(summary.added, [{ id: '017', spec: 'WEBUI', title: 'src/web.rs: server' }]);
  assert.deepEqual(
    summary.removed.map((t) => t.id),
    ['017', '018'],
  );
  assert.equal(summary.preserved.length, 16);
  assert.ok(summary.preserved.every((p) => p.oldId === p.newId && !p.edited));
  assert.deepEqual(formatPlanChangeSummary(summary), [
    'Plan changes: 1 added, 2 removed, 16 preserved (0 renumbered, 0 changed)',
    '  + 017 [WEBUI] src/web.rs: server',
    '  - 017 [WEBUI] src/web.rs: Core HTTP server and HTML rendering',
    '  - 018 [WEBUI] src/web.rs: Unit tests',
  ]);
});

test('without a remap (full re-plan) tasks pair up by spec, title and outputs', () => {
  const project = loadCorpusProject('spenny');
  const old = project.plan();
  const next = structuredClone(old);
  next.task.splice(0, 1);
  next.task.forEach((t, i) => {
    t.id = String(i + 1).padStart(3, '0');
  });
  next.task[0]!.description = 'Changed.';
  const summary = summarizePlanChange(old, next);
  assert.deepEqual(
    summary.removed.map((t) => t.id),
    ['001'],
  );
  assert.deepEqual(summary.added, []);
  assert.equal(summary.preserved.length, 6);
  const lines = formatPlanChangeSummary(summary);
  assert.equal(lines[0], 'Plan changes: 0 added, 1 removed, 6 preserved (6 renumbered, 1 changed)');
  assert.equal(lines[2], '  ~ 002 → 001 [EXPENSE_TRACKER] Storage layer: load/save JSON persistence');
  assert.deepEqual(summarizePlanChange(undefined, next).added.length, 6);
});
