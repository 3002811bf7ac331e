import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Plan, type PlanTaskInput, planSchema } from '../../shared/src/model/plan';
import { readPlanFile, writePlanFile } from '../../shared/src/store/plan-file';
import { makeProject } from './project';

/**
 * A small JavaScript project with three specs and a ready plan, for build tests (no audit needed):
 * CORE (two tasks), and GREET and REPORT, which both depend on CORE and read its interface. Every task
 * writes one `.mjs` file checked with `node --check`.
 */

export const BUILD_CONFIG = `[project]
name = "trio"
version = "1.0.0"

[output]
dir = "output"
language = "javascript"

[build]
review = false

[llm]
model = "anthropic:claude-sonnet-4-6"
`;

function smd(id: string, title: string, depends: string[], requirement: string, text: string): string {
  return `---
id: ${id}
status: draft
priority: medium
depends: [${depends.join(', ')}]
---

# ${title}

## Overview

${title} for the trio test project.

## Goals

- ${requirement} works

## Non-Goals

- Anything else

## Requirements

### ${requirement}

${text}

**Accepts:** two numbers.

**Returns:** a number.

## Constraints

- Plain JavaScript modules

## Examples

### Simple

**Input:**

\`\`\`
1 2
\`\`\`

**Output:**

\`\`\`
3
\`\`\`

## Acceptance Criteria

- ${requirement} returns the right value
`;
}

export const CORE_REQUIREMENT_TEXT = 'Adds two numbers and returns the sum.';

function task(
  input: Partial<PlanTaskInput> & Pick<PlanTaskInput, 'id' | 'spec' | 'title' | 'outputs'>,
): PlanTaskInput {
  return {
    description: `Write ${input.outputs.join(', ')}.`,
    depends_on: [],
    spec_refs: [],
    arch_refs: [],
    verify: input.outputs.map((out) => `node --check ${out}`),
    ...input,
  };
}

export const TRIO_TASKS: PlanTaskInput[] = [
  task({ id: '001', spec: 'CORE', title: 'Core add module', outputs: ['src/core.mjs'], spec_refs: ['Add'] }),
  task({
    id: '002',
    spec: 'CORE',
    title: 'Core helpers',
    outputs: ['src/core-helpers.mjs'],
    depends_on: ['001'],
    inject_files: ['src/core.mjs'],
  }),
  task({
    id: '003',
    spec: 'GREET',
    title: 'Greeting module',
    outputs: ['src/greet.mjs'],
    spec_refs: ['Greet'],
    depends_on: ['002'],
    cross_spec_interfaces: ['CORE'],
  }),
  task({
    id: '004',
    spec: 'REPORT',
    title: 'Report module',
    outputs: ['src/report.mjs'],
    spec_refs: ['Report'],
    depends_on: ['002'],
    cross_spec_interfaces: ['CORE'],
  }),
];

export function planOf(tasks: readonly PlanTaskInput[]): Plan {
  return planSchema.parse({
    meta: {
      generated_at: '2026-01-01T00:00:00Z',
      total_tasks: tasks.length,
      specs: [...new Set(tasks.map((t) => t.spec))],
    },
    task: tasks,
  });
}

/** Writes the trio project into a temp folder; returns its root. */
export function makeTrioProject(tasks: readonly PlanTaskInput[] = TRIO_TASKS): string {
  const root = makeProject({
    'ossature.toml': BUILD_CONFIG,
    'specs/core.smd': smd('CORE', 'Core', [], 'Add', CORE_REQUIREMENT_TEXT),
    'specs/greet.smd': smd('GREET', 'Greet', ['CORE'], 'Greet', 'Greets a person by name.'),
    'specs/report.smd': smd('REPORT', 'Report', ['CORE'], 'Report', 'Reports the sum of two numbers.'),
  });
  writePlanFile(join(root, '.ossature', 'plan.toml'), planOf(tasks));
  return root;
}

/** Task statuses by id, as plan.toml has them now. */
export function statuses(root: string): Record<string, string> {
  const plan = readPlanFile(join(root, '.ossature', 'plan.toml'));
  if (!plan) throw new Error('plan.toml is missing or unreadable');
  return Object.fromEntries(plan.plan.task.map((t) => [t.id, t.status]));
}

/** Replaces text in a project file. */
export function editFile(root: string, rel: string, from: string, to: string): void {
  const file = join(root, rel);
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${rel} does not contain ${from}`);
  writeFileSync(file, text.replace(from, to));
}
