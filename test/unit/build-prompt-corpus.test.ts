import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { inputHash } from '../../shared/src/build/hashing';
import {
  type BuildPromptContext,
  buildPromptContext,
  createPromptContext,
  fixPrompt,
  renderDataModel,
  renderRequirement,
  taskPrompt,
  unresolvedRefs,
} from '../../shared/src/build/prompt';
import type { Plan, PlanTask } from '../../shared/src/model/plan';
import { projectPaths } from '../../shared/src/project/project-paths';
import { Workspace } from '../../shared/src/project/workspace';
import { readPlanFile } from '../../shared/src/store/plan-file';
import { readStateFile } from '../../shared/src/store/state-file';
import { corpusPath } from '../support/corpus';

/*
 * The corpus holds 6 task prompts the original wrote (spenny 001/002/004, markman 001/012/018) and the input
 * hash of every task (25), which build-hashing.test.ts shows is the hash of the stored prompt. Both plans
 * were built by Ossature 0.0.5; the assembler here follows 0.2.0 and fixes the spec_refs quirk, so a prompt
 * matches byte for byte unless one of these applies — each shown below to be the whole difference:
 *
 * 1. spenny's bare `Data Models` arch_ref: 0.0.5 dropped it; 0.2.0 (and this assembler) renders the section.
 * 2. spenny's Flow: the 0.0.5 parser kept the Flow's own fence in the text and the renderer wrapped it in
 *    another; the 0.2.0 parser strips it, so the Flow is fenced once.
 * 3. markman's `Requirements > Title` spec_refs: the original dropped them (reference §9); they resolve here.
 * 4. markman 018 lists inject file `src/web.rs`, which the stored prompt leaves out: the file did not exist
 *    when the original assembled it (its input hash agrees), and it exists in the corpus output now.
 */

const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

interface Corpus {
  workspace: Workspace;
  plan: Plan;
  ctx: BuildPromptContext;
  task(id: string): PlanTask;
  stored(id: string, file?: string): string;
  storedHash(id: string): string | undefined;
}

function load(project: 'spenny' | 'markman'): Corpus {
  const workspace = Workspace.load(corpusPath(project, 'ossature.toml'));
  const plan = readPlanFile(corpusPath(project, '.ossature', 'plan.toml'))!.plan;
  const state = readStateFile(corpusPath(project, '.ossature', 'state.toml')).state;
  const tasksDir = corpusPath(project, '.ossature', 'tasks');
  return {
    workspace,
    plan,
    ctx: buildPromptContext(workspace, plan),
    task: (id) => plan.task.find((t) => t.id === id)!,
    stored: (id, file = 'prompt.md') => {
      const dir = readdirSync(tasksDir).find((name) => name.startsWith(`${id}-`))!;
      return readFileSync(join(tasksDir, dir, file), 'utf8');
    },
    storedHash: (id) => state.tasks[id]?.input_hash,
  };
}

/** The same project with its output dir replaced by a temp dir holding `files` (path → content). */
function withOutputs(corpus: Corpus, files: Record<string, string>): BuildPromptContext {
  const out = mkdtempSync(join(tmpdir(), 'ossature-prompt-out-'));
  made.push(out);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(out, file)), { recursive: true });
    writeFileSync(join(out, file), content);
  }
  const { workspace } = corpus;
  return createPromptContext({
    config: workspace.config.config,
    paths: { ...projectPaths(workspace.root, workspace.config.config), outputDir: out },
    tasks: corpus.plan.task,
    smd: (id) => workspace.index.smdById.get(id)?.[0],
    amds: (id) => workspace.index.amdsBySpec.get(id) ?? [],
  });
}

const hashOf = (prompt: string) => inputHash(prompt, [], '/no-context-files');

test('spenny 001, markman 001 and 012: the stored prompts, byte for byte', () => {
  const spenny = load('spenny');
  assert.equal(taskPrompt(spenny.ctx, spenny.task('001')), spenny.stored('001'));
  const markman = load('markman');
  for (const id of ['001', '012'])
    assert.equal(taskPrompt(markman.ctx, markman.task(id)), markman.stored(id), id);
});

/** Difference 1 and 2 undone: what 0.0.5 made of spenny's prompts. */
function spennyAs005(corpus: Corpus, prompt: string): string {
  const amd = corpus.workspace.index.amdsBySpec.get('EXPENSE_TRACKER')![0]!;
  const models = amd.dataModels.map(renderDataModel).join('\n\n');
  const flow = `### Flow\n\n\`\`\`\n${amd.flow}\n\`\`\``;
  return prompt
    .replace(`\n\n${models}`, '')
    .replace(flow, `### Flow\n\n\`\`\`\n\`\`\`\n${amd.flow}\n\`\`\`\n\`\`\``);
}

test('spenny 002 and 004: the stored prompts but for the Data Models section and the Flow fence', () => {
  const corpus = load('spenny');
  const p002 = taskPrompt(corpus.ctx, corpus.task('002'));
  assert.ok(p002.includes('</architecture_context>') && !corpus.stored('002').includes('### expenses.json'));
  assert.ok(p002.includes('\n\n### expenses.json\n\n```json\n{\n  "next_id": 4,'));
  assert.equal(spennyAs005(corpus, p002), corpus.stored('002'));

  const p004 = taskPrompt(corpus.ctx, corpus.task('004'));
  assert.ok(p004.includes('### Flow\n\n```\nCLI (argparse)\n'));
  assert.ok(corpus.stored('004').includes('### Flow\n\n```\n```\nCLI (argparse)\n'));
  assert.equal(spennyAs005(corpus, p004), corpus.stored('004'));
});

test('spenny: all 7 stored input hashes, with those two differences undone', () => {
  const corpus = load('spenny');
  assert.equal(corpus.plan.task.length, 7);
  for (const task of corpus.plan.task) {
    assert.equal(
      hashOf(spennyAs005(corpus, taskPrompt(corpus.ctx, task))),
      corpus.storedHash(task.id),
      task.id,
    );
  }
});

test('markman 018: the stored prompt plus the requirement the original dropped, src/web.rs not yet built', () => {
  const corpus = load('markman');
  const task = corpus.task('018');
  assert.deepEqual(task.inject_files, ['Cargo.toml', 'src/web.rs']);
  assert.equal(task.spec_refs[0], 'Requirements > GET /');
  const get = corpus.workspace.index.smdById.get('WEBUI')![0]!.requirements.find((r) => r.title === 'GET /')!;
  const stored = corpus.stored('018');
  const expected = stored.replace(
    '<specification_context>\n',
    `<specification_context>\n${renderRequirement(get)}\n\n`,
  );
  assert.notEqual(expected, stored);
  assert.equal(taskPrompt(withOutputs(corpus, { 'Cargo.toml': '' }), task), expected);
  // With the corpus output as it is now, src/web.rs is listed too.
  assert.ok(taskPrompt(corpus.ctx, task).includes('- `Cargo.toml`\n- `src/web.rs`\n</dependency_files>'));
});

test('markman: all 18 stored input hashes, with the refs the original dropped left out', () => {
  const corpus = load('markman');
  assert.equal(corpus.plan.task.length, 18);
  // Every inject file of the plan existed when its task was built, except 018's src/web.rs (see above).
  const injected = corpus.plan.task.flatMap((t) => t.inject_files).filter((file) => file !== 'src/web.rs');
  const ctx = withOutputs(corpus, Object.fromEntries(injected.map((file) => [file, ''])));
  let dropped = 0;
  for (const task of corpus.plan.task) {
    const spec_refs = task.spec_refs.filter((ref) => !/^requirements\s*>/i.test(ref));
    dropped += task.spec_refs.length - spec_refs.length;
    assert.equal(hashOf(taskPrompt(ctx, { ...task, spec_refs })), corpus.storedHash(task.id), task.id);
  }
  assert.equal(dropped, 15);
});

test("corpus: every ref of both plans resolves now but markman 004's Notes (STORAGE has no Notes section)", () => {
  const unresolved: string[] = [];
  for (const project of ['spenny', 'markman'] as const) {
    const corpus = load(project);
    for (const task of corpus.plan.task) {
      for (const ref of unresolvedRefs(corpus.ctx, task)) unresolved.push(`${project} ${task.id} ${ref}`);
    }
  }
  assert.deepEqual(unresolved, ['markman 004 Notes']);
});

test('the stored fix prompts: spenny 002 (file inlined) and markman 018 (507 lines, above the limit)', () => {
  const spenny = load('spenny');
  const stored = spenny.stored('002', 'fix-1-prompt.md');
  const between = (open: string, close: string) =>
    stored.slice(stored.indexOf(open) + open.length, stored.indexOf(close));
  // The output as it was then (the corpus holds the later, fixed file) and the verify output it gave.
  const ctx = withOutputs(spenny, {
    'src/spenny/storage.py': between('"src/spenny/storage.py">\n```\n', '\n```\n</current_file>'),
  });
  const task = spenny.task('002');
  const prompt = fixPrompt({
    task,
    errorOutput: between('<error_output>\n```\n', '\n```\n</error_output>'),
    verifyCommands: task.verify,
    outputDir: ctx.paths.outputDir,
    maxInlineLines: spenny.workspace.config.config.build.max_inline_lines,
  });
  assert.equal(prompt, stored);

  const markman = load('markman');
  assert.equal(
    fixPrompt({
      task: markman.task('018'),
      errorOutput: 'error: no library targets found in package `markman`',
      verifyCommands: markman.task('018').verify,
      outputDir: markman.ctx.paths.outputDir,
      maxInlineLines: markman.workspace.config.config.build.max_inline_lines,
    }),
    markman.stored('018', 'fix-1-prompt.md'),
  );
});
