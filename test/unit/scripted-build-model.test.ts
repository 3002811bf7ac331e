import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, test } from 'node:test';
import { buildTools, TaskSandbox } from '../../shared/src/build/tools';
import { createLlmClient, type LlmClient, LlmRequestError, reviewReportSchema } from '../../shared/src/llm';
import { render } from '../../shared/src/prompts';
import { llmConfig, TEST_KEY } from '../support/llm-harness';
import { type BuildModel, type BuildModelOptions, createBuildModel } from '../support/scripted-build-model';
import {
  reply,
  type ScriptedServer,
  type ScriptedServerOptions,
  startScriptedServer,
} from '../support/scripted-messages-server';

const ROOT = join(__dirname, '..', '..');
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Setup {
  server: ScriptedServer;
  model: BuildModel;
  client: LlmClient;
  out: string;
}

async function setup(
  options: BuildModelOptions = {},
  serverOptions: Partial<ScriptedServerOptions> = {},
): Promise<Setup> {
  const model = createBuildModel(options);
  const server = await startScriptedServer({
    expectedKey: TEST_KEY,
    respond: model.respond,
    ...serverOptions,
  });
  cleanups.push(() => server.close());
  const client = createLlmClient({
    config: llmConfig({ base_url: server.url }),
    env: { ANTHROPIC_API_KEY: TEST_KEY },
  });
  return { server, model, client, out: tempDir() };
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ossature-build-model-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A task prompt shaped like the implementer's (reference §5.3). */
function taskPrompt(title: string, outputs: string[]): string {
  return [
    '<project_config>\nProject: demo v0.0.1\nLanguage: javascript\n</project_config>',
    '<dependency_files>\nThe following files from previous tasks are available.\n\n- `src/a/0.mjs`\n</dependency_files>',
    `<task>\n## ${title}\n\nWrite the module.\n\n## Files to Produce\n\n${outputs.map((o) => `- \`${o}\``).join('\n')}\n</task>`,
  ].join('\n\n');
}

function implement(
  s: Setup,
  title: string,
  outputs: string[],
  sandbox = new TaskSandbox({ outputDir: s.out }),
) {
  return s.client.runAgent({
    role: 'build',
    system: render('build.implementer', { language: 'javascript' }),
    user: taskPrompt(title, outputs),
    tools: buildTools(sandbox),
  });
}

test('an implementer run writes every file under "Files to Produce" and then ends its turn', async () => {
  const s = await setup({
    contentFor: (path, prompt) =>
      path.endsWith('special.mjs') ? `// for ${/^## (.+)$/m.exec(prompt)?.[1]}\n` : `export const p = 1;\n`,
  });
  const sandbox = new TaskSandbox({ outputDir: s.out });
  const result = await implement(s, 'Step 1', ['src/a/1.mjs', 'src/a/special.mjs'], sandbox);

  assert.equal(result.text, 'Done.');
  assert.equal(result.requests, 2);
  assert.equal(result.toolCalls, 2);
  assert.deepEqual(sandbox.createdFiles, ['src/a/1.mjs', 'src/a/special.mjs']);
  assert.equal(readFileSync(join(s.out, 'src/a/1.mjs'), 'utf8'), 'export const p = 1;\n');
  assert.equal(readFileSync(join(s.out, 'src/a/special.mjs'), 'utf8'), '// for Step 1\n');
  assert.equal(s.model.count('implement'), 1);
  assert.equal(s.model.count('implement', 'Step 1'), 1);
  assert.equal(s.model.count('fix'), 0);
  assert.deepEqual(s.model.titles('implement'), ['Step 1']);
  assert.deepEqual(
    s.model.calls.map((c) => [c.kind, c.turn]),
    [
      ['implement', 0],
      ['implement', 1],
    ],
  );
});

test('without a contentFor, each file gets a small valid file for its extension', async () => {
  const s = await setup();
  await implement(s, 'Scaffold', ['src/main.mjs', 'tool.py', 'package.json', 'lib/old.cjs']);
  assert.equal(readFileSync(join(s.out, 'src/main.mjs'), 'utf8'), 'export const x = 1;\n');
  assert.equal(readFileSync(join(s.out, 'tool.py'), 'utf8'), 'x = 1\n');
  assert.deepEqual(JSON.parse(readFileSync(join(s.out, 'package.json'), 'utf8')), {});
  assert.equal(readFileSync(join(s.out, 'lib/old.cjs'), 'utf8'), 'module.exports = { x: 1 };\n');
});

test('a fixer run rewrites the files its prompt shows with what fixFor says', async () => {
  const s = await setup({
    fixFor: (path, prompt) =>
      path === 'src/a/1.mjs' && prompt.includes('SyntaxError') ? 'export const fixed = true;\n' : undefined,
  });
  writeFileSync(join(s.out, 'keep.mjs'), 'export const keep = 1;\n');
  const sandbox = new TaskSandbox({ outputDir: s.out });
  const fixPrompt = [
    '<error_output>\n```\nSyntaxError: Unexpected token\n```\n</error_output>',
    '<verify_command>\nnode --check src/a/1.mjs\n</verify_command>',
    '<current_file path="src/a/1.mjs">\n```\nexport const = ;\n```\n</current_file>',
    '<current_file path="keep.mjs">\n```\nexport const keep = 1;\n```\n</current_file>',
    '<task>\n**Step 1**: Write the module.\n</task>',
  ].join('\n\n');
  const result = await s.client.runAgent({
    role: 'build',
    system: render('build.fixer', { language: 'javascript' }),
    user: fixPrompt,
    tools: buildTools(sandbox),
  });

  assert.equal(result.text, 'Done.');
  assert.equal(readFileSync(join(s.out, 'src/a/1.mjs'), 'utf8'), 'export const fixed = true;\n');
  assert.equal(readFileSync(join(s.out, 'keep.mjs'), 'utf8'), 'export const keep = 1;\n');
  assert.deepEqual(sandbox.createdFiles, ['src/a/1.mjs']);
  assert.equal(s.model.count('fix', 'Step 1'), 1);
  assert.equal(s.model.count('implement'), 0);
});

test('reviewer calls parse as a ReviewReport: passed by default, or what review says for the nth review', async () => {
  const issue = { file: 'src/a/1.mjs', target: 'run', problem: 'ignores the limit', suggestion: 'check it' };
  const s = await setup({
    review: ({ title, nth, files }) =>
      title === 'Step 2' && nth === 0
        ? { passed: false, issues: [{ ...issue, file: files[0]! }] }
        : undefined,
  });
  const review = (title: string) =>
    s.client.callStructured('reviewer', {
      system: render('build.reviewer', { language: 'javascript' }),
      user: `<task>\n${title}\n\nWrite the module.\n</task>\n\n<generated_code>\n### src/a/2.mjs\n\`\`\`\nexport const x = 1;\n\`\`\`\n</generated_code>`,
      schema: reviewReportSchema,
      name: 'ReviewReport',
    });

  assert.deepEqual((await review('Step 1')).value, { passed: true, issues: [] });
  assert.deepEqual((await review('Step 2')).value, {
    passed: false,
    issues: [{ ...issue, file: 'src/a/2.mjs' }],
  });
  assert.deepEqual((await review('Step 2')).value, { passed: true, issues: [] });
  assert.equal(s.model.count('review'), 3);
  assert.equal(s.model.count('review', 'Step 2'), 2);
  assert.equal(s.server.requests.at(-1)?.body.tool_choice.name, 'ReviewReport');
});

test('interface extraction answers a markdown interface naming each source file', async () => {
  const s = await setup();
  const result = await s.client.callText('interface', {
    system: render('build.interface_extraction', { language: 'javascript' }),
    user: '# Source files for SPEC_A\n\n## src/a/1.mjs\n```js\nexport const x = 1;\n```\n\n## README.md\n```markdown\n## Not a file\n```\n',
  });
  assert.match(result.text, /^## Public interface of SPEC_A/);
  assert.match(result.text, /`src\/a\/1\.mjs`/);
  assert.match(result.text, /`README\.md`/);
  assert.doesNotMatch(result.text, /Not a file/);
  assert.equal(s.model.count('interface', 'SPEC_A'), 1);
});

test('a request it does not recognise gets a 400 that says so, counted as other', async () => {
  const s = await setup();
  await assert.rejects(
    s.client.callText('brief', { system: 'You write a spec brief.', user: 'SPEC_A' }),
    (error: unknown) => error instanceof LlmRequestError && /no build call it knows/.test(error.message),
  );
  assert.equal(s.model.count('other'), 1);
  assert.equal(s.model.count('implement'), 0);
});

test('queued replies still come first; respond answers once the queue is empty', async () => {
  const s = await setup();
  s.server.enqueue(reply.text('## Queued'));
  const call = () =>
    s.client.callText('interface', { system: 'Document it.', user: '# Source files for B\n' });
  assert.equal((await call()).text, '## Queued');
  assert.match((await call()).text, /^## Public interface of B/);
  assert.equal(s.model.count('interface'), 1);
});

test('concurrent runs each get the answer to what they ask, after the latency, in parallel', async () => {
  const latencyMs = 300;
  const s = await setup(
    { contentFor: (path) => `export const path = ${JSON.stringify(path)};\n` },
    { latencyMs },
  );
  const titles = ['Step A', 'Step B', 'Step C', 'Step D'];
  const started = performance.now();
  await Promise.all(titles.map((title, i) => implement(s, title, [`src/${i}.mjs`])));
  const elapsed = performance.now() - started;

  for (const i of titles.keys())
    assert.equal(readFileSync(join(s.out, `src/${i}.mjs`), 'utf8'), `export const path = "src/${i}.mjs";\n`);
  assert.deepEqual(s.model.titles('implement').sort(), titles);
  // Two requests per run, each held back for the latency: at least 2 × latency; run one after the other
  // the four runs would take 8 × latency.
  assert.ok(elapsed >= 2 * latencyMs, `took ${elapsed} ms`);
  assert.ok(elapsed < 6 * latencyMs, `took ${elapsed} ms: the runs were not served in parallel`);
});

/** Starts scripted-server-main.ts as its own process; resolves with its first stdout line. */
interface Main {
  child: ChildProcess;
  line: Promise<string | undefined>;
  exited: Promise<unknown[]>;
  stderr: () => string;
}

function startMain(args: string[]): Main {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'test/support/scripted-server-main.ts'), ...args],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const exited = once(child, 'exit');
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const lines = createInterface({ input: child.stdout! });
  const line = new Promise<string | undefined>((resolve) => {
    lines.once('line', resolve);
    lines.once('close', () => resolve(undefined));
  });
  return { child, line, exited, stderr: () => stderr };
}

test('the standalone server prints its URL, answers a build as configured, serves its counters, stops on SIGTERM', async () => {
  const dir = tempDir();
  const config = join(dir, 'server.json');
  writeFileSync(
    config,
    JSON.stringify({
      latencyMs: 10,
      expectedKey: TEST_KEY,
      taskContent: { 'Step 1': { 'src/a/1.mjs': 'export const configured = 1;\n' } },
      content: { 'src/a/2.mjs': 'export const byPath = 2;\n' },
    }),
  );
  const { child, line, exited } = startMain([config]);
  const first = await line;
  assert.ok(first, 'the server printed nothing');
  const { url } = JSON.parse(first) as { url: string };
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);

  // Pointed at it the way the CLI is: ANTHROPIC_BASE_URL.
  const client = createLlmClient({
    config: llmConfig(),
    env: { ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: url },
  });
  const out = tempDir();
  await implement({ client, out } as Setup, 'Step 1', ['src/a/1.mjs', 'src/a/2.mjs', 'src/a/3.mjs']);
  assert.equal(readFileSync(join(out, 'src/a/1.mjs'), 'utf8'), 'export const configured = 1;\n');
  assert.equal(readFileSync(join(out, 'src/a/2.mjs'), 'utf8'), 'export const byPath = 2;\n');
  assert.equal(readFileSync(join(out, 'src/a/3.mjs'), 'utf8'), 'export const x = 1;\n');

  const stats = await (await fetch(`${url}/scripted/stats`)).json();
  assert.deepEqual(stats, {
    requests: 2,
    runs: { implement: 1, fix: 0, review: 0, interface: 0, other: 0 },
    byTitle: { 'Step 1': { implement: 1 } },
  });

  child.kill('SIGTERM');
  const [code] = await exited;
  assert.equal(code, 0);
});

test('the standalone server refuses a config it does not understand, naming the key', async () => {
  const dir = tempDir();
  const config = join(dir, 'server.json');
  writeFileSync(config, JSON.stringify({ latency: 200 }));
  const { line, exited, stderr } = startMain([config]);
  assert.equal(await line, undefined);
  const [code] = await exited;
  assert.equal(code, 2);
  assert.match(stderr(), /latency/);
});
