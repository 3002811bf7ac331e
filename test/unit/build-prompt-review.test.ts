import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import {
  buildPromptContext,
  isReviewable,
  renderSpecRef,
  reviewFixPrompt,
  reviewPrompt,
} from '../../shared/src/build/prompt';
import type { ReviewIssue } from '../../shared/src/llm/schemas/review';
import { type PlanTaskInput, planSchema } from '../../shared/src/model/plan';
import { Workspace } from '../../shared/src/project/workspace';
import { makeProject, validSmd } from '../support/project';

const FENCE = '```';

const AMD = `---
spec: PARSER
status: draft
---
# Architecture: Parser

## Overview

One module and its scaffold.

## Components

### Lexer

@path: src/lexer.py

Splits text into tokens.

**Interface:**

${FENCE}python
def lex(text: str) -> list[str]: ...
${FENCE}

**Contracts:**

- Never returns an empty token

### Config

@path: src/config.py

Settings.

**Interface:**

${FENCE}python
DEBUG = False
${FENCE}

**Contracts:** None
`;

const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function task(id: string, fields: Partial<PlanTaskInput> = {}): PlanTaskInput {
  return {
    id,
    spec: 'PARSER',
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

function setup(tasks: PlanTaskInput[]) {
  const root = makeProject({ 'specs/parser.smd': validSmd('PARSER'), 'specs/parser.amd': AMD });
  made.push(root);
  const plan = planSchema.parse({
    meta: { generated_at: '2026-01-01T00:00:00Z', total_tasks: tasks.length, specs: ['PARSER'] },
    task: tasks,
  });
  const workspace = Workspace.load(join(root, 'ossature.toml'));
  const ctx = buildPromptContext(workspace, plan);
  const write = (rel: string, content: string) => {
    mkdirSync(dirname(join(root, 'output', rel)), { recursive: true });
    writeFileSync(join(root, 'output', rel), content);
  };
  const smd = workspace.index.smdById.get('PARSER')![0]!;
  return { ctx, plan, write, byId: (id: string) => plan.task.find((t) => t.id === id)!, smd };
}

const LEXER = `### Lexer\n\n@path: src/lexer.py\n\nSplits text into tokens.\n\n**Interface:**\n\n${FENCE}python\ndef lex(text: str) -> list[str]: ...\n${FENCE}\n\n**Contracts:**\n\n- Never returns an empty token`;

test('reviewable: code tasks with spec_refs or with contracts of a file they finalise; never copy tasks', () => {
  const { ctx, byId } = setup([
    task('001', { outputs: ['src/lexer.py'] }), // scaffold: 002 rewrites the file
    task('002', { outputs: ['src/lexer.py'] }),
    task('003', { outputs: ['src/config.py'] }), // contracts: None
    task('004', { outputs: ['src/config.py'], spec_refs: ['Main Operation'] }),
    task('005', { outputs: [], spec_refs: ['Goals'] }),
    task('006', { outputs: ['assets/*.png'], source: ['img/*.png'], spec_refs: ['Goals'] }),
  ]);
  assert.deepEqual(
    ['001', '002', '003', '004', '005', '006'].filter((id) => isReviewable(ctx, byId(id))),
    ['002', '004'],
  );
});

test('review prompt: the task, its spec sections, contracts of the files it finalises, then its code', () => {
  const { ctx, byId, write, smd } = setup([
    task('001', {
      outputs: ['src/lexer.py', 'src/config.py', 'src/absent.py'],
      spec_refs: ['Main Operation'],
    }),
    task('002', { outputs: ['src/config.py'] }),
  ]);
  write('src/lexer.py', 'def lex(text):\n    return text.split()\n');
  write('src/config.py', 'DEBUG = False\n');
  assert.equal(
    reviewPrompt(ctx, byId('001')),
    [
      '<task>\nTask 001\n\nDoes 001.\n</task>',
      `<specification>\n${renderSpecRef(smd, 'Main Operation')}\n</specification>`,
      // config.py is finalised by 002, so only the Lexer's contracts apply here.
      `<architecture>\n${LEXER}\n</architecture>`,
      '<generated_code>\n' +
        `### src/lexer.py\n\n${FENCE}\ndef lex(text):\n    return text.split()\n\n${FENCE}\n\n` +
        `### src/config.py\n\n${FENCE}\nDEBUG = False\n\n${FENCE}\n</generated_code>`,
    ].join('\n\n'),
  );
});

test('review-fix prompt: the same spec and contracts, then the issues as the fixer’s error, no verify line', () => {
  const { ctx, byId, write, smd } = setup([
    task('001', { outputs: ['src/lexer.py'], spec_refs: ['Main Operation'], verify: ['pytest'] }),
  ]);
  write('src/lexer.py', 'def lex(text):\n    return [""]\n');
  const issues: ReviewIssue[] = [
    {
      file: 'src/lexer.py',
      target: 'lex',
      problem: 'returns an empty token',
      suggestion: 'drop empty tokens',
    },
    { file: 'src/lexer.py', target: 'lex', problem: 'ignores tabs', suggestion: '' },
  ];
  assert.equal(
    reviewFixPrompt(ctx, byId('001'), issues),
    [
      `<specification>\n${renderSpecRef(smd, 'Main Operation')}\n</specification>`,
      `<architecture>\n${LEXER}\n</architecture>`,
      '<error_output>\n```\nThe code compiled and passed verification, but a review against the specification and ' +
        'declared contracts found these problems. Fix each one without breaking the build:\n\n' +
        '- src/lexer.py -- lex: returns an empty token\n  Fix: drop empty tokens\n' +
        '- src/lexer.py -- lex: ignores tabs\n```\n</error_output>',
      `<current_file path="src/lexer.py">\n${FENCE}\ndef lex(text):\n    return [""]\n\n${FENCE}\n</current_file>`,
      '<task>\n**Task 001**: Does 001.\n</task>',
    ].join('\n\n'),
  );
});
