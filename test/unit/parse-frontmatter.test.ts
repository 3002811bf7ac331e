import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodeInfo } from '../../shared/src/diagnostics/code-info';
import { FRONTMATTER_CODES } from '../../shared/src/diagnostics/codes-frontmatter';
import type { FileEdit } from '../../shared/src/diagnostics/diagnostic';
import { parseAmd } from '../../shared/src/parse/amd';
import { parseFrontmatter } from '../../shared/src/parse/frontmatter';
import { parseSmd } from '../../shared/src/parse/smd';
import type { Range } from '../../shared/src/text/range';
import { SourceText } from '../../shared/src/text/source-text';
import { rangeIn, rangeOf } from '../support/find';

const FILE = '/project/specs/todo-list.smd';
const AMD_FILE = '/project/specs/todo-list.amd';

const BODY = `# Todo List

## Overview

Keeps a list of todos.

## Goals

- Add todos quickly

## Non-Goals

- Syncing between devices

## Requirements

### Add Todo

Adds a todo to the list.

**Accepts:** title

**Returns:** the new todo

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
{"id": 1}
\`\`\`

## Acceptance Criteria

- Adding works
`;

const FRONTMATTER = `---
id: TODO_LIST
status: draft
priority: high
depends: [STORAGE, AUTH]
---
`;
const VALID = `${FRONTMATTER}\n${BODY}`;

const AMD_BODY = `# Architecture: Todo List

## Overview

One module.

## Components

### TodoStore

@path: src/todo/store.py

Keeps todos in memory.

**Interface:**

\`\`\`python
def add(title: str) -> dict: ...
\`\`\`

**Contracts:** None
`;
const VALID_AMD = `---\nspec: TODO_LIST\nstatus: draft\n---\n\n${AMD_BODY}`;

/** Applies edits (non-overlapping, in original coordinates) to `text`. */
function applyEdits(text: string, edits: FileEdit[]): string {
  const src = new SourceText(text);
  const sorted = [...edits].sort((a, b) => src.offsetAt(b.range.start) - src.offsetAt(a.range.start));
  let out = text;
  for (const e of sorted)
    out = out.slice(0, src.offsetAt(e.range.start)) + e.newText + out.slice(src.offsetAt(e.range.end));
  return out;
}

function edit(from: string, to: string, text = VALID): string {
  assert.ok(text.includes(from), `fixture contains ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

test('the valid fixtures have no diagnostics', () => {
  assert.deepEqual(parseSmd(VALID, FILE).diagnostics, []);
  assert.deepEqual(parseAmd(VALID_AMD, AMD_FILE).diagnostics, []);
});

test('frontmatter entries keep key, value and item ranges', () => {
  const fm = parseFrontmatter(new SourceText(VALID), FILE);
  assert.equal(fm.state, 'ok');
  assert.equal(fm.bodyStartLine, 6);
  const entries = fm.frontmatter!.entries;
  assert.deepEqual([...entries.keys()], ['id', 'status', 'priority', 'depends']);
  const depends = entries.get('depends')!;
  assert.deepEqual(depends.keyRange, rangeIn(VALID, 'depends: [', 'depends'));
  assert.deepEqual(depends.valueRange, rangeOf(VALID, '[STORAGE, AUTH]'));
  assert.deepEqual(depends.itemRanges, [rangeOf(VALID, 'STORAGE'), rangeOf(VALID, 'AUTH')]);
  assert.deepEqual(depends.value, ['STORAGE', 'AUTH']);
  assert.deepEqual(fm.frontmatter!.range, {
    start: { line: 0, character: 0 },
    end: { line: 5, character: 3 },
  });
  assert.equal(fm.frontmatter!.legacy, false);
});

test('the fast path and the YAML parser agree on values and ranges', () => {
  const blocks = [
    FRONTMATTER,
    '---\nid: A\nstatus: draft\npriority: low\ndepends: []\n---\n',
    '---\nid: A_B-C\n# a comment\n\nstatus:   review  \ndepends: [ X ,Y,Z ]\nnotes: some words here\n---\n',
    '---\nid:\nstatus: draft\n---\n',
    '---\n---\n',
    '---\nid: Spec.v2/beta\n---\n',
    '---\nid: _x\ntitle: a - b\ndepends: [A B, c-d]\nstatus: Yes\n---\n',
    '---\nid: A\ndepends:\n  - B_1\n  - C\nstatus: draft\n---\n',
    '---\nid: A\ndepends:\n- B\n- C\n---\n',
    '---\ndepends:\n  - B\n\n---\n',
    '---\ndepends:\n  - B\n    - C\n---\n',
    '---\ndepends:\n  - B\n  - yes\n---\n',
    '---\ndepends:\nid: A\n---\n',
  ];
  for (const block of blocks) {
    const src = new SourceText(`${block}\n# T\n`);
    const fast = parseFrontmatter(src, FILE);
    const slow = parseFrontmatter(src, FILE, { forceYaml: true });
    assert.equal(fast.state, slow.state, block);
    assert.deepEqual(fast.frontmatter, slow.frontmatter, block);
  }
});

test('YAML forms of depends: block list, comma string, null', () => {
  const block = edit('depends: [STORAGE, AUTH]', 'depends:\n  - STORAGE\n  - AUTH');
  assert.deepEqual(parseSmd(block, FILE).spec.depends, [
    { value: 'STORAGE', range: rangeOf(block, 'STORAGE') },
    { value: 'AUTH', range: rangeOf(block, 'AUTH') },
  ]);
  const comma = edit('depends: [STORAGE, AUTH]', 'depends: STORAGE,  AUTH');
  assert.deepEqual(parseSmd(comma, FILE).spec.depends, [
    { value: 'STORAGE', range: rangeOf(comma, 'STORAGE') },
    { value: 'AUTH', range: rangeOf(comma, 'AUTH') },
  ]);
  assert.deepEqual(parseSmd(edit('depends: [STORAGE, AUTH]', 'depends:'), FILE).spec.depends, []);
  const { spec, diagnostics } = parseSmd(edit('depends: [STORAGE, AUTH]\n', ''), FILE);
  assert.deepEqual([spec.depends, diagnostics], [[], []]);
});

interface Case {
  name: string;
  code: CodeInfo;
  text: string;
  at: Range | string | ((text: string) => Range);
  kind?: 'smd' | 'amd';
  message?: RegExp;
}

const FENCE = { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } };

const CASES: Case[] = [
  {
    name: 'no frontmatter block',
    code: FRONTMATTER_CODES.missingFrontmatter,
    text: BODY,
    at: '# Todo List',
    message: /Missing YAML frontmatter block/,
  },
  {
    name: 'no frontmatter, the file starting with a blank line',
    code: FRONTMATTER_CODES.missingFrontmatter,
    text: `\n${BODY}`,
    at: '# Todo List',
  },
  {
    name: 'the first line is not exactly ---',
    code: FRONTMATTER_CODES.missingFrontmatter,
    text: edit('---\nid', '--- \nid'),
    at: '---',
    message: /exactly `---`/,
  },
  {
    name: 'blank lines before the frontmatter',
    code: FRONTMATTER_CODES.missingFrontmatter,
    text: `\n${VALID}`,
    at: '---',
    message: /very first line/,
  },
  {
    name: 'no closing fence',
    code: FRONTMATTER_CODES.unterminatedFrontmatter,
    text: edit('AUTH]\n---\n', 'AUTH]\n'),
    at: FENCE,
  },
  {
    name: 'invalid YAML',
    code: FRONTMATTER_CODES.invalidYaml,
    text: edit('status: draft', 'status: @draft'),
    at: '@',
    message: /Invalid YAML in frontmatter: .*reserved character @/,
  },
  {
    name: 'a list instead of a mapping',
    code: FRONTMATTER_CODES.notMapping,
    text: `---\n- id\n- status\n---\n\n${BODY}`,
    at: '- id\n- status',
  },
  {
    name: 'a key twice',
    code: FRONTMATTER_CODES.duplicateKey,
    text: edit('priority: high\n', 'priority: high\nstatus: review\n'),
    at: (text) => rangeIn(text, 'status: review', 'status'),
  },
  { name: 'no id', code: FRONTMATTER_CODES.missingId, text: edit('id: TODO_LIST\n', ''), at: FENCE },
  {
    name: 'an empty id',
    code: FRONTMATTER_CODES.missingId,
    text: edit('id: TODO_LIST', 'id: ""'),
    at: 'id',
    message: /`id` is empty/,
  },
  { name: 'no status', code: FRONTMATTER_CODES.missingStatus, text: edit('status: draft\n', ''), at: FENCE },
  {
    name: 'no priority (a misspelt key)',
    code: FRONTMATTER_CODES.missingPriority,
    text: edit('priority: high', 'priorty: high'),
    at: FENCE,
    message: /`priorty` looks like a misspelling/,
  },
  {
    name: 'an AMD without spec',
    code: FRONTMATTER_CODES.missingSpec,
    text: VALID_AMD.replace('spec: TODO_LIST\n', ''),
    at: FENCE,
    kind: 'amd',
  },
  {
    name: 'an AMD without status',
    code: FRONTMATTER_CODES.missingStatus,
    text: VALID_AMD.replace('status: draft\n', ''),
    at: FENCE,
    kind: 'amd',
  },
  {
    name: 'an invalid status',
    code: FRONTMATTER_CODES.invalidStatus,
    text: edit('status: draft', 'status: drfat'),
    at: 'drfat',
    message: /Invalid status 'drfat'\. Expected one of: approved, deprecated, draft, implemented, review\./,
  },
  {
    name: 'an invalid AMD status',
    code: FRONTMATTER_CODES.invalidStatus,
    text: VALID_AMD.replace('status: draft', 'status: done'),
    at: 'done',
    kind: 'amd',
  },
  {
    name: 'an invalid priority',
    code: FRONTMATTER_CODES.invalidPriority,
    text: edit('priority: high', 'priority: urgent'),
    at: 'urgent',
    message: /Expected one of: critical, high, low, medium\./,
  },
  {
    name: 'pre-0.0.5 metadata lines',
    code: FRONTMATTER_CODES.legacyMetadata,
    text: BODY.replace(
      '# Todo List\n',
      '# Todo List\n\n@id: TODO_LIST\n@status: draft\n@priority: high\n@depends: STORAGE, AUTH\n',
    ),
    at: '@id: TODO_LIST\n@status: draft\n@priority: high\n@depends: STORAGE, AUTH',
    message: /pre-0\.0\.5 `@key: value` format/,
  },
];

for (const c of CASES) {
  test(`${c.code.code} ${c.name}`, () => {
    const parse = c.kind === 'amd' ? parseAmd : parseSmd;
    const { diagnostics } = parse(c.text, c.kind === 'amd' ? AMD_FILE : FILE);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      [c.code.code],
      diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'),
    );
    const d = diagnostics[0]!;
    const at = c.at;
    assert.deepEqual(
      d.range,
      typeof at === 'string' ? rangeOf(c.text, at) : typeof at === 'function' ? at(c.text) : at,
    );
    assert.equal(d.severity, c.code.severity);
    if (c.message) assert.match(d.message, c.message);
  });
}

test('every frontmatter code has a failing fixture above', () => {
  const covered = new Set(CASES.map((c) => c.code.code));
  for (const info of Object.values(FRONTMATTER_CODES))
    assert.ok(covered.has(info.code), `${info.code} has a fixture`);
});

test('the fixes of frontmatter problems produce a clean file', () => {
  const cases: [string, string][] = [
    [BODY, FRONTMATTER_CODES.missingFrontmatter.code],
    [`\n\n${VALID}`, FRONTMATTER_CODES.missingFrontmatter.code],
    [edit('AUTH]\n---\n', 'AUTH]\n'), FRONTMATTER_CODES.unterminatedFrontmatter.code],
    [edit('status: draft', 'status: drfat'), FRONTMATTER_CODES.invalidStatus.code],
    [edit('priority: high', 'priorty: high'), FRONTMATTER_CODES.missingPriority.code],
    [edit('status: draft\n', ''), FRONTMATTER_CODES.missingStatus.code],
  ];
  for (const [text, code] of cases) {
    const [d] = parseSmd(text, FILE).diagnostics;
    assert.equal(d?.code, code);
    assert.ok(d!.fixes.length > 0, `${code} has a fix: ${d!.message}`);
    const fixed = applyEdits(text, d!.fixes[0]!.edits);
    assert.deepEqual(parseSmd(fixed, FILE).diagnostics, [], `${code}:\n${fixed}`);
  }
  const [missing] = parseSmd(BODY, FILE).diagnostics;
  assert.match(
    applyEdits(BODY, missing!.fixes[0]!.edits),
    /^---\nid: TODO_LIST\nstatus: draft\npriority: medium\ndepends: \[\]\n---\n\n# Todo List/,
  );
});

test('a broken frontmatter still lets the body be parsed, without key errors', () => {
  const text = edit('status: draft', 'status: @draft');
  const { spec } = parseSmd(text, FILE);
  assert.equal(spec.requirements.length, 1);
  const unterminated = parseSmd(edit('AUTH]\n---\n', 'AUTH]\n'), FILE);
  assert.equal(unterminated.spec.title?.value, 'Todo List');
  assert.equal(unterminated.spec.id?.value, 'TODO_LIST');
  assert.equal(unterminated.spec.requirements.length, 1);
});

const LEGACY = BODY.replace(
  '# Todo List\n',
  '# Todo List\n\n@id: TODO_LIST\n@status: draft\n@priority: high\n@depends: STORAGE, AUTH\n',
);

test('legacy metadata: one diagnostic, values kept, and its fix yields a clean YAML file', () => {
  const { spec, diagnostics } = parseSmd(LEGACY, FILE);
  assert.equal(diagnostics.length, 1);
  assert.equal(spec.frontmatter?.legacy, true);
  assert.equal(spec.id?.value, 'TODO_LIST');
  assert.deepEqual(spec.id?.range, rangeIn(LEGACY, '@id: TODO_LIST', 'TODO_LIST'));
  assert.equal(spec.priority?.value, 'high');
  assert.deepEqual(
    spec.depends.map((d) => [d.value, d.range]),
    [
      ['STORAGE', rangeOf(LEGACY, 'STORAGE')],
      ['AUTH', rangeOf(LEGACY, 'AUTH')],
    ],
  );
  const fix = diagnostics[0]!.fixes[0]!;
  assert.equal(fix.preferred, true);
  const fixed = applyEdits(LEGACY, fix.edits);
  assert.equal(
    fixed,
    `---\nid: TODO_LIST\nstatus: draft\npriority: high\ndepends: [STORAGE, AUTH]\n---\n\n${BODY}`,
  );
  const after = parseSmd(fixed, FILE);
  assert.deepEqual(after.diagnostics, []);
  assert.equal(after.spec.frontmatter?.legacy, false);
});

test('legacy metadata in the published form (`@depends: []`, CRLF) converts cleanly', () => {
  const text = LEGACY.replace('@depends: STORAGE, AUTH', '@depends: []').replace(/\n/g, '\r\n');
  const { spec, diagnostics } = parseSmd(text, FILE);
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    [FRONTMATTER_CODES.legacyMetadata.code],
  );
  assert.deepEqual(spec.depends, []);
  const fixed = applyEdits(text, diagnostics[0]!.fixes[0]!.edits);
  assert.ok(
    fixed.startsWith(
      '---\r\nid: TODO_LIST\r\nstatus: draft\r\npriority: high\r\ndepends: []\r\n---\r\n\r\n# Todo List',
    ),
  );
  assert.deepEqual(parseSmd(fixed, FILE).diagnostics, []);
});

test('legacy AMD metadata converts; component @path lines are not metadata', () => {
  const text = AMD_BODY.replace(
    '# Architecture: Todo List\n',
    '# Architecture: Todo List\n\n@spec: TODO_LIST\n@status: draft\n',
  );
  const { spec, diagnostics } = parseAmd(text, AMD_FILE);
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    [FRONTMATTER_CODES.legacyMetadata.code],
  );
  assert.equal(spec.specId?.value, 'TODO_LIST');
  assert.equal(spec.components[0]!.path?.value, 'src/todo/store.py');
  const fixed = applyEdits(text, diagnostics[0]!.fixes[0]!.edits);
  assert.equal(fixed, `---\nspec: TODO_LIST\nstatus: draft\n---\n\n${AMD_BODY}`);
  assert.deepEqual(parseAmd(fixed, AMD_FILE).diagnostics, []);
  const noMeta = parseAmd(AMD_BODY, AMD_FILE).diagnostics.map((d) => d.code);
  assert.deepEqual(noMeta, [FRONTMATTER_CODES.missingFrontmatter.code]);
});

test('legacy metadata missing a key reports that key, on the legacy block', () => {
  const text = LEGACY.replace('@priority: high\n', '');
  const { diagnostics } = parseSmd(text, FILE);
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    [FRONTMATTER_CODES.legacyMetadata.code, FRONTMATTER_CODES.missingPriority.code],
  );
  assert.deepEqual(
    diagnostics[1]!.range,
    rangeOf(text, '@id: TODO_LIST\n@status: draft\n@depends: STORAGE, AUTH'),
  );
});

test('a value that is not a string is stringified like the original (`id: 42`)', () => {
  const { spec, diagnostics } = parseSmd(edit('id: TODO_LIST', 'id: 42'), FILE);
  assert.deepEqual(diagnostics, []);
  assert.equal(spec.id?.value, '42');
});

test('closing an unterminated block puts `---` after the last metadata line', () => {
  for (const text of [
    '---\nid: A\nstatus: draft\npriority: low\n\n# T\n',
    '---\nid: A\nstatus: draft\npriority: low\n',
    '---\nid: A',
  ]) {
    const d = parseSmd(text, FILE).diagnostics.find(
      (x) => x.code === FRONTMATTER_CODES.unterminatedFrontmatter.code,
    )!;
    const fixed = applyEdits(text, d.fixes[0]!.edits);
    assert.match(fixed, /^---\nid: A\n(status: draft\npriority: low\n)?---\n/, JSON.stringify(fixed));
    assert.ok(!parseSmd(fixed, FILE).diagnostics.some((x) => x.code.startsWith('OSS10')));
  }
});
