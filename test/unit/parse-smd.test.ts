import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { CodeInfo } from '../../shared/src/diagnostics/code-info';
import { SMD_CODES } from '../../shared/src/diagnostics/codes-smd';
import { parseSmd } from '../../shared/src/parse/smd';
import { smdTemplate } from '../../shared/src/project/templates';
import type { Range } from '../../shared/src/text/range';
import { corpusPath } from '../support/corpus';
import { rangeIn, rangeOf } from '../support/find';

const FILE = '/project/specs/todo_list.smd';

const VALID_SMD = `---
id: TODO_LIST
status: draft
priority: high
depends: [STORAGE, AUTH]
---

# Todo List

## Overview

Keeps a list of todos.

## Goals

- Add todos quickly

## Non-Goals

- Syncing between devices

## Requirements

### Add Todo {#add-todo}

Adds a todo to the list.

**Accepts:** title (non-empty string)

**Returns:** the new todo with its id

**Errors:**

- Title is empty -> ValueError("title must not be empty")
- List is full → ListFullError

### List Todos

Lists every todo.

**Accepts:** nothing

**Returns:** the todos in insertion order

## Constraints

- Standard library only

## Examples

### Add One

**Input:**

\`\`\`
add("milk")
\`\`\`

**Output:**

\`\`\`
{"id": 1, "title": "milk"}
\`\`\`

## Acceptance Criteria

- Adding a todo then listing shows it

## Notes

Nothing else.
`;

function edit(from: string, to: string, text = VALID_SMD): string {
  assert.ok(text.includes(from), `fixture contains ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

test('the valid fixture parses cleanly into a full model with ranges', () => {
  const { spec, diagnostics } = parseSmd(VALID_SMD, FILE);
  assert.deepEqual(diagnostics, []);
  assert.equal(spec.id?.value, 'TODO_LIST');
  assert.deepEqual(spec.id?.range, rangeOf(VALID_SMD, 'TODO_LIST'));
  assert.deepEqual(spec.status?.range, rangeIn(VALID_SMD, 'status: draft', 'draft'));
  assert.deepEqual(
    spec.depends.map((d) => [d.value, d.range]),
    [
      ['STORAGE', rangeOf(VALID_SMD, 'STORAGE')],
      ['AUTH', rangeOf(VALID_SMD, 'AUTH')],
    ],
  );
  assert.deepEqual(spec.title, { value: 'Todo List', range: rangeOf(VALID_SMD, 'Todo List') });
  assert.deepEqual(
    spec.sections.map((s) => s.name),
    [
      'Overview',
      'Goals',
      'Non-Goals',
      'Requirements',
      'Constraints',
      'Examples',
      'Acceptance Criteria',
      'Notes',
    ],
  );
  assert.deepEqual(spec.sections[0]!.headingRange, rangeOf(VALID_SMD, '## Overview'));
  assert.equal(spec.overview, 'Keeps a list of todos.');
  assert.deepEqual(spec.goals, [
    { value: 'Add todos quickly', range: rangeOf(VALID_SMD, 'Add todos quickly') },
  ]);
  const [add, list] = spec.requirements;
  assert.equal(add!.title, 'Add Todo');
  assert.deepEqual(add!.titleRange, rangeOf(VALID_SMD, 'Add Todo'));
  assert.equal(add!.anchor, 'add-todo');
  assert.equal(add!.noVerify, false);
  assert.equal(add!.description, 'Adds a todo to the list.');
  assert.deepEqual(add!.accepts, {
    value: 'title (non-empty string)',
    range: rangeOf(VALID_SMD, 'title (non-empty string)'),
  });
  assert.deepEqual(
    add!.errors.map((e) => [e.condition, e.response]),
    [
      ['Title is empty', 'ValueError("title must not be empty")'],
      ['List is full', 'ListFullError'],
    ],
  );
  assert.deepEqual(add!.errors[1]!.range, rangeOf(VALID_SMD, 'List is full → ListFullError'));
  assert.equal(list!.anchor, undefined);
  assert.deepEqual(list!.errors, []);
  assert.deepEqual(spec.examples, [
    {
      name: 'Add One',
      nameRange: rangeOf(VALID_SMD, 'Add One'),
      range: spec.examples[0]!.range,
      input: 'add("milk")',
      output: '{"id": 1, "title": "milk"}',
    },
  ]);
  assert.equal(spec.notes, 'Nothing else.');
});

interface Case {
  name: string;
  code: CodeInfo;
  text: string;
  /** The text the diagnostic must point at, and which occurrence of it. */
  at: string | ((text: string) => Range);
  occurrence?: number;
  message?: RegExp;
}

const BUG_ERRORS = '- Title is empty -> ValueError("title must not be empty")';
const REQUIREMENTS_BODY = VALID_SMD.slice(
  VALID_SMD.indexOf('### Add Todo'),
  VALID_SMD.indexOf('## Constraints'),
);
const EXAMPLES_BODY = VALID_SMD.slice(
  VALID_SMD.indexOf('### Add One'),
  VALID_SMD.indexOf('## Acceptance Criteria'),
);

const CASES: Case[] = [
  {
    name: 'no H1 title',
    code: SMD_CODES.missingTitle,
    text: edit('# Todo List\n\n', ''),
    at: '## Overview',
    message: /no `# Title` line/,
  },
  {
    name: 'empty H1 title',
    code: SMD_CODES.missingTitle,
    text: edit('# Todo List', '# '),
    at: '#',
    occurrence: 0,
  },
  {
    name: 'a required section is missing',
    code: SMD_CODES.missingSection,
    text: edit('## Constraints\n\n- Standard library only\n\n', ''),
    at: 'Todo List',
    message: /Missing required section `## Constraints`/,
  },
  {
    name: 'a required section is misspelled (names are case-sensitive)',
    code: SMD_CODES.missingSection,
    text: edit('## Acceptance Criteria', '## Acceptance criteria'),
    at: 'Acceptance criteria',
    message: /case-sensitive/,
  },
  {
    name: 'empty Overview',
    code: SMD_CODES.emptyOverview,
    text: edit('Keeps a list of todos.\n\n', ''),
    at: '## Overview',
  },
  {
    name: 'a bullet section with `*` bullets only',
    code: SMD_CODES.sectionWithoutBullets,
    text: edit('- Syncing between devices', '* Syncing between devices'),
    at: '## Non-Goals',
    message: /only `- ` bullets are read/,
  },
  {
    name: 'Requirements without any requirement',
    code: SMD_CODES.noRequirements,
    text: edit(REQUIREMENTS_BODY, ''),
    at: '## Requirements',
  },
  {
    name: 'Examples without any example',
    code: SMD_CODES.noExamples,
    text: edit(EXAMPLES_BODY, ''),
    at: '## Examples',
  },
  {
    name: 'prose before the first requirement',
    code: SMD_CODES.textBeforeFirstItem,
    text: edit('## Requirements\n\n', '## Requirements\n\nThese are the requirements.\n\n'),
    at: 'These are the requirements.',
  },
  {
    name: 'a section twice',
    code: SMD_CODES.duplicateSection,
    text: `${VALID_SMD}\n## Notes\n\nMore notes.\n`,
    at: '## Notes',
    occurrence: 0,
  },
  {
    name: 'requirement without Accepts',
    code: SMD_CODES.requirementMissingAccepts,
    text: edit('**Accepts:** nothing\n\n', ''),
    at: 'List Todos',
    message:
      /Requirement 'List Todos' has no \*\*Accepts:\*\* line; add `\*\*Accepts:\*\* <inputs>` after its description/,
  },
  {
    name: 'requirement with an empty Accepts',
    code: SMD_CODES.requirementMissingAccepts,
    text: edit('**Accepts:** nothing', '**Accepts:**'),
    at: '**Accepts:**',
    occurrence: 1,
  },
  {
    name: 'requirement without Returns',
    code: SMD_CODES.requirementMissingReturns,
    text: edit('**Returns:** the todos in insertion order\n\n', ''),
    at: 'List Todos',
  },
  {
    name: 'requirement without description',
    code: SMD_CODES.requirementMissingDescription,
    text: edit('Lists every todo.\n\n', ''),
    at: 'List Todos',
  },
  {
    name: 'error bullet without arrow',
    code: SMD_CODES.errorWithoutArrow,
    text: edit('- List is full → ListFullError', '- List is full: ListFullError'),
    at: 'List is full: ListFullError',
  },
  {
    name: 'error bullet with an empty condition',
    code: SMD_CODES.errorEmptySide,
    text: edit(BUG_ERRORS, '- -> ValueError("title must not be empty")'),
    at: '-> ValueError("title must not be empty")',
    message: /empty condition/,
  },
  {
    name: 'an invalid heading marker',
    code: SMD_CODES.invalidHeadingMarker,
    text: edit('### List Todos', '### List Todos {#bad anchor}'),
    at: '{#bad anchor}',
  },
  {
    name: 'example without Input',
    code: SMD_CODES.exampleMissingInput,
    text: edit('**Input:**\n\n```\nadd("milk")\n```\n\n', ''),
    at: 'Add One',
  },
  {
    name: 'example without Output',
    code: SMD_CODES.exampleMissingOutput,
    text: edit('**Output:**\n\n```\n{"id": 1, "title": "milk"}\n```\n', ''),
    at: 'Add One',
  },
  {
    name: 'Input marker without code block',
    code: SMD_CODES.exampleInputWithoutCode,
    text: edit('```\nadd("milk")\n```\n\n', ''),
    at: '**Input:**',
  },
  {
    name: 'Output marker with an empty code block',
    code: SMD_CODES.exampleOutputWithoutCode,
    text: edit('{"id": 1, "title": "milk"}\n', ''),
    at: '**Output:**',
  },
];

for (const c of CASES) {
  test(`${c.code.code} ${c.name}`, () => {
    const { diagnostics } = parseSmd(c.text, FILE);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      [c.code.code],
      diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'),
    );
    const d = diagnostics[0]!;
    const expected = typeof c.at === 'string' ? rangeOf(c.text, c.at, c.occurrence ?? 0) : c.at(c.text);
    assert.deepEqual(d.range, expected);
    assert.equal(d.severity, c.code.severity);
    assert.equal(d.file, FILE);
    if (c.message) assert.match(d.message, c.message);
  });
}

test('every SMD code has a failing fixture above', () => {
  const covered = new Set(CASES.map((c) => c.code.code));
  for (const info of Object.values(SMD_CODES))
    assert.ok(covered.has(info.code), `${info.code} has a fixture`);
});

test('a misspelled section offers the rename', () => {
  const text = edit('## Acceptance Criteria', '## Acceptance criteria');
  const [d] = parseSmd(text, FILE).diagnostics;
  assert.deepEqual(d!.fixes[0]!.edits, [
    { file: FILE, range: rangeOf(text, 'Acceptance criteria'), newText: 'Acceptance Criteria' },
  ]);
});

test('all problems of a file are reported in one pass, in document order', () => {
  let text = edit('Keeps a list of todos.\n\n', '');
  text = edit('**Accepts:** nothing\n\n', '', text);
  text = edit('- List is full → ListFullError', '- List is full', text);
  text = edit('**Output:**', '**Result:**', text);
  text = edit('status: draft', 'status: drfat', text);
  const codes = parseSmd(text, FILE).diagnostics.map((d) => d.code);
  assert.deepEqual(codes, ['OSS120', 'OSS152', 'OSS163', 'OSS160', 'OSS171']);
});

test('sections are split fence-aware: `## ` and `### ` inside a code fence are content', () => {
  const text = edit(
    'Keeps a list of todos.\n',
    'Keeps a list of todos.\n\n````markdown\n## Not a section\n```\n### still inside\n```\n````\n',
  );
  const { spec, diagnostics } = parseSmd(text, FILE);
  assert.deepEqual(diagnostics, []);
  assert.ok(!spec.sections.some((s) => s.name.includes('Not a section')));
  assert.match(spec.overview, /## Not a section\n```\n### still inside/);
  const inReq = edit(
    'Lists every todo.\n',
    'Lists every todo.\n\n```\n### not a requirement\n**Accepts:** no\n```\n',
  );
  const parsed = parseSmd(inReq, FILE);
  assert.deepEqual(parsed.diagnostics, []);
  assert.equal(parsed.spec.requirements.length, 2);
  assert.match(parsed.spec.requirements[1]!.description, /### not a requirement/);
});

test('an unclosed fence runs to the end of the file', () => {
  const text = edit('## Constraints', '```\n## Constraints');
  const { spec, diagnostics } = parseSmd(text, FILE);
  assert.ok(!spec.sections.some((s) => s.name === 'Constraints'));
  assert.ok(
    diagnostics.some((d) => d.code === SMD_CODES.missingSection.code && /Constraints/.test(d.message)),
  );
});

test('heading markers: anchor, .no-verify, both, and a plain brace group kept in the title', () => {
  const text = edit('### List Todos', '### List Todos {#list .no-verify}');
  const list = parseSmd(text, FILE).spec.requirements[1]!;
  assert.deepEqual([list.title, list.anchor, list.noVerify], ['List Todos', 'list', true]);
  assert.deepEqual(list.titleRange, rangeOf(text, 'List Todos'));
  const only = parseSmd(edit('### List Todos', '### List Todos {.no-verify}'), FILE).spec.requirements[1]!;
  assert.deepEqual([only.title, only.anchor, only.noVerify], ['List Todos', undefined, true]);
  const plain = parseSmd(edit('### List Todos', '### GET /todos/{id}'), FILE);
  assert.deepEqual(plain.diagnostics, []);
  assert.equal(plain.spec.requirements[1]!.title, 'GET /todos/{id}');
});

test('Accepts on the next line is read like the original (`\\s*(.*)`)', () => {
  const text = edit('**Accepts:** nothing', '**Accepts:**\n\nnothing at all');
  const { spec, diagnostics } = parseSmd(text, FILE);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(spec.requirements[1]!.accepts, {
    value: 'nothing at all',
    range: rangeOf(text, 'nothing at all'),
  });
});

test('the `→` arrow wins over `->`, and bold paragraphs are part of the body', () => {
  const text = edit(
    '- List is full → ListFullError',
    '- List -> is full → ListFullError\n\n**Behavior:** extra text',
  );
  const add = parseSmd(text, FILE).spec.requirements[0]!;
  assert.deepEqual(add.errors.map((e) => [e.condition, e.response]).at(-1), [
    'List -> is full',
    'ListFullError',
  ]);
});

test('broken input always yields a model, never an exception', () => {
  for (const text of [
    '',
    '\n',
    '---',
    '---\n',
    '# T',
    '## Requirements\n### X\n',
    '```\n',
    '\uFEFF---\r\n---\r\n',
  ]) {
    const { spec, diagnostics } = parseSmd(text, FILE);
    assert.equal(spec.kind, 'smd');
    assert.ok(diagnostics.length > 0, JSON.stringify(text));
    for (const d of diagnostics) assert.ok(d.range.start.line >= 0);
  }
  const empty = parseSmd('', FILE).diagnostics;
  assert.deepEqual(empty[0]!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
});

test('CRLF line endings and a BOM parse like LF', () => {
  const text = `\uFEFF${VALID_SMD.replace(/\n/g, '\r\n')}`;
  const { spec, diagnostics } = parseSmd(text, FILE);
  assert.deepEqual(diagnostics, []);
  assert.equal(spec.requirements.length, 2);
  assert.deepEqual(spec.id?.range, rangeOf(text, 'TODO_LIST'));
  assert.equal(spec.examples[0]!.output, '{"id": 1, "title": "milk"}');
});

test('the `ossature new` template parses cleanly', () => {
  const { spec, diagnostics } = parseSmd(smdTemplate('MY_SPEC', 'My Spec'), FILE);
  assert.deepEqual(diagnostics, []);
  assert.equal(spec.requirements.length, 1);
});

const CORPUS_SMDS: {
  path: string[];
  id: string;
  requirements: number;
  examples: number;
  depends: string[];
}[] = [
  {
    path: ['spenny', 'specs', 'expense_tracker.smd'],
    id: 'EXPENSE_TRACKER',
    requirements: 5,
    examples: 5,
    depends: [],
  },
  { path: ['markman', 'specs', 'storage.smd'], id: 'STORAGE', requirements: 4, examples: 2, depends: [] },
  { path: ['markman', 'specs', 'cli.smd'], id: 'CLI', requirements: 4, examples: 4, depends: ['STORAGE'] },
  {
    path: ['markman', 'specs', 'webui.smd'],
    id: 'WEBUI',
    requirements: 2,
    examples: 2,
    depends: ['STORAGE'],
  },
  { path: ['yep', 'specs', 'YEP.smd'], id: 'YEP', requirements: 1, examples: 4, depends: [] },
];

for (const c of CORPUS_SMDS) {
  test(`corpus ${c.path.join('/')} parses with no diagnostics`, () => {
    const file = corpusPath(...c.path);
    const { spec, diagnostics } = parseSmd(readFileSync(file, 'utf8'), file);
    assert.deepEqual(diagnostics, []);
    assert.equal(spec.id?.value, c.id);
    assert.equal(spec.requirements.length, c.requirements);
    assert.equal(spec.examples.length, c.examples);
    assert.deepEqual(
      spec.depends.map((d) => d.value),
      c.depends,
    );
    for (const r of spec.requirements) {
      assert.ok(r.description && r.accepts?.value && r.returns?.value, r.title);
      assert.ok(r.errors.length > 0, `${r.title} has error bullets`);
    }
    for (const e of spec.examples) assert.ok(e.input && e.output, e.name);
  });
}

test('corpus details: spenny arrows and the `[ ]` acceptance items of markman', () => {
  const spenny = corpusPath('spenny', 'specs', 'expense_tracker.smd');
  const s = parseSmd(readFileSync(spenny, 'utf8'), spenny).spec;
  assert.deepEqual(s.requirements[1]!.errors[0], {
    condition: 'Invalid date format',
    response: 'print error message and exit with code 1',
    range: s.requirements[1]!.errors[0]!.range,
  });
  assert.equal(s.acceptanceCriteria.length, 10);
  const storage = corpusPath('markman', 'specs', 'storage.smd');
  const m = parseSmd(readFileSync(storage, 'utf8'), storage).spec;
  assert.equal(m.acceptanceCriteria[0]!.value, '[ ] Database file is created on first run if absent');
  assert.match(m.requirements[0]!.returns!.value, /^`Result<Connection, StorageError>`/);
});

test('a near-miss marker (`**Accepts**:`) is pointed at and corrected', () => {
  const text = edit('**Accepts:** nothing', '**Accepts**: nothing');
  const [d] = parseSmd(text, FILE).diagnostics;
  assert.equal(d!.code, SMD_CODES.requirementMissingAccepts.code);
  assert.deepEqual(d!.range, rangeOf(text, '**Accepts**:'));
  assert.match(
    d!.message,
    /Found `\*\*Accepts\*\*:`, which Ossature does not read: write `\*\*Accepts:\*\*`\./,
  );
  assert.deepEqual(d!.fixes[0]!.edits[0]!.newText, '**Accepts:**');
  const lower = edit('**Output:**', '**output:**');
  const [o] = parseSmd(lower, FILE).diagnostics;
  assert.equal(o!.code, SMD_CODES.exampleMissingOutput.code);
  assert.deepEqual(o!.range, rangeOf(lower, '**output:**'));
});
