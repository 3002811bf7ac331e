import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import {
  extractInterface,
  extractionSources,
  interfaceExtractionDue,
} from '../../shared/src/build/interface-extract';
import { type PlanTask, type PlanTaskInput, planTaskSchema } from '../../shared/src/model/plan';
import { render } from '../../shared/src/prompts';
import { loadCorpusProject } from '../support/audit/corpus-project';
import { type Harness, startHarness } from '../support/llm-harness';
import { makeProject } from '../support/project';
import { reply } from '../support/scripted-messages-server';

let harness: Harness | undefined;
let root: string | undefined;
afterEach(async () => {
  await harness?.close();
  if (root) rmSync(root, { recursive: true, force: true });
  harness = undefined;
  root = undefined;
});

function task(fields: Partial<PlanTaskInput> & Pick<PlanTaskInput, 'id' | 'spec'>): PlanTask {
  return planTaskSchema.parse({
    title: `Task ${fields.id}`,
    description: 'Do it.',
    outputs: [],
    depends_on: [],
    spec_refs: [],
    arch_refs: [],
    verify: [],
    ...fields,
  });
}

test('extraction is due after the spec’s last task, when all its tasks are done and the file is missing or stale', () => {
  const plan = {
    task: [
      task({ id: '001', spec: 'CORE', status: 'done' }),
      task({ id: '002', spec: 'CLI', status: 'done' }),
      task({ id: '003', spec: 'CORE', status: 'done' }),
      task({ id: '004', spec: 'CLI', status: 'pending' }),
    ],
  };
  const due = (id: string, interfaceExists: boolean, rebuilt: string[] = []) =>
    interfaceExtractionDue({
      plan,
      task: plan.task.find((t) => t.id === id)!,
      rebuiltSpecs: new Set(rebuilt),
      interfaceExists,
    });
  assert.equal(due('003', false), true, 'last CORE task, no interface yet');
  assert.equal(due('001', false), false, 'not the last CORE task');
  assert.equal(due('003', true), false, 'interface exists and CORE did not rebuild');
  assert.equal(due('003', true, ['CORE']), true, 'CORE rebuilt this run');
  assert.equal(due('003', true, ['CLI']), false, 'another spec rebuilt');
  plan.task[3]!.status = 'done';
  assert.equal(due('004', false), true);
  plan.task[1]!.status = 'failed';
  assert.equal(due('004', false), false, 'a CLI task is not done');
});

test('sources: existing text outputs of the spec’s done code tasks, each once, in plan order', () => {
  root = makeProject({
    'out/src/lib.rs': 'pub fn add(a: i32, b: i32) -> i32 { a + b }\n',
    'out/src/util.rs': 'pub fn clamp() {}\n',
    'out/src/wip.rs': 'pub fn wip() {}\n',
    'out/assets/logo.png': '\u0000PNG',
    'out/checks/case.txt': 'fixture\n',
    'out/src/cli.rs': 'fn main() {}\n',
    'secret.txt': 'outside\n',
  });
  writeFileSync(join(root, 'out', 'src', 'latin1.rs'), Buffer.from([0x2f, 0x2f, 0xe9, 0x0a]));
  const plan = {
    task: [
      task({
        id: '001',
        spec: 'CORE',
        status: 'done',
        outputs: ['src/lib.rs', 'src/missing.rs', '../secret.txt'],
      }),
      task({
        id: '002',
        spec: 'CORE',
        status: 'done',
        outputs: ['src/util.rs', 'src/lib.rs', 'src/latin1.rs'],
      }),
      task({ id: '003', spec: 'CORE', status: 'pending', outputs: ['src/wip.rs'] }),
      task({
        id: '004',
        spec: 'CORE',
        status: 'done',
        outputs: ['assets/logo.png'],
        source: ['context://logo.png'],
      }),
      task({ id: '005', spec: 'CORE', status: 'done', outputs: ['checks/case.txt'], kind: 'verify' }),
      task({ id: '006', spec: 'CLI', status: 'done', outputs: ['src/cli.rs'] }),
    ],
  };
  assert.deepEqual(extractionSources(plan, 'CORE', join(root, 'out')), [
    { path: 'src/lib.rs', text: 'pub fn add(a: i32, b: i32) -> i32 { a + b }\n' },
    { path: 'src/util.rs', text: 'pub fn clamp() {}\n' },
  ]);
});

const MODEL_DOC = '## src/lib.rs\n\n```rust\npub fn run() -> io::Result<()>\n```';

test('the interface role reads the sources and the file gets the title, @source: build, and the AMD contracts', async () => {
  harness = await startHarness({ llm: { interface: 'anthropic:claude-haiku-4-5' } });
  root = makeProject({
    'out/src/main.rs': 'fn main() -> ExitCode { run() }\n',
    'out/src/lib.rs': 'pub fn run() {}\n',
  });
  const yep = loadCorpusProject('yep');
  const amds = yep.workspace.index.amdsBySpec.get('YEP')!;
  const interfaceFile = join(root, '.ossature', 'context', 'interfaces', 'YEP.md');
  const input = {
    specId: 'YEP',
    language: 'rust',
    plan: {
      task: [task({ id: '001', spec: 'YEP', status: 'done', outputs: ['src/main.rs', 'src/lib.rs'] })],
    },
    outputDir: join(root, 'out'),
    amds,
    interfaceFile,
  };
  harness.server.enqueue(reply.text(`\n${MODEL_DOC}\n\n`));
  const first = await extractInterface(harness.client, input);

  const request = harness.server.requests[0]!;
  assert.equal(request.body.model, 'claude-haiku-4-5', 'the interface role’s model');
  assert.equal(request.body.system[0].text, render('build.interface_extraction', { language: 'rust' }));
  assert.equal(
    request.body.messages[0].content,
    '# Source files for YEP\n\n## src/main.rs\n\n```rust\nfn main() -> ExitCode { run() }\n\n```\n\n## src/lib.rs\n\n```rust\npub fn run() {}\n\n```\n',
  );
  assert.deepEqual(harness.client.usage.calls[0]?.labels, { spec: 'YEP', operation: 'interface-extraction' });

  const text = readFileSync(interfaceFile, 'utf8');
  assert.equal(first.written, true);
  assert.equal(first.changed, true);
  assert.equal(first.text, text);
  assert.ok(
    text.startsWith(
      `# Interface: YEP\n\n@source: build\n\n${MODEL_DOC}\n\n## Declared Contracts\n\n### Main\n\n`,
    ),
  );
  for (const component of amds[0]!.components.filter((c) => c.contracts.length > 0)) {
    const at = text.indexOf(`### ${component.name}\n\n`);
    assert.ok(at > text.indexOf('## Declared Contracts'), component.name);
    const bullets = component.contracts.map((c) => `- ${c.value}`).join('\n');
    assert.ok(text.slice(at).includes(bullets), `${component.name}: every contract, verbatim`);
  }
  assert.ok(text.endsWith('\n') && !text.endsWith('\n\n'));

  // The same answer again: the file is left as it is.
  const before = statSync(interfaceFile);
  harness.server.enqueue(reply.text(MODEL_DOC));
  const second = await extractInterface(harness.client, input);
  assert.deepEqual(second, { written: true, changed: false, text });
  assert.equal(statSync(interfaceFile).ino, before.ino, 'not rewritten');

  // A different answer changes the file.
  harness.server.enqueue(reply.text('## src/lib.rs\n\n```rust\npub fn run(n: usize)\n```'));
  const third = await extractInterface(harness.client, input);
  assert.equal(third.changed, true);
  assert.match(readFileSync(interfaceFile, 'utf8'), /pub fn run\(n: usize\)/);
});

test('a spec without AMD contracts gets the model’s document only; no sources means no call and no file', async () => {
  harness = await startHarness();
  root = makeProject({ 'out/app.py': 'def main() -> None: ...\n' });
  const interfaceFile = join(root, '.ossature', 'context', 'interfaces', 'APP.md');
  const base = { specId: 'APP', language: 'python', outputDir: join(root, 'out'), amds: [], interfaceFile };

  const none = await extractInterface(harness.client, {
    ...base,
    plan: { task: [task({ id: '001', spec: 'APP', status: 'done', outputs: ['missing.py'] })] },
  });
  assert.deepEqual(none, { written: false, changed: false });
  assert.equal(harness.server.requests.length, 0);
  assert.equal(existsSync(interfaceFile), false);

  harness.server.enqueue(reply.text('## app.py\n\n```python\ndef main() -> None\n```'));
  await extractInterface(harness.client, {
    ...base,
    plan: { task: [task({ id: '001', spec: 'APP', status: 'done', outputs: ['app.py'] })] },
  });
  assert.equal(
    readFileSync(interfaceFile, 'utf8'),
    '# Interface: APP\n\n@source: build\n\n## app.py\n\n```python\ndef main() -> None\n```',
  );
});

test('an empty answer is an error and leaves the existing interface file as it was', async () => {
  harness = await startHarness();
  root = makeProject({ 'out/app.py': 'x = 1\n', '.ossature/context/interfaces/APP.md': 'old interface\n' });
  const interfaceFile = join(root, '.ossature', 'context', 'interfaces', 'APP.md');
  harness.server.enqueue(reply.text('  \n'));
  await assert.rejects(
    extractInterface(harness.client, {
      specId: 'APP',
      language: 'python',
      plan: { task: [task({ id: '001', spec: 'APP', status: 'done', outputs: ['app.py'] })] },
      outputDir: join(root, 'out'),
      amds: [],
      interfaceFile,
    }),
    /no text; the interface file was not written/,
  );
  assert.equal(readFileSync(interfaceFile, 'utf8'), 'old interface\n');
});
