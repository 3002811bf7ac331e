import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import type { BuildPromptContext } from '../../shared/src/build/prompt';
import {
  copyTaskPrompt,
  EDIT_SCHEMA_REMINDER,
  type FixPromptInput,
  fixPrompt,
  interfaceExtractionPrompt,
  NO_OP_REMINDER,
  WRITE_FILE_REMINDER,
} from '../../shared/src/build/prompt';
import { buildTools, TaskSandbox } from '../../shared/src/build/tools';
import { planTaskSchema } from '../../shared/src/model/plan';
import { makeWorld } from '../support/build-tools';

const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A temp folder holding `out/` (the output dir) with `files`, and nothing else but what tests add. */
function output(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'ossature-fix-prompt-'));
  made.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, 'out', path)), { recursive: true });
    writeFileSync(join(root, 'out', path), content);
  }
  writeFileSync(join(root, 'escape.txt'), 'outside the output dir\n');
  return join(root, 'out');
}

const task = (fields: Partial<FixPromptInput['task']> = {}): FixPromptInput['task'] => ({
  title: 'Parser',
  description: 'Parse the input.',
  outputs: ['src/parse.py'],
  inject_files: [],
  ...fields,
});

test('fix prompt: error output fenced, verify commands joined with &&, each text output inlined, then the task', () => {
  const outputDir = output({ 'src/parse.py': 'def parse():\n    return 1\n' });
  const prompt = fixPrompt({
    task: task({ outputs: ['src/parse.py', 'src/missing.py'] }),
    errorOutput: 'E   assert 1 == 2',
    verifyCommands: ['python -m py_compile src/parse.py', 'pytest -q'],
    outputDir,
    maxInlineLines: 200,
  });
  assert.equal(
    prompt,
    [
      '<error_output>\n```\nE   assert 1 == 2\n```\n</error_output>',
      '<verify_command>\npython -m py_compile src/parse.py && pytest -q\n</verify_command>',
      '<current_file path="src/parse.py">\n```\ndef parse():\n    return 1\n\n```\n</current_file>',
      '<task>\n**Parser**: Parse the input.\n</task>',
    ].join('\n\n'),
  );
});

test('fix prompt: a file over max_inline_lines becomes a stub with its line count; at the limit it is inlined', () => {
  const body = (lines: number) => Array.from({ length: lines }, (_, i) => `line ${i + 1}`).join('\n');
  const outputDir = output({ 'big.txt': body(6), 'edge.txt': body(5) });
  const prompt = fixPrompt({
    task: task({ outputs: ['big.txt', 'edge.txt'] }),
    errorOutput: 'boom',
    outputDir,
    maxInlineLines: 5,
  });
  assert.ok(
    prompt.includes(
      '<current_file path="big.txt" total_lines="6">\nFile is large. Use `read_lines` or `grep_file` to inspect ' +
        'the regions referenced in the error output above.\n</current_file>',
    ),
  );
  assert.ok(prompt.includes(`<current_file path="edge.txt">\n\`\`\`\n${body(5)}\n\`\`\`\n</current_file>`));
  assert.ok(!prompt.includes('line 6'));
  // No verify commands: no <verify_command> section.
  assert.ok(!prompt.includes('<verify_command>'));
});

test('fix prompt: inject files stand in when the task has no outputs; binary and missing files are left out', () => {
  const outputDir = output({
    'Cargo.toml': '[package]\nname = "x"\n',
    'logo.bin': Buffer.from([0xff, 0xfe, 0x00]),
  });
  const prompt = fixPrompt({
    task: task({ outputs: [], inject_files: ['logo.bin', 'Cargo.toml', 'gone.rs', '../escape.txt'] }),
    errorOutput: 'error',
    verifyCommands: ['cargo check'],
    outputDir,
    maxInlineLines: 200,
  });
  assert.deepEqual(
    [...prompt.matchAll(/<current_file path="([^"]+)"/g)].map((m) => m[1]),
    ['Cargo.toml'],
  );
});

test('fix prompt: a fence one longer than the longest backtick run in the content', () => {
  const outputDir = output({ 'README.md': 'Run:\n\n````sh\nmake\n````\n' });
  const prompt = fixPrompt({
    task: task({ outputs: ['README.md'] }),
    errorOutput: 'expected ``` at line 3',
    outputDir,
    maxInlineLines: 200,
  });
  assert.ok(prompt.startsWith('<error_output>\n````\nexpected ``` at line 3\n````\n</error_output>'));
  assert.ok(prompt.includes('<current_file path="README.md">\n`````\nRun:\n\n````sh\nmake\n````\n\n`````\n'));
});

test('copy task prompt: id, title, context:// sources, outputs, the matched files sorted once each', () => {
  const plan = planTaskSchema.parse({
    id: '007',
    spec: 'GAME',
    title: 'Copy audio',
    description: 'Copies sounds.',
    outputs: ['assets/audio/*.mp3', 'assets/logo.png'],
    depends_on: [],
    spec_refs: [],
    arch_refs: [],
    verify: [],
    source: ['context://audio/*.mp3', 'img/logo.png'],
  });
  const prompt = copyTaskPrompt({} as BuildPromptContext, plan, [
    'audio/b.mp3',
    'img/logo.png',
    'audio/a.mp3',
    'audio/b.mp3',
  ]);
  assert.equal(
    prompt,
    [
      '<copy_task>',
      'id: 007',
      'title: Copy audio',
      'source:',
      '- context://audio/*.mp3',
      '- context://img/logo.png',
      'outputs:',
      '- assets/audio/*.mp3',
      '- assets/logo.png',
      'matched_sources:',
      '- audio/a.mp3',
      '- audio/b.mp3',
      '- img/logo.png',
      '</copy_task>',
    ].join('\n'),
  );
  // A new matching asset changes the prompt, hence the input hash.
  assert.notEqual(copyTaskPrompt({} as BuildPromptContext, plan, ['audio/a.mp3']), prompt);
});

test('interface extraction prompt: a heading per source file, its text fenced with the language', () => {
  assert.equal(
    interfaceExtractionPrompt(
      'STORAGE',
      [
        { path: 'src/lib.rs', text: 'pub mod storage;\n' },
        { path: 'src/doc.rs', text: '/// ```\n/// x\n/// ```\nfn x() {}' },
      ],
      'rust',
    ),
    '# Source files for STORAGE\n\n' +
      '## src/lib.rs\n\n```rust\npub mod storage;\n\n```\n\n' +
      '## src/doc.rs\n\n````rust\n/// ```\n/// x\n/// ```\nfn x() {}\n````\n',
  );
});

test('reminders name real tools, and the edit_file example in the schema reminder is a call that works', async () => {
  const world = makeWorld();
  try {
    const names = buildTools(new TaskSandbox({ outputDir: world.out, contextDir: world.ctx })).map(
      (t) => t.name,
    );
    assert.ok(names.includes('write_file') && WRITE_FILE_REMINDER.includes('`write_file`'));
    assert.ok(names.includes('edit_file') && NO_OP_REMINDER.includes('`edit_file`'));
    for (const reminder of [WRITE_FILE_REMINDER, NO_OP_REMINDER, EDIT_SCHEMA_REMINDER]) {
      assert.match(reminder, /^<important>\n[\s\S]+\n<\/important>$/);
    }
    const call = /edit_file\(path="([^"]+)", edits=(\[.*\])\)/.exec(EDIT_SCHEMA_REMINDER);
    assert.ok(call, 'the reminder shows an edit_file call');
    await world.call('write_file', { path: call[1]!, content: 'x = "text to find"\n' });
    await world.call('edit_file', { path: call[1]!, edits: JSON.parse(call[2]!) });
    assert.equal(readFileSync(join(world.out, call[1]!), 'utf8'), 'x = "replacement"\n');
  } finally {
    world.dispose();
  }
});
