import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  crossSpecAuditReportSchema,
  OUTPUT_SCHEMAS,
  reviewReportSchema,
  specAuditReportSchema,
  specTaskPlanSchema,
} from '../../shared/src/llm';
import { inputSchemaOf } from '../../shared/src/llm/content';

test('every output type converts to an object JSON Schema usable as a tool input_schema', () => {
  assert.deepEqual(Object.keys(OUTPUT_SCHEMAS), [
    'SpecAuditReport',
    'CrossSpecAuditReport',
    'SpecTaskPlan',
    'ReviewReport',
  ]);
  for (const [name, schema] of Object.entries(OUTPUT_SCHEMAS)) {
    const json = inputSchemaOf(schema, name);
    assert.equal(json.type, 'object', name);
    assert.equal('$schema' in json, false, name);
  }
});

test('SpecAuditReport and CrossSpecAuditReport carry the reference fields', () => {
  const finding = { severity: 'warning', location: 'Overview, L3', issue: 'i', suggestion: '' };
  assert.deepEqual(specAuditReportSchema.parse({ findings: [finding] }), { findings: [finding] });
  assert.equal(
    specAuditReportSchema.safeParse({ findings: [{ ...finding, severity: 'fatal' }] }).success,
    false,
  );
  const cross = { severity: 'error', specs: ['AUTH', 'API'], issue: 'i', suggestion: 's' };
  assert.deepEqual(crossSpecAuditReportSchema.parse({ findings: [cross] }).findings[0], cross);
  assert.equal(crossSpecAuditReportSchema.safeParse({ findings: [{ ...cross, specs: [] }] }).success, false);
});

test('SpecTaskPlan is a discriminated union of PlannerTask and PreservedTaskRef', () => {
  const plan = specTaskPlanSchema.parse({
    tasks: [
      {
        kind: 'task',
        title: 'Models',
        description: 'Data models',
        outputs: ['models.py'],
        depends_on: [],
        spec_refs: ['Data Model'],
        arch_refs: [],
        verify: 'python -m py_compile models.py',
      },
      { kind: 'preserved', previous_index: 3, depends_on: [1] },
    ],
  });
  const [task, preserved] = plan.tasks;
  assert.ok(task?.kind === 'task');
  assert.deepEqual(task.verify, ['python -m py_compile models.py'], 'a bare verify string becomes a list');
  assert.deepEqual([task.context_files, task.source, task.covers], [[], [], []]);
  assert.deepEqual(preserved, { kind: 'preserved', previous_index: 3, depends_on: [1] });
  assert.equal(
    specTaskPlanSchema.safeParse({ tasks: [{ kind: 'preserved', previous_index: 0, depends_on: [] }] })
      .success,
    false,
  );
  assert.equal(specTaskPlanSchema.safeParse({ tasks: [{ kind: 'other' }] }).success, false);

  const json = JSON.stringify(inputSchemaOf(specTaskPlanSchema, 'SpecTaskPlan'));
  assert.match(json, /"oneOf"/);
  assert.match(json, /"previous_index"/);
});

test('ReviewReport has passed and issues with file, target, problem, suggestion', () => {
  const issue = { file: 'a.py', target: 'login()', problem: 'p', suggestion: 's' };
  assert.deepEqual(reviewReportSchema.parse({ passed: false, issues: [issue] }), {
    passed: false,
    issues: [issue],
  });
  assert.equal(reviewReportSchema.safeParse({ passed: 'yes', issues: [] }).success, false);
});
