import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditScope, planDecision } from '../../shared/src/audit/audit-scope';

test('changed specs plus unchanged ones without a cached report are audited, in project order', () => {
  const scope = auditScope({
    allSpecIds: ['STORAGE', 'CLI', 'WEBUI'],
    changed: ['WEBUI'],
    hasCachedReport: (id) => id !== 'STORAGE',
    hasInterface: (id) => id !== 'CLI',
  });
  assert.deepEqual(scope, {
    audit: ['STORAGE', 'WEBUI'],
    missingReport: ['STORAGE'],
    missingInterface: ['CLI'],
  });
  const nothing = auditScope({
    allSpecIds: ['A'],
    changed: [],
    hasCachedReport: () => true,
    hasInterface: () => true,
  });
  assert.deepEqual(nothing, { audit: [], missingReport: [], missingInterface: [] });
});

test('plan decision: --replan and a missing plan plan everything; audited specs re-plan incrementally', () => {
  assert.deepEqual(planDecision({ audited: 0, planExists: true, replan: true }), {
    plan: true,
    mode: 'full',
    reason: 'replan',
  });
  assert.deepEqual(planDecision({ audited: 0, planExists: false, replan: false }), {
    plan: true,
    mode: 'full',
    reason: 'no-plan',
  });
  assert.deepEqual(planDecision({ audited: 2, planExists: true, replan: false }), {
    plan: true,
    mode: 'incremental',
    reason: 'specs-audited',
  });
  assert.deepEqual(planDecision({ audited: 0, planExists: true, replan: false }), {
    plan: false,
    reason: 'up-to-date',
  });
});
