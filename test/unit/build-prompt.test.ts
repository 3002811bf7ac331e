import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { buildPromptContext, taskPrompt, unresolvedRefs } from '../../shared/src/build/prompt';
import { type Plan, type PlanTaskInput, planSchema } from '../../shared/src/model/plan';
import { Workspace } from '../../shared/src/project/workspace';
import { makeProject } from '../support/project';

const FENCE = '```';

const SMD = `---
id: TOKENS
status: draft
priority: high
depends: []
---
# Tokens

## Overview

Issues and checks tokens.

## Goals

- Unguessable tokens

## Non-Goals

- Sessions

## Requirements

### Token Format {#token-format}

Tokens are 32 hex characters.

**Accepts:** nothing

**Returns:** a token string

**Errors:**

- The random source fails -> raise TokenError

### Check Token

Checks a token.

**Accepts:** token (string)

**Returns:** whether it is well formed

## Constraints

- No global state

## Examples

### Make one

**Input:**

${FENCE}
make()
${FENCE}

**Output:**

${FENCE}
"3f2a"
${FENCE}

## Acceptance Criteria

- Two tokens differ
`;

const AMD = `---
spec: TOKENS
status: draft
---
# Architecture: Tokens

## Overview

Two modules.

## Components

### Maker

@path: src/maker.py

Makes tokens.

**Interface:**

${FENCE}python
def make() -> str: ...
${FENCE}

**Contracts:**

- Returns 32 lowercase hex characters

### Checker

@path: src/checker.py

Checks tokens.

**Interface:**

${FENCE}python
def check(token: str) -> bool: ...
${FENCE}

**Contracts:** None

**Depends on:** Maker

## Data Models

### Token

${FENCE}python
Token = str
${FENCE}

## Flow

${FENCE}
make -> check
${FENCE}

## Dependencies

- secrets: randomness
`;

const CONFIG = `[project]
name = "tokens"
version = "1.2.0"

[output]
language = "python"
framework = "none-at-all"

[llm]
model = "anthropic:claude-sonnet-4-6"
`;

const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function task(id: string, fields: Partial<PlanTaskInput> = {}): PlanTaskInput {
  return {
    id,
    spec: 'TOKENS',
    title: `Task ${id}`,
    description: `Does ${id}.`,
    outputs: [],
    depends_on: [],
    spec_refs: [],
    arch_refs: [],
    verify: [],
    ...fields,
  };
}

function setup(tasks: PlanTaskInput[], files: Record<string, string> = {}) {
  const root = makeProject({
    'ossature.toml': CONFIG,
    'specs/tokens.smd': SMD,
    'specs/tokens.amd': AMD,
    'specs/other.smd': SMD.replace('id: TOKENS', 'id: OTHER').replace(
      '- No global state',
      '- Only OTHER says this',
    ),
    ...files,
  });
  made.push(root);
  const plan: Plan = planSchema.parse({
    meta: { generated_at: '2026-01-01T00:00:00Z', total_tasks: tasks.length, specs: ['TOKENS'] },
    task: tasks,
  });
  const ctx = buildPromptContext(Workspace.load(join(root, 'ossature.toml')), plan);
  const write = (rel: string, content: string | Buffer) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), content);
  };
  return {
    root,
    plan,
    ctx,
    write,
    prompt: (id: string) => taskPrompt(ctx, plan.task.find((t) => t.id === id)!),
  };
}

/** The body of `<tag …>` in a prompt, or undefined when the prompt has no such section. */
function section(prompt: string, tag: string): string | undefined {
  const open = prompt.indexOf(`<${tag}`);
  if (open === -1) return undefined;
  const start = prompt.indexOf('>\n', open) + 2;
  return prompt.slice(start, prompt.indexOf(`\n</${tag}>`, start));
}

const TOKEN_FORMAT = [
  '### Token Format {#token-format}',
  '',
  'Tokens are 32 hex characters.',
  '',
  '**Accepts:** nothing',
  '',
  '**Returns:** a token string',
  '',
  '**Errors:**',
  '',
  '- The random source fails -> raise TokenError',
].join('\n');

const MAKE_ONE = `### Make one\n\n**Input:**\n\n${FENCE}\nmake()\n${FENCE}\n\n**Output:**\n\n${FENCE}\n"3f2a"\n${FENCE}`;

test('spec_refs: Requirements > Title, #anchor, Examples > Name, any case, legacy prefix — all resolve, in order', () => {
  const { prompt } = setup([
    task('001', {
      spec_refs: [
        'Requirements > Token Format',
        'examples >  MAKE ONE',
        'TOKENS:goals',
        'requirements > #token-format',
        'check token',
      ],
    }),
  ]);
  const expected = [
    TOKEN_FORMAT,
    MAKE_ONE,
    '### Goals\n\n- Unguessable tokens',
    TOKEN_FORMAT,
    '### Check Token\n\nChecks a token.\n\n**Accepts:** token (string)\n\n**Returns:** whether it is well formed',
  ].join('\n\n');
  assert.equal(section(prompt('001'), 'specification_context'), expected);
});

test('spec_refs: whole sections render as the original did (### bullets, ## Requirements / ## Examples)', () => {
  const { prompt } = setup([
    task('001', { spec_refs: ['Overview', 'Non-Goals', 'Constraints', 'Acceptance Criteria', 'Examples'] }),
    task('002', { spec_refs: ['Requirements'] }),
  ]);
  assert.equal(
    section(prompt('001'), 'specification_context'),
    [
      '### Overview\n\nIssues and checks tokens.',
      '### Non-Goals\n\n- Sessions',
      '### Constraints\n\n- No global state',
      '### Acceptance Criteria\n\n- Two tokens differ',
      `## Examples\n\n${MAKE_ONE}`,
    ].join('\n\n'),
  );
  const requirements = section(prompt('002'), 'specification_context')!;
  assert.ok(requirements.startsWith(`## Requirements\n\n${TOKEN_FORMAT}\n\n### Check Token\n\n`));
});

test('a legacy prefix naming another spec reads that spec; refs naming nothing are reported, not sent', () => {
  const { ctx, plan, prompt } = setup([
    task('001', {
      spec_refs: ['OTHER:Constraints', 'Nope', 'Notes', 'Requirements > Ghost', 'Goals'],
      arch_refs: ['Components > Ghost', 'Flow', 'Data Models > Token'],
    }),
    task('002', { spec: 'OTHER', spec_refs: ['Goals'], arch_refs: ['Overview'] }),
  ]);
  // The spec has no ## Notes, so "Notes" adds nothing either.
  assert.deepEqual(unresolvedRefs(ctx, plan.task[0]!), [
    'Nope',
    'Notes',
    'Requirements > Ghost',
    'Components > Ghost',
  ]);
  assert.equal(
    section(prompt('001'), 'specification_context'),
    '### Constraints\n\n- Only OTHER says this\n\n### Goals\n\n- Unguessable tokens',
  );
  assert.equal(
    section(prompt('001'), 'architecture_context'),
    `### Flow\n\n${FENCE}\nmake -> check\n${FENCE}\n\n### Token\n\n${FENCE}python\nToken = str\n${FENCE}`,
  );
  // OTHER has no architecture: its arch_refs point at nothing and there is no architecture section.
  assert.deepEqual(unresolvedRefs(ctx, plan.task[1]!), ['Overview']);
  assert.equal(section(prompt('002'), 'architecture_context'), undefined);
});

const MAKER_HEAD = `### Maker\n\n@path: src/maker.py\n\nMakes tokens.\n\n**Interface:**\n\n${FENCE}python\ndef make() -> str: ...\n${FENCE}`;
const MAKER_CONTRACTS = '**Contracts:**\n\n- Returns 32 lowercase hex characters';
const CHECKER =
  `### Checker\n\n@path: src/checker.py\n\nChecks tokens.\n\n**Interface:**\n\n${FENCE}python\n` +
  `def check(token: str) -> bool: ...\n${FENCE}\n\n**Contracts:** None\n\n**Depends on:** Maker`;

test('owned components: contracts only for the task that finalises the file; paths compared normalised', () => {
  const { prompt } = setup([
    task('001', { outputs: ['src/maker.py'] }),
    task('002', { outputs: ['./SRC/maker.py'] }),
    task('003', { outputs: ['src/checker.py'] }),
  ]);
  // 002 rewrites src/maker.py later, so 001 sees the interface only.
  assert.equal(section(prompt('001'), 'architecture_context'), MAKER_HEAD);
  assert.equal(section(prompt('002'), 'architecture_context'), `${MAKER_HEAD}\n\n${MAKER_CONTRACTS}`);
  assert.equal(section(prompt('003'), 'architecture_context'), CHECKER);
});

test('arch_refs: merged sections, named and bare components; an owned component already shown is not repeated', () => {
  const { prompt } = setup([
    task('001', {
      outputs: ['src/maker.py'],
      arch_refs: ['Components > Maker', 'overview', 'Dependencies', 'checker'],
    }),
  ]);
  assert.equal(
    section(prompt('001'), 'architecture_context'),
    [
      `${MAKER_HEAD}\n\n${MAKER_CONTRACTS}`,
      '### Overview\n\nTwo modules.',
      '### Dependencies\n\n- secrets: randomness',
      CHECKER,
    ].join('\n\n'),
  );
});

test('project config, briefs and the task block; briefs are read when the prompt is made', () => {
  const { prompt, write } = setup([
    task('001', { notes: 'Keep it short.', outputs: ['src/maker.py', 'src/__init__.py'] }),
    task('002'),
  ]);
  const before = prompt('001');
  assert.ok(
    before.startsWith('<project_config>\nProject: tokens v1.2.0\nLanguage: python\nFramework: none-at-all\n'),
  );
  assert.equal(section(before, 'project_brief'), undefined);
  assert.ok(
    before.endsWith(
      '<task>\n## Task 001\n\nDoes 001.\n\n**Notes:** Keep it short.\n\n## Files to Produce\n\n' +
        '- `src/maker.py`\n- `src/__init__.py`\n</task>',
    ),
  );
  assert.ok(prompt('002').endsWith('<task>\n## Task 002\n\nDoes 002.\n</task>'));

  write('.ossature/context/project-brief.md', '\n  The whole project.\r\nTwo lines.\n\n');
  write('.ossature/context/spec-briefs/TOKENS.md', 'The spec.\n');
  const after = prompt('001');
  assert.ok(
    after.includes(
      '</project_config>\n\n<project_brief>\nThe whole project.\nTwo lines.\n</project_brief>\n\n' +
        '<spec_brief spec="TOKENS">\nThe spec.\n</spec_brief>\n\n<architecture_context>',
    ),
  );
});

test('dependency files by name when they exist; cross-spec interfaces that exist, trimmed', () => {
  const { prompt, write } = setup(
    [
      task('001', {
        inject_files: ['src/maker.py', 'src/gone.py', '../ossature.toml'],
        cross_spec_interfaces: ['OTHER', 'NONE'],
      }),
    ],
    { 'output/src/maker.py': 'def make(): ...\n' },
  );
  write('.ossature/context/interfaces/OTHER.md', '# Interface: OTHER\n\nfn x()\n');
  const text = prompt('001');
  assert.equal(
    section(text, 'dependency_files'),
    'The following files from previous tasks are available. Use `grep_file` and `read_lines` to inspect the ' +
      'types, interfaces, and signatures you need.\n\n- `src/maker.py`',
  );
  assert.equal(
    section(text, 'cross_spec_interfaces'),
    '<interface spec="OTHER">\n# Interface: OTHER\n\nfn x()\n</interface>',
  );
});

test('context files: text inlined with MIME and size, binary listed, undecodable and missing marked', () => {
  const notes = `Use this:\n\n${FENCE}json\n{}\n${FENCE}\n`;
  const { prompt, write } = setup([
    task('001', {
      context_files: ['docs/notes.md', 'img/logo.png', 'data/bad.txt', 'missing.csv', '../ossature.toml'],
    }),
  ]);
  write('context/docs/notes.md', notes);
  write('context/img/logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1]));
  write('context/data/bad.txt', Buffer.from([0x61, 0xff, 0xfe, 0x62]));
  const body = section(prompt('001'), 'context_files')!;
  assert.ok(
    body.startsWith("The following files from the project's context directory are assigned to this task."),
  );
  const entries = body.split('\n\n').slice(1).join('\n\n');
  assert.equal(
    entries,
    [
      // The notes hold a ``` fence, so the block's fence is one backtick longer.
      `### docs/notes.md\n\n**MIME type:** \`text/markdown\` (${Buffer.byteLength(notes)} bytes)\n\n\`\`\`\`\n${notes}\n\`\`\`\``,
      '- `img/logo.png` — `image/png` (6 bytes)',
      '- `data/bad.txt` — `text/plain` (4 bytes) — use `read_context_file` or `copy_context_file` to access',
      '- `missing.csv` — not found',
      '- `../ossature.toml` — outside the context directory, not read',
    ].join('\n\n'),
  );
});
