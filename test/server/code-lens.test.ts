import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type CodeLens, CodeLensRequest } from 'vscode-languageserver-protocol';
import { writeTaskStatuses } from '../../shared/src/store/plan-status-write';
import { makeTrioProject } from '../support/build-fixture';
import { lineOf, rangeOf } from '../support/find';
import { LspTestClient, uriOf } from './harness';
import { TrioBuilder } from './trio-builds';

/**
 * CodeLens over real JSON-RPC: the project buttons on ossature.toml and plan.toml, each task's status and
 * actions (task-file lenses only once a real build wrote the files), the spec buttons on a spec's title.
 */

let builder: TrioBuilder;
before(async () => {
  builder = await TrioBuilder.start();
});
after(() => builder.close());

/** The lenses of `file`, opened in the editor first unless it is open already. */
async function lensesOf(client: LspTestClient, file: string): Promise<CodeLens[]> {
  if (!client.isOpen(file)) await client.open(file);
  return (
    (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: uriOf(file) } })) ?? []
  );
}

/** `title → command [args]` of the lenses on `line`, in order. */
function onLine(lenses: readonly CodeLens[], line: number): string[] {
  return lenses
    .filter((l) => l.range.start.line === line)
    .map(
      (l) =>
        `${l.command?.title} → ${l.command?.command || '(text)'} ${JSON.stringify(l.command?.arguments ?? [])}`,
    );
}

test('ossature.toml and the top of plan.toml offer Validate · Audit · Build · Status for the project', async () => {
  const root = makeTrioProject();
  const config = join(root, 'ossature.toml');
  const client = await LspTestClient.start([root]);
  try {
    assert.deepEqual(client.capabilities.codeLensProvider, { resolveProvider: false });
    const project = [
      `Validate → ossature.validate ${JSON.stringify([config])}`,
      `Audit → ossature.audit ${JSON.stringify([config])}`,
      `Build → ossature.build ${JSON.stringify([config])}`,
      `Status → ossature.status ${JSON.stringify([config])}`,
    ];
    const configLenses = await lensesOf(client, config);
    assert.deepEqual(onLine(configLenses, 0), project);
    assert.equal(configLenses.length, 4);
    assert.deepEqual(onLine(await lensesOf(client, join(root, '.ossature', 'plan.toml')), 0), project);
  } finally {
    await client.stop();
  }
});

test('each [[task]] shows its status, then Run · Rerun from here · Skip, and the files a build wrote', async () => {
  const root = makeTrioProject();
  const config = join(root, 'ossature.toml');
  const plan = join(root, '.ossature', 'plan.toml');
  await builder.build(root, { only: '001' });
  writeTaskStatuses(
    plan,
    new Map([
      ['002', 'failed'],
      ['003', 'skipped'],
    ]),
  );
  const client = await LspTestClient.start([root]);
  try {
    const lenses = await lensesOf(client, plan);
    const text = readFileSync(plan, 'utf8');
    const header = (n: number) => lineOf(text, '[[task]]', n);
    const actions = (id: string, skip = 'Skip') => {
      const args = JSON.stringify([config, id]);
      return [
        `Run → ossature.runTask ${args}`,
        `Rerun from here → ossature.rerunFrom ${args}`,
        `${skip} → ossature.toggleSkip ${args}`,
      ];
    };
    const file = (title: string, which: string) =>
      `${title} → ossature.openTaskFile ${JSON.stringify([config, '001', which])}`;
    assert.deepEqual(onLine(lenses, header(0)), [
      '✓ done → (text) []',
      ...actions('001'),
      file('Open prompt', 'prompt'),
      file('Open response', 'response'),
      file('Verify output', 'output'),
      `Diff → ossature.reviewTask ${JSON.stringify([config, '001'])}`,
    ]);
    assert.deepEqual(onLine(lenses, header(1)), ['✗ failed → (text) []', ...actions('002')]);
    assert.deepEqual(onLine(lenses, header(2)), ['⏭ skipped → (text) []', ...actions('003', 'Unskip')]);
    assert.deepEqual(onLine(lenses, header(3)), ['○ pending → (text) []', ...actions('004')]);
    // The task lens sits on the header itself.
    const first = lenses.find((l) => l.command?.title === '✓ done');
    assert.deepEqual(first?.range, rangeOf(text, '[[task]]', 0));
  } finally {
    await client.stop();
  }
});

test('the task lenses follow the plan as it is typed, before it is saved', async () => {
  const root = makeTrioProject();
  const plan = join(root, '.ossature', 'plan.toml');
  const client = await LspTestClient.start([root]);
  try {
    await client.open(plan);
    // Task 004's status, the fourth in the plan.
    await client.edit(plan, rangeOf(client.text(plan), '"pending"', 3), '"manual"');
    const lenses = await lensesOf(client, plan);
    const line = lineOf(client.text(plan), '[[task]]', 3);
    assert.equal(onLine(lenses, line)[0], '✋ manual → (text) []');
    assert.equal(readFileSync(plan, 'utf8').includes('"manual"'), false, 'nothing was saved');
  } finally {
    await client.stop();
  }
});

test("a spec's title offers Audit this spec · Build this spec", async () => {
  const root = makeTrioProject();
  const config = join(root, 'ossature.toml');
  const greet = join(root, 'specs', 'greet.smd');
  const client = await LspTestClient.start([root]);
  try {
    const lenses = await lensesOf(client, greet);
    const args = JSON.stringify([config, 'GREET']);
    assert.deepEqual(onLine(lenses, lineOf(readFileSync(greet, 'utf8'), '# Greet')), [
      `Audit this spec → ossature.auditSpec ${args}`,
      `Build this spec → ossature.buildSpec ${args}`,
    ]);
    assert.equal(lenses.length, 2);
  } finally {
    await client.stop();
  }
});
