import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { IGrammar } from 'vscode-textmate';
import { CORPUS, CORPUS_PROJECTS } from '../support/corpus';
import { assertNoScope, assertScope, type Grammars, loadGrammars, tokenize } from '../support/textmate';

const ROOT = join(__dirname, '..', '..');

let grammars: Grammars;
let smd: IGrammar;
let amd: IGrammar;
let vmd: IGrammar;

before(async () => {
  grammars = await loadGrammars();
  smd = await grammars.get('source.ossature.smd');
  amd = await grammars.get('source.ossature.amd');
  vmd = await grammars.get('source.ossature.vmd');
});

const SMD = [
  '---',
  'id: TODO_STORE   # the id',
  'status: approved',
  'priority: high',
  'depends: [STORE_CORE, "CLI"]',
  'owner: someone',
  '---',
  '',
  '# Todo Store',
  '',
  '## Overview',
  '',
  'Keeps items. The parser also reads a mid-line **Returns:** marker.',
  '',
  '## Overveiw',
  '',
  '## Requirements',
  '',
  '### Add Item {#add-item .no-verify}',
  '### Braces Stay {not a marker}',
  '',
  '- Plain bullet',
  '**Accepts:** `title` (string).',
  '',
  '**Errors:**',
  '',
  '- Title empty -> ValueError: title must not be empty',
  '- Unicode arrow → KeyError',
  '',
  '```python',
  '## not a heading inside a fence',
  '```',
  '',
  '````',
  '### still code ```',
  '```',
  '````',
  '',
  '## Notes',
].join('\n');

describe('SMD grammar', () => {
  test('frontmatter keys and values: id, status and priority enums, unknown keys', () => {
    const doc = tokenize(smd, SMD);
    assertScope(doc, 'id: TODO_STORE', 'id', 'entity.name.tag');
    assertScope(doc, 'id: TODO_STORE', 'TODO_STORE', 'entity.name.type.spec-id.ossature');
    assertScope(doc, 'id: TODO_STORE', '# the id', 'comment.line.number-sign');
    assertScope(doc, 'status: approved', 'status', 'entity.name.tag.frontmatter.status.ossature');
    assertScope(doc, 'status: approved', 'approved', 'constant.language.status.approved.ossature');
    assertScope(doc, 'priority: high', 'high', 'constant.language.priority.high.ossature');
    assertScope(doc, 'owner: someone', 'owner', 'entity.name.tag.yaml');
    assertNoScope(doc, 'owner: someone', 'someone', 'constant.language');
    assertScope(doc, 'id: TODO_STORE', 'TODO_STORE', 'meta.embedded.block.frontmatter');
    assertScope(doc, '---', '---', 'punctuation.definition.frontmatter');
  });

  test('depends ids in an inline list, a block list and legacy @depends lines', () => {
    const doc = tokenize(smd, SMD);
    assertScope(doc, 'depends: [', 'depends', 'entity.name.tag.frontmatter.depends.ossature');
    assertScope(doc, 'depends: [', 'STORE_CORE', 'variable.other.constant.spec-id.ossature');
    assertScope(doc, 'depends: [', 'CLI', 'variable.other.constant.spec-id.ossature');
    assertScope(doc, 'depends: [', '[', 'punctuation.definition.sequence.begin');
    assertScope(doc, 'depends: [', ',', 'punctuation.separator.sequence');

    const block = tokenize(smd, '---\nid: A\ndepends:\n  - STORE\n  - CLI   # why\nstatus: draft\n---\n');
    assertScope(block, '  - STORE', '-', 'punctuation.definition.block.sequence.item');
    assertScope(block, '  - STORE', 'STORE', 'variable.other.constant.spec-id.ossature');
    assertScope(block, '  - CLI', '# why', 'comment.line.number-sign');
    assertScope(block, 'status: draft', 'draft', 'constant.language.status.draft.ossature');

    const legacy = tokenize(smd, '# Old Spec\n\n@id: OLD\n@status: review\n@priority: low\n@depends: A, B\n');
    assertScope(legacy, '@id: OLD', '@id', 'keyword.other.metadata.id.ossature');
    assertScope(legacy, '@id: OLD', '@', 'punctuation.definition.keyword');
    assertScope(legacy, '@id: OLD', 'OLD', 'entity.name.type.spec-id.ossature');
    assertScope(legacy, '@status: review', 'review', 'constant.language.status.review.ossature');
    assertScope(legacy, '@priority: low', 'low', 'constant.language.priority.low.ossature');
    assertScope(legacy, '@depends: A, B', 'B', 'variable.other.constant.spec-id.ossature');
  });

  test('headings: known section names get their own scope; typos stay plain headings', () => {
    const doc = tokenize(smd, SMD);
    assertScope(doc, '# Todo Store', 'Todo Store', 'entity.name.section.markdown');
    assertScope(doc, '# Todo Store', 'Todo Store', 'markup.heading');
    assertScope(doc, '## Overview', '##', 'punctuation.definition.heading.markdown');
    assertScope(doc, '## Overview', 'Overview', 'support.type.section.ossature');
    assertScope(doc, '## Overview', 'Overview', 'entity.name.section.markdown');
    assertScope(doc, '## Overveiw', 'Overveiw', 'entity.name.section.markdown');
    assertNoScope(doc, '## Overveiw', 'Overveiw', 'support.type.section');
    assertScope(doc, '## Notes', 'Notes', 'support.type.section.ossature');
  });

  test('requirement heading markers {#anchor .no-verify}', () => {
    const doc = tokenize(smd, SMD);
    assertScope(doc, '### Add Item', 'Add Item', 'entity.name.section.markdown');
    assertScope(doc, '### Add Item', '{', 'punctuation.definition.attributes.begin.ossature');
    assertScope(doc, '### Add Item', 'add-item', 'entity.other.attribute-name.id.anchor.ossature');
    assertScope(doc, '### Add Item', 'no-verify', 'entity.other.attribute-name.class.no-verify.ossature');
    assertScope(doc, '### Add Item', '}', 'punctuation.definition.attributes.end.ossature');
    assertScope(doc, '### Braces Stay', '{not a marker}', 'entity.name.section.markdown');
    assertNoScope(doc, '### Braces Stay', '{not a marker}', 'meta.attributes.requirement.ossature');
  });

  test('**Accepts:**-style markers, at the start of a line and mid-paragraph', () => {
    const doc = tokenize(smd, SMD);
    assertScope(doc, '**Accepts:**', 'Accepts', 'support.type.marker.ossature');
    assertScope(doc, '**Accepts:**', '**Accepts:**', 'markup.bold.markdown');
    assertScope(doc, '**Accepts:**', '**', 'punctuation.definition.bold.markdown');
    assertScope(doc, '**Accepts:**', '`title`', 'markup.inline.raw');
    assertScope(doc, '**Errors:**', 'Errors', 'support.type.marker.ossature');
    assertScope(doc, 'mid-line **Returns:**', 'Returns', 'support.type.marker.ossature');
    // AMD markers mean nothing in a spec.
    const other = tokenize(smd, '**Interface:**\n');
    assertNoScope(other, '**Interface:**', 'Interface', 'support.type.marker');
  });

  test('error bullets: the arrow splits condition and response', () => {
    const doc = tokenize(smd, SMD);
    assertScope(doc, '- Title empty', '->', 'keyword.control.arrow.ossature');
    assertScope(doc, '- Title empty', 'Title empty', 'meta.error-case.condition.ossature');
    assertScope(doc, '- Title empty', 'ValueError', 'entity.name.type.exception.ossature');
    assertScope(doc, '- Title empty', 'title must not be empty', 'meta.error-case.response.ossature');
    assertScope(doc, '- Unicode arrow', '→', 'keyword.control.arrow.ossature');
    assertScope(doc, '- Unicode arrow', 'KeyError', 'entity.name.type.exception.ossature');
    assertNoScope(doc, '- Plain bullet', 'Plain bullet', 'meta.error-case');
  });

  test('fenced code: embedded by language tag, fallback for others, fences hide markers', () => {
    const doc = tokenize(smd, SMD);
    assertScope(doc, '```python', '```', 'punctuation.definition.markdown');
    assertScope(doc, '```python', 'python', 'fenced_code.block.language');
    assertScope(doc, '## not a heading', 'heading', 'meta.embedded.block.python');
    assertScope(doc, '## not a heading', 'heading', 'stub.source.python');
    assertNoScope(doc, '## not a heading', '##', 'markup.heading');
    // A four-backtick fence is closed only by four backticks.
    assertScope(doc, '### still code', '### still code', 'markup.fenced_code.block.markdown');
    assertNoScope(doc, '### still code', 'still code', 'markup.heading');
    assert.ok(grammars.requested.has('source.python'));
  });

  test('every fence language the grammar names is embedded under meta.embedded.block.*', async () => {
    for (const [tag, scope] of [
      ['rust', 'source.rust'],
      ['ts', 'source.ts'],
      ['JavaScript', 'source.js'],
      ['sh', 'source.shell'],
      ['json', 'source.json'],
      ['vmd', 'source.ossature.vmd'],
    ] as const) {
      const doc = tokenize(smd, `\`\`\`${tag}\nbody_${tag}\n\`\`\`\n## Notes\n`);
      assertScope(doc, `body_${tag}`, `body_${tag}`, 'meta.embedded.block');
      if (!scope.startsWith('source.ossature'))
        assertScope(doc, `body_${tag}`, `body_${tag}`, `stub.${scope}`);
      assertScope(doc, '## Notes', 'Notes', 'support.type.section.ossature');
    }
    const unknown = tokenize(smd, '```text\n## raw\n```\n');
    assertScope(unknown, '## raw', '## raw', 'markup.fenced_code.block.markdown');
    assertNoScope(unknown, '## raw', '## raw', 'meta.embedded');
  });

  test('plain Markdown falls through to text.html.markdown', () => {
    const doc = tokenize(smd, SMD);
    assertScope(doc, 'Keeps items.', 'Keeps items.', 'meta.paragraph.markdown');
    assertScope(doc, '- Plain bullet', 'Plain bullet', 'stub.markdown-list');
    assert.ok(grammars.requested.has('text.html.markdown'));
  });
});

const AMD = [
  '---',
  'spec: TODO_STORE',
  'status: implemented',
  '---',
  '',
  '# Architecture: Todo Store',
  '',
  '## Components',
  '',
  '### Store',
  '',
  '@path: src/todo/store.py',
  '',
  '**Interface:**',
  '',
  '```python',
  'class Store: ...',
  '```',
  '',
  '**Contracts:** None',
  '**Depends on:** Errors, Cache Layer',
  '**Depends on:** none yet',
  '**Accepts:** not an AMD marker',
  '',
  '## Contracts',
].join('\n');

describe('AMD grammar', () => {
  test('frontmatter spec reference and status', () => {
    const doc = tokenize(amd, AMD);
    assertScope(doc, 'spec: TODO_STORE', 'spec', 'entity.name.tag.frontmatter.spec.ossature');
    assertScope(doc, 'spec: TODO_STORE', 'TODO_STORE', 'variable.other.constant.spec-id.ossature');
    assertScope(doc, 'status: implemented', 'implemented', 'constant.language.status.implemented.ossature');
  });

  test('@path lines, title prefix and known sections', () => {
    const doc = tokenize(amd, AMD);
    assertScope(doc, '@path:', '@', 'punctuation.definition.keyword.ossature');
    assertScope(doc, '@path:', '@path', 'keyword.other.path.ossature');
    assertScope(doc, '@path:', 'src/todo/store.py', 'string.unquoted.path.ossature');
    assertScope(doc, '# Architecture:', 'Architecture', 'support.type.architecture.ossature');
    assertScope(doc, '# Architecture:', 'Todo Store', 'entity.name.section.markdown');
    assertScope(doc, '## Components', 'Components', 'support.type.section.ossature');
    assertNoScope(doc, '## Contracts', 'Contracts', 'support.type.section');
  });

  test('Interface, Contracts and Depends on markers', () => {
    const doc = tokenize(amd, AMD);
    assertScope(doc, '**Interface:**', 'Interface', 'support.type.marker.ossature');
    assertScope(doc, 'class Store', 'class', 'meta.embedded.block.python');
    assertScope(doc, '**Contracts:** None', 'Contracts', 'support.type.marker.ossature');
    assertScope(doc, '**Contracts:** None', 'None', 'constant.language.none.ossature');
    assertScope(doc, '**Depends on:** Errors', 'Depends on', 'support.type.marker.ossature');
    assertScope(doc, '**Depends on:** Errors', 'Errors', 'variable.other.component.ossature');
    assertScope(doc, '**Depends on:** Errors', 'Cache Layer', 'variable.other.component.ossature');
    assertScope(doc, '**Depends on:** none yet', 'none yet', 'constant.language.none.ossature');
    assertNoScope(doc, '**Accepts:**', 'Accepts', 'support.type.marker');
  });
});

const VMD = [
  '@spec TODO_STORE   # the spec',
  '@arch TODO_ARCH',
  '@status review',
  '@fixture NOW = 1704067200',
  '@fixture db = !fresh empty database',
  '',
  '# a comment line',
  '@covers add-item, "Complete Item"',
  'add_item(items, price:decimal) -> dict ~approx:0.01 ~unordered',
  'first    | [] | "a # b | c" | {"id": 1, "done": false}   # trailing',
  'specials | [NaN, -Infinity, 2.5e3] | null | Ok',
  'too_long | [] | NOW | !ValueError: too long',
  '',
  'scenario add prints the new id:',
  'given items = [1, 2]',
  'when $ todo add "buy # milk" \\xff\\x28 a|b',
  'then exit 1',
  'then stdout has "added"',
  '> added 1 # literal',
  '',
  'scenario call form:',
  'given NOW',
  'when add_item(NOW, "x")',
  'then raises KeyError: missing',
].join('\n');

describe('VMD grammar', () => {
  test('directives and their arguments', () => {
    const doc = tokenize(vmd, VMD);
    assertScope(doc, '@spec TODO_STORE', '@spec', 'keyword.other.directive.spec.ossature');
    assertScope(doc, '@spec TODO_STORE', '@', 'punctuation.definition.directive.ossature');
    assertScope(doc, '@spec TODO_STORE', 'TODO_STORE', 'variable.other.constant.spec-id.ossature');
    assertScope(doc, '@spec TODO_STORE', '# the spec', 'comment.line.number-sign.ossature');
    assertScope(doc, '@arch', 'TODO_ARCH', 'variable.other.constant.spec-id.ossature');
    assertScope(doc, '@status review', 'review', 'constant.language.status.review.ossature');
    assertScope(doc, '@fixture NOW', 'NOW', 'variable.other.constant.fixture.ossature');
    assertScope(doc, '@fixture NOW', '=', 'keyword.operator.assignment.ossature');
    assertScope(doc, '@fixture NOW', '1704067200', 'constant.numeric.ossature');
    assertScope(doc, '@fixture db', '!', 'punctuation.definition.opaque.ossature');
    assertScope(doc, '@fixture db', 'fresh empty database', 'string.unquoted.opaque-label.ossature');
    assertScope(doc, '@covers', 'add-item', 'entity.other.attribute-name.id.anchor.ossature');
    assertScope(doc, '@covers', '"Complete Item"', 'string.quoted.double.ossature');
  });

  test('group signature: name, parameters, returns and modes', () => {
    const doc = tokenize(vmd, VMD);
    assertScope(doc, 'add_item(items', 'add_item', 'entity.name.function.group.ossature');
    assertScope(doc, 'add_item(items', 'items', 'variable.parameter.ossature');
    assertScope(doc, 'add_item(items', 'decimal', 'storage.type.decimal.ossature');
    assertScope(doc, 'add_item(items', '->', 'keyword.control.arrow.ossature');
    assertScope(doc, 'add_item(items', 'dict', 'entity.name.type.returns.ossature');
    assertScope(doc, 'add_item(items', '~', 'punctuation.definition.mode.ossature');
    assertScope(doc, 'add_item(items', 'approx', 'keyword.other.mode.approx.ossature');
    assertScope(doc, 'add_item(items', '0.01', 'constant.numeric.tolerance.ossature');
    assertScope(doc, 'add_item(items', 'unordered', 'keyword.other.mode.unordered.ossature');
  });

  test('table rows: case name, | separators, JSON values, Ok and !ErrorType', () => {
    const doc = tokenize(vmd, VMD);
    assertScope(doc, 'first    |', 'first', 'entity.name.tag.case.ossature');
    assertScope(doc, 'first    |', '|', 'punctuation.separator.cell.ossature');
    assertScope(doc, 'first    |', '"a # b | c"', 'string.quoted.double.ossature');
    assertScope(doc, 'first    |', '"id"', 'support.type.property-name.ossature');
    assertScope(doc, 'first    |', '{', 'punctuation.definition.dictionary.begin.ossature');
    assertScope(doc, 'first    |', 'false', 'constant.language.boolean.false.ossature');
    assertScope(doc, 'specials |', 'NaN', 'constant.numeric.nan.ossature');
    assertScope(doc, 'specials |', '-Infinity', 'constant.numeric.infinity.ossature');
    assertScope(doc, 'specials |', '2.5e3', 'constant.numeric.ossature');
    assertScope(doc, 'specials |', 'null', 'constant.language.null.ossature');
    assertScope(doc, 'specials |', 'Ok', 'constant.language.ok.ossature');
    assertScope(doc, 'too_long |', 'NOW', 'variable.other.constant.fixture.ossature');
    assertScope(doc, 'too_long |', '!', 'punctuation.definition.error.ossature');
    assertScope(doc, 'too_long |', 'ValueError', 'entity.name.type.exception.ossature');
    assertScope(doc, 'too_long |', 'too long', 'string.unquoted.message.ossature');
  });

  test('# starts a comment, except inside JSON strings and on > lines', () => {
    const doc = tokenize(vmd, VMD);
    assertScope(doc, '# a comment line', '# a comment line', 'comment.line.number-sign.ossature');
    assertScope(doc, '# a comment line', '#', 'punctuation.definition.comment.ossature');
    assertScope(doc, 'first    |', '# trailing', 'comment.line.number-sign.ossature');
    assertNoScope(doc, 'first    |', '# b', 'comment');
    assertNoScope(doc, 'first    |', '| c', 'punctuation.separator.cell');
    assertNoScope(doc, 'when $ todo', '# milk', 'comment');
    assertScope(doc, '> added 1', '>', 'punctuation.definition.output.ossature');
    assertScope(doc, '> added 1', ' added 1 # literal', 'string.unquoted.output.ossature');
    assertNoScope(doc, '> added 1', '# literal', 'comment');
  });

  test('scenarios: header, given/when/then, commands, exit codes and output checks', () => {
    const doc = tokenize(vmd, VMD);
    assertScope(doc, 'scenario add prints', 'scenario', 'storage.type.scenario.ossature');
    assertScope(
      doc,
      'scenario add prints',
      'add prints the new id',
      'entity.name.function.scenario.ossature',
    );
    assertScope(doc, 'given items', 'given', 'keyword.control.given.ossature');
    assertScope(doc, 'given items', 'items', 'variable.other.readwrite.given.ossature');
    assertScope(doc, 'given items', '1', 'constant.numeric.ossature');
    assertScope(doc, 'given NOW', 'NOW', 'variable.other.constant.fixture.ossature');
    assertScope(doc, 'when $ todo', 'when', 'keyword.control.when.ossature');
    assertScope(doc, 'when $ todo', '$', 'keyword.control.command.ossature');
    assertScope(doc, 'when $ todo', 'todo', 'entity.name.function.command.ossature');
    assertScope(doc, 'when $ todo', 'add', 'string.unquoted.argument.ossature');
    assertScope(doc, 'when $ todo', '"buy # milk"', 'string.quoted.double.argument.ossature');
    assertScope(doc, 'when $ todo', '\\xff', 'constant.character.escape.byte.ossature');
    assertScope(doc, 'when $ todo', '\\x28', 'constant.character.escape.byte.ossature');
    assertScope(doc, 'when $ todo', '|', 'invalid.illegal.shell-metacharacter.ossature');
    assertScope(doc, 'then exit 1', 'then', 'keyword.control.then.ossature');
    assertScope(doc, 'then exit 1', 'exit', 'keyword.other.exit.ossature');
    assertScope(doc, 'then exit 1', '1', 'constant.numeric.integer');
    assertScope(doc, 'then stdout has', 'stdout', 'variable.language.stream.stdout.ossature');
    assertScope(doc, 'then stdout has', 'has', 'keyword.operator.expression.has.ossature');
    assertScope(doc, 'then stdout has', '"added"', 'string.quoted.double.ossature');
    assertScope(doc, 'when add_item(NOW', 'add_item', 'entity.name.function.call.ossature');
    assertScope(doc, 'when add_item(NOW', 'NOW', 'variable.other.ossature');
    assertScope(doc, 'then raises', 'raises', 'keyword.other.raises.ossature');
    assertScope(doc, 'then raises', 'KeyError', 'entity.name.type.exception.ossature');
  });
});

function specFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(smd|amd|vmd)$/.test(f))
    .map((f) => join(dir, f));
}

const CORPUS_FILES = [
  ...CORPUS_PROJECTS.flatMap((p) => specFiles(join(CORPUS, p, 'specs'))),
  ...specFiles(join(ROOT, 'examples', 'todo', 'specs')),
];

/** What a line after the file must look like if every block in it was closed. */
const PROBE: Record<'smd' | 'amd' | 'vmd', [line: string, text: string, scope: string]> = {
  smd: ['## Notes', 'Notes', 'support.type.section.ossature'],
  amd: ['## Notes', 'Notes', 'support.type.section.ossature'],
  vmd: ['@status draft', 'draft', 'constant.language.status.draft.ossature'],
};

describe('corpus and edge cases', () => {
  test('every corpus and example spec tokenises quickly and closes every block it opens', (t) => {
    assert.ok(CORPUS_FILES.length >= 10, `found only ${CORPUS_FILES.length} spec files`);
    const grammarFor = { smd: () => smd, amd: () => amd, vmd: () => vmd };
    let slowest = 0;
    for (const file of CORPUS_FILES) {
      const ext = file.slice(-3) as keyof typeof PROBE;
      const [probe, text, scope] = PROBE[ext];
      // A blank line ends a VMD stanza and any Markdown paragraph or list.
      const doc = tokenize(grammarFor[ext](), `${readFileSync(file, 'utf8')}\n\n${probe}`, 2000);
      for (const line of doc.lines) {
        assert.ok(!line.stoppedEarly, `${file}: tokenising stopped early on ${JSON.stringify(line.text)}`);
        assert.ok(line.ms < 100, `${file}: ${line.ms.toFixed(1)} ms of CPU for ${JSON.stringify(line.text)}`);
      }
      slowest = Math.max(slowest, ...doc.lines.map((l) => l.ms));
      assertScope(doc, probe, text, scope);
    }
    t.diagnostic(`${CORPUS_FILES.length} files, slowest line ${slowest.toFixed(2)} ms of CPU`);
  });

  test('long and hostile lines take no pathological time', () => {
    // VS Code stops tokenising lines past 20,000 characters (editor.maxTokenizationLineLength).
    const fill = (unit: string) => unit.repeat(Math.ceil(20_000 / unit.length));
    const cases: [IGrammar, string][] = [
      [vmd, `row | ${fill('"a|b#c", ')} | 1`],
      [vmd, `row | ${fill('1 | ')}`],
      [vmd, `row | ${fill('{"k": [1, "#"]}, ')}`],
      [vmd, `row | ${fill('[{"k": ')}`],
      [vmd, `when $ ${fill('"x" \\x41 ')}`],
      [vmd, `sig(${fill('p, ')}) -> r ~approx`],
      [vmd, `"${fill('\\')}`],
      [smd, `- ${fill('cond ')}-> ${fill('-> ')}`],
      [smd, `### ${fill('{#a ')}{#end .no-verify}`],
      [smd, `**Accepts:** ${fill('**x** `y` ')}`],
      [smd, `text ${fill('**x** ')}`],
      [smd, `---\nid: ${fill('A ')}# c\n---`],
      [amd, `**Depends on:** ${fill('A, ')}`],
    ];
    for (const [grammar, text] of cases) {
      tokenize(grammar, text); // warm up (rule compilation, wasm memory growth): time the matching only
      for (const line of tokenize(grammar, text, 5000).lines) {
        // Linear work is ~100 ms of CPU for 20,000 characters; backtracking or quadratic rules take seconds.
        assert.ok(!line.stoppedEarly, `stopped early on ${line.text.slice(0, 40)}…`);
        assert.ok(line.ms < 1000, `${line.ms.toFixed(1)} ms of CPU for ${line.text.slice(0, 40)}…`);
      }
    }
  });

  test('CRLF files and a BOM before the frontmatter', () => {
    const doc = tokenize(smd, '\uFEFF---\r\nid: BOM_SPEC\r\nstatus: draft\r\n---\r\n# T\r\n');
    assertScope(doc, 'id: BOM_SPEC', 'BOM_SPEC', 'entity.name.type.spec-id.ossature');
    assertScope(doc, '# T', 'T', 'entity.name.section.markdown');
  });
});
