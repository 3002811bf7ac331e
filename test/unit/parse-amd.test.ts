import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { CodeInfo } from '../../shared/src/diagnostics/code-info';
import { AMD_CODES } from '../../shared/src/diagnostics/codes-amd';
import { parseAmd } from '../../shared/src/parse/amd';
import { amdTemplate } from '../../shared/src/project/templates';
import type { Range } from '../../shared/src/text/range';
import { SourceText } from '../../shared/src/text/source-text';
import { corpusPath } from '../support/corpus';
import { rangeIn, rangeOf } from '../support/find';

const FILE = '/project/specs/todo_list.amd';

const VALID_AMD = `---
spec: TODO_LIST
status: draft
---

# Architecture: Todo List

## Overview

One module with a store and an API.

## Components

### TodoStore

@path: src/todo/store.py

Keeps todos in memory.

**Interface:**

\`\`\`python
class TodoStore:
    def add(self, title: str) -> dict: ...
\`\`\`

**Contracts:**

- add assigns increasing ids
  starting at 1
- add never stores an empty title

**Depends on:** None

### TodoApi

@path: src/todo/api.py

Validates input and calls the store.

**Interface:**

\`\`\`python
def add_todo(title: str) -> dict: ...
\`\`\`

**Contracts:** None

**Depends on:** TodoStore, Clock

## Data Models

### Todo

\`\`\`python
class Todo(TypedDict):
    id: int
    title: str
\`\`\`

## Flow

\`\`\`
TodoApi.add_todo
    -> TodoStore.add
\`\`\`

## Dependencies

- Python standard library: everything

## Notes

Keep it small.
`;

function edit(from: string, to: string, text = VALID_AMD): string {
  assert.ok(text.includes(from), `fixture contains ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

test('the valid fixture parses cleanly into a full model with ranges', () => {
  const { spec, diagnostics } = parseAmd(VALID_AMD, FILE);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(spec.specId, { value: 'TODO_LIST', range: rangeOf(VALID_AMD, 'TODO_LIST') });
  assert.equal(spec.status?.value, 'draft');
  assert.deepEqual(spec.title, { value: 'Todo List', range: rangeOf(VALID_AMD, 'Todo List') });
  assert.equal(spec.overview, 'One module with a store and an API.');
  const [store, api] = spec.components;
  assert.equal(store!.name, 'TodoStore');
  assert.deepEqual(store!.nameRange, rangeOf(VALID_AMD, 'TodoStore'));
  assert.deepEqual(store!.path, {
    value: 'src/todo/store.py',
    range: rangeOf(VALID_AMD, 'src/todo/store.py'),
  });
  assert.equal(store!.description, 'Keeps todos in memory.');
  assert.equal(store!.interface, 'class TodoStore:\n    def add(self, title: str) -> dict: ...');
  assert.equal(store!.interfaceLanguage, 'python');
  assert.deepEqual(store!.interfaceRange, rangeOf(VALID_AMD, '**Interface:**'));
  assert.deepEqual(store!.contracts, [
    {
      value: 'add assigns increasing ids starting at 1',
      range: rangeOf(VALID_AMD, 'add assigns increasing ids\n  starting at 1'),
    },
    {
      value: 'add never stores an empty title',
      range: rangeOf(VALID_AMD, 'add never stores an empty title'),
    },
  ]);
  assert.equal(store!.contractsNone, false);
  assert.deepEqual(store!.contractsRange, rangeOf(VALID_AMD, '**Contracts:**'));
  assert.deepEqual(store!.dependsOn, []);
  assert.equal(api!.contractsNone, true);
  assert.deepEqual(api!.contracts, []);
  assert.deepEqual(api!.dependsOn, [
    { value: 'TodoStore', range: rangeIn(VALID_AMD, 'TodoStore, Clock', 'TodoStore') },
    { value: 'Clock', range: rangeOf(VALID_AMD, 'Clock') },
  ]);
  assert.deepEqual(
    spec.dataModels.map((m) => [m.name, m.definitionLanguage, m.definition]),
    [['Todo', 'python', 'class Todo(TypedDict):\n    id: int\n    title: str']],
  );
  assert.equal(spec.flow, 'TodoApi.add_todo\n    -> TodoStore.add');
  assert.deepEqual(spec.dependencies, [
    {
      name: 'Python standard library',
      purpose: 'everything',
      range: rangeOf(VALID_AMD, 'Python standard library: everything'),
    },
  ]);
  assert.equal(spec.notes, 'Keep it small.');
});

interface Case {
  name: string;
  code: CodeInfo;
  text: string;
  at: string | ((text: string) => Range);
  occurrence?: number;
  message?: RegExp;
}

const TODO_API = VALID_AMD.slice(VALID_AMD.indexOf('### TodoApi'), VALID_AMD.indexOf('## Data Models'));
const COMPONENTS = VALID_AMD.slice(VALID_AMD.indexOf('### TodoStore'), VALID_AMD.indexOf('## Data Models'));

const CASES: Case[] = [
  {
    name: 'an H1 with an empty title after Architecture:',
    code: AMD_CODES.missingTitle,
    text: edit('# Architecture: Todo List', '# Architecture:'),
    at: '# Architecture:',
  },
  {
    name: 'no H1 at all',
    code: AMD_CODES.missingTitle,
    text: edit('# Architecture: Todo List\n\n', ''),
    at: '## Overview',
  },
  {
    name: 'no Overview',
    code: AMD_CODES.missingSection,
    text: edit('## Overview\n\nOne module with a store and an API.\n\n', ''),
    at: 'Architecture: Todo List',
    message: /Missing required section `## Overview`/,
  },
  {
    name: 'an empty Overview',
    code: AMD_CODES.emptyOverview,
    text: edit('One module with a store and an API.\n', ''),
    at: '## Overview',
  },
  {
    name: 'Components without any component',
    code: AMD_CODES.noComponents,
    text: edit(COMPONENTS, ''),
    at: '## Components',
  },
  {
    name: 'prose before the first data model',
    code: AMD_CODES.textBeforeFirstItem,
    text: edit('## Data Models\n\n', '## Data Models\n\nThe records.\n\n'),
    at: 'The records.',
  },
  {
    name: 'an unknown section',
    code: AMD_CODES.unknownSection,
    text: edit('## Notes', '## Risks\n\n- none\n\n## Notes'),
    at: '## Risks',
    message: /^Unknown section '## Risks' is ignored\./,
  },
  {
    name: 'a Contracts section heading',
    code: AMD_CODES.unknownSection,
    text: edit('## Notes', '## Contracts:\n\n- none\n\n## Notes'),
    at: '## Contracts:',
    message: /contracts go in a '\*\*Contracts:\*\*' line inside a component/,
  },
  {
    name: 'a section twice',
    code: AMD_CODES.duplicateSection,
    text: `${VALID_AMD}\n## Notes\n\nMore.\n`,
    at: '## Notes',
  },
  {
    name: 'a component without @path',
    code: AMD_CODES.componentMissingPath,
    text: edit('@path: src/todo/api.py\n\n', ''),
    at: 'TodoApi',
  },
  {
    name: 'a component with an empty @path',
    code: AMD_CODES.componentMissingPath,
    text: edit('@path: src/todo/api.py', '@path:'),
    at: '@path:',
    occurrence: 1,
  },
  {
    name: 'a component without description',
    code: AMD_CODES.componentMissingDescription,
    text: edit('Validates input and calls the store.\n\n', ''),
    at: 'TodoApi',
  },
  {
    name: 'an Interface marker without code block',
    code: AMD_CODES.componentMissingInterface,
    text: edit('```python\ndef add_todo(title: str) -> dict: ...\n```\n\n', ''),
    at: '**Interface:**',
    occurrence: 1,
  },
  {
    name: 'a component without Interface',
    code: AMD_CODES.componentMissingInterface,
    text: edit('**Interface:**\n\n```python\ndef add_todo(title: str) -> dict: ...\n```\n\n', ''),
    at: 'TodoApi',
  },
  {
    name: 'a component without Contracts',
    code: AMD_CODES.componentMissingContracts,
    text: edit('**Contracts:** None\n\n', ''),
    at: 'TodoApi',
  },
  {
    name: 'Contracts None with bullets',
    code: AMD_CODES.contractsNoneWithBullets,
    text: edit('**Contracts:** None\n\n', '**Contracts:** None\n\n- also this\n\n'),
    at: 'also this',
  },
  {
    name: 'Contracts None followed by text',
    code: AMD_CODES.contractsNoneWithContent,
    text: edit('**Contracts:** None\n\n', '**Contracts:** None\n\nReally none.\n\n'),
    at: 'Really none.',
  },
  {
    name: 'Contracts without bullets',
    code: AMD_CODES.contractsWithoutBullets,
    text: edit('**Contracts:** None', '**Contracts:** nothing to say\n\n* a star bullet'),
    at: '**Contracts:**',
    occurrence: 1,
  },
  {
    name: 'a data model without code block',
    code: AMD_CODES.dataModelWithoutCode,
    text: edit('```python\nclass Todo(TypedDict):\n    id: int\n    title: str\n```\n', 'A todo record.\n'),
    at: (text) => rangeIn(text, '### Todo\n', 'Todo'),
  },
  {
    name: 'a dependency without colon',
    code: AMD_CODES.dependencyWithoutColon,
    text: edit('- Python standard library: everything', '- Python standard library'),
    at: 'Python standard library',
  },
  {
    name: 'a dependency with an empty name',
    code: AMD_CODES.dependencyEmptySide,
    text: edit('- Python standard library: everything', '- : everything'),
    at: ': everything',
    message: /empty name/,
  },
];

for (const c of CASES) {
  test(`${c.code.code} ${c.name}`, () => {
    const { diagnostics } = parseAmd(c.text, FILE);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      [c.code.code],
      diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'),
    );
    const d = diagnostics[0]!;
    const expected = typeof c.at === 'string' ? rangeOf(c.text, c.at, c.occurrence ?? 0) : c.at(c.text);
    assert.deepEqual(d.range, expected);
    assert.equal(d.severity, c.code.severity);
    if (c.message) assert.match(d.message, c.message);
  });
}

test('every AMD code has a failing fixture above', () => {
  const covered = new Set(CASES.map((c) => c.code.code));
  for (const info of Object.values(AMD_CODES))
    assert.ok(covered.has(info.code), `${info.code} has a fixture`);
});

test('the missing-Contracts fix inserts `**Contracts:** None` and the file is then clean', () => {
  for (const text of [
    edit('**Contracts:** None\n\n', ''),
    edit(
      '**Contracts:**\n\n- add assigns increasing ids\n  starting at 1\n- add never stores an empty title\n\n',
      '',
    ),
  ]) {
    const [d] = parseAmd(text, FILE).diagnostics;
    const [e] = d!.fixes[0]!.edits;
    const src = new SourceText(text);
    const fixed =
      text.slice(0, src.offsetAt(e!.range.start)) + e!.newText + text.slice(src.offsetAt(e!.range.end));
    assert.deepEqual(parseAmd(fixed, FILE).diagnostics, []);
  }
});

test('markers count only at the start of a line and outside code fences, in any order', () => {
  const moved = edit(
    TODO_API,
    `### TodoApi

@path: src/todo/api.py

Validates input; see **Contracts:** below.

**Depends on:** TodoStore

**Contracts:**

- add_todo rejects an empty title

**Interface:**

\`\`\`python
def add_todo(title: str) -> dict:
    """**Contracts:** None"""
\`\`\`

`,
  );
  const { spec, diagnostics } = parseAmd(moved, FILE);
  assert.deepEqual(diagnostics, []);
  const api = spec.components[1]!;
  assert.equal(api.description, 'Validates input; see **Contracts:** below.');
  assert.deepEqual(
    api.contracts.map((c) => c.value),
    ['add_todo rejects an empty title'],
  );
  assert.deepEqual(
    api.dependsOn.map((d) => d.value),
    ['TodoStore'],
  );
  assert.match(api.interface!, /"""\*\*Contracts:\*\* None"""/);
});

test('`##` inside a fence is not a section, and four-backtick fences hold ``` lines', () => {
  const text = edit(
    '```\nTodoApi.add_todo\n    -> TodoStore.add\n```',
    '````\nTodoApi.add_todo\n```\n## not a section\n```\n````',
  );
  const { spec, diagnostics } = parseAmd(text, FILE);
  assert.deepEqual(diagnostics, []);
  assert.equal(spec.flow, 'TodoApi.add_todo\n```\n## not a section\n```');
});

test('a Flow that is not one fence keeps its text as written', () => {
  const text = edit('```\nTodoApi.add_todo\n    -> TodoStore.add\n```', 'The API calls the store.');
  assert.equal(parseAmd(text, FILE).spec.flow, 'The API calls the store.');
});

test('broken input always yields a model', () => {
  for (const text of ['', '# Architecture: X', '---\nspec: [\n---\n## Components\n### A\n', '```']) {
    const { spec, diagnostics } = parseAmd(text, FILE);
    assert.equal(spec.kind, 'amd');
    assert.ok(diagnostics.length > 0);
  }
});

test('the `ossature new` AMD template parses cleanly', () => {
  const { spec, diagnostics } = parseAmd(amdTemplate('MY_SPEC', 'My Spec'), FILE);
  assert.deepEqual(diagnostics, []);
  assert.equal(spec.components.length, 3);
  assert.equal(spec.dataModels.length, 2);
});

test('corpus yep/specs/YEP.amd parses with no diagnostics', () => {
  const file = corpusPath('yep', 'specs', 'YEP.amd');
  const { spec, diagnostics } = parseAmd(readFileSync(file, 'utf8'), file);
  assert.deepEqual(diagnostics, []);
  assert.equal(spec.specId?.value, 'YEP');
  assert.equal(spec.title?.value, 'Yep');
  assert.deepEqual(
    spec.components.map((c) => [c.name, c.path?.value, c.interfaceLanguage, c.contracts.length]),
    [
      ['Main', 'src/main.rs', 'rust', 7],
      ['OutputLoop', 'src/output.rs', 'rust', 5],
    ],
  );
  assert.deepEqual(
    spec.dataModels.map((m) => m.name),
    ['ArgError', 'WriteError'],
  );
  assert.match(spec.flow, /^main\(\)\n {4}-> parse_args\(\)/);
  assert.match(spec.notes, /^- Buffer size/);
});

test('corpus spenny AMD (written before 0.1.0) has no errors, only a missing-Contracts warning per component', () => {
  const file = corpusPath('spenny', 'specs', 'expense_tracker.amd');
  const { spec, diagnostics } = parseAmd(readFileSync(file, 'utf8'), file);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.severity]),
    [
      [AMD_CODES.componentMissingContracts.code, 'warning'],
      [AMD_CODES.componentMissingContracts.code, 'warning'],
      [AMD_CODES.componentMissingContracts.code, 'warning'],
    ],
  );
  assert.equal(spec.specId?.value, 'EXPENSE_TRACKER');
  assert.deepEqual(
    spec.components.map((c) => [c.name, c.path?.value, c.dependsOn.map((d) => d.value)]),
    [
      ['Storage', 'src/spenny/storage.py', []],
      ['Core', 'src/spenny/core.py', ['Storage']],
      ['CLI', 'src/spenny/cli.py', ['Core', 'Storage']],
    ],
  );
  assert.equal(spec.dependencies.length, 2);
  assert.equal(
    spec.dependencies[0]!.name,
    'Python 3.14+ standard library only (json, argparse, datetime, sys)',
  );
});

test('a near-miss `**contracts:**` marker is pointed at and corrected', () => {
  const text = edit('**Contracts:** None', '**contracts:** None');
  const [d] = parseAmd(text, FILE).diagnostics;
  assert.equal(d!.code, AMD_CODES.componentMissingContracts.code);
  assert.deepEqual(d!.range, rangeOf(text, '**contracts:**'));
  assert.equal(d!.fixes[0]!.edits[0]!.newText, '**Contracts:**');
});
