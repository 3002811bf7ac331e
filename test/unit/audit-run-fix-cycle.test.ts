import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuditEvent } from '../../shared/src/audit/run/events';
import { auditWithFixes, type FixMode, findingsToFix } from '../../shared/src/audit/run/fix-cycle';
import { brokenBy } from '../../shared/src/audit/run/spec-fixer';
import type { AuditFinding } from '../../shared/src/audit/types';

const f = (severity: AuditFinding['severity'], suggestion = 'do it'): AuditFinding => ({
  severity,
  location: 'Overview, L3',
  issue: `${severity} issue`,
  suggestion,
});

test('auto mode fixes only ERROR findings with a suggestion', () => {
  const findings = [f('warning'), f('error', ''), f('error'), f('info')];
  assert.deepEqual(findingsToFix(findings, 'auto'), [findings[2]]);
  assert.deepEqual(findingsToFix(findings, 'none'), []);
});

test('interactive mode offers errors then warnings, and info only when nothing more serious is left', () => {
  const findings = [f('info'), f('warning'), f('error'), f('error', ' ')];
  assert.deepEqual(
    findingsToFix(findings, 'interactive').map((x) => x.severity),
    ['error', 'warning'],
  );
  assert.deepEqual(findingsToFix([f('info'), f('info', '')], 'interactive'), [f('info')]);
});

async function cycle(mode: FixMode, audits: AuditFinding[][], fixes: string[][], answers: boolean[] = []) {
  const events: AuditEvent[] = [];
  let audited = 0;
  let fixed = 0;
  const result = await auditWithFixes({
    scope: 'AUTH',
    mode,
    maxCycles: 2,
    audit: async () => ({ findings: audits[Math.min(audited++, audits.length - 1)]! }),
    fix: async () => fixes[fixed++] ?? [],
    ask: async () => answers.shift() ?? false,
    emit: (event) => events.push(event),
  });
  return { result, audited, fixed, events };
}

test('the cycle stops at max_fix_cycles: at most max fix rounds and max + 1 audits', async () => {
  const { result, audited, fixed } = await cycle('auto', [[f('error')]], [['a.smd'], ['a.smd'], ['a.smd']]);
  assert.equal(audited, 3);
  assert.equal(fixed, 2);
  assert.equal(result.audits, 3);
  assert.deepEqual(result.edited, ['a.smd']);
});

test('a clean re-audit ends the cycle; a round without edits ends it too', async () => {
  const clean = await cycle('auto', [[f('error')], []], [['a.smd']]);
  assert.equal(clean.audited, 2);
  assert.deepEqual(clean.result.report.findings, []);
  const stuck = await cycle('auto', [[f('error')]], [[]]);
  assert.equal(stuck.audited, 1);
  assert.ok(stuck.events.some((e) => e.type === 'log' && e.message === 'AUTH: no edits made'));
});

test('--no-fix audits once; interactive asks and a "no" stops before fixing', async () => {
  const none = await cycle('none', [[f('error')]], [['a.smd']]);
  assert.equal(none.audited, 1);
  assert.equal(none.fixed, 0);
  const declined = await cycle('interactive', [[f('warning')]], [['a.smd']], [false]);
  assert.equal(declined.fixed, 0);
  const accepted = await cycle('interactive', [[f('warning')], []], [['a.smd']], [true]);
  assert.equal(accepted.fixed, 1);
  assert.equal(accepted.audited, 2);
});

const SMD = `---
id: AUTH
status: draft
priority: high
depends: []
---
# Auth

## Overview

Tokens.

## Goals

- g

## Non-Goals

- n

## Requirements

### Issue Token

Issues a token.

**Accepts:** user

**Returns:** token

## Constraints

- c

## Examples

### One

**Input:**

\`\`\`
a
\`\`\`

**Output:**

\`\`\`
b
\`\`\`

## Acceptance Criteria

- works
`;

test('an edit is broken when it adds a parse error or changes the spec id', () => {
  const file = '/p/specs/auth.smd';
  assert.equal(brokenBy(file, SMD, SMD.replace('Issues a token.', 'Issues a signed token.')), undefined);
  assert.match(brokenBy(file, SMD, SMD.replace('## Requirements\n', ''))!, /^it no longer parses \(OSS\d+: /);
  assert.equal(
    brokenBy(file, SMD, SMD.replace('id: AUTH', 'id: LOGIN')),
    'it changed the spec id from AUTH to LOGIN',
  );
});
