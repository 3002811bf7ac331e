import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { formatCost, formatTokens } from '../../shared/src/llm';
import {
  type BuildForecastParams,
  BuildForecastRequest,
  type BuildForecastResult,
} from '../../shared/src/protocol';
import { editFile, makeTrioProject, statuses } from '../support/build-fixture';
import { runCli } from '../support/cli';
import { lineOf } from '../support/find';
import { LspTestClient } from './harness';
import { TrioBuilder } from './trio-builds';

/**
 * `ossature/buildForecast` over real JSON-RPC: what would run and why, with the estimate — the same answer
 * as `ossature build --dry-run` (the built CLI, run alongside), from the files on disk.
 */

let builder: TrioBuilder;
before(async () => {
  builder = await TrioBuilder.start();
});
after(() => builder.close());

async function forecast(
  client: LspTestClient,
  root: string,
  params: Omit<BuildForecastParams, 'configFile'> = {},
): Promise<BuildForecastResult> {
  return client.connection.sendRequest(BuildForecastRequest, {
    configFile: join(root, 'ossature.toml'),
    ...params,
  });
}

const rowsOf = (result: BuildForecastResult) =>
  result.rows.map((row) => `${row.id} ${row.run} ${row.kind}: ${row.reasons.join(', ')}`);

/** The CLI's `build --dry-run` says the same: each row with its why, the counts and the estimate. */
function assertSameAsCli(root: string, result: BuildForecastResult): void {
  const run = runCli(['build', '--dry-run'], root, { ANTHROPIC_API_KEY: '' });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  for (const row of result.rows) {
    assert.match(
      run.stdout,
      new RegExp(`${row.id}\\s+${row.spec}\\s+${row.title}\\n\\s+why: ${row.reasons.join(', ')} ·`),
    );
  }
  const yes = result.rows.filter((r) => r.run === 'yes').length;
  const maybe = result.rows.length - yes;
  assert.ok(
    run.stdout.includes(`${yes} task(s) would run, ${maybe} maybe, ${result.upToDate} up to date.`),
    run.stdout,
  );
  const { inputTokens, outputTokens, costUsd } = result.totals;
  assert.ok(costUsd !== null);
  assert.ok(
    run.stdout.includes(
      `Estimate: ~${formatTokens(inputTokens)} in, ~${formatTokens(outputTokens)} out, ~${formatCost(costUsd)}`,
    ),
    run.stdout,
  );
}

test('a fresh plan: every task would run as pending, with a priced estimate, as build --dry-run says', async () => {
  const root = makeTrioProject();
  const client = await LspTestClient.start([root]);
  try {
    const result = await forecast(client, root);
    assert.equal(result.error, undefined);
    assert.deepEqual(rowsOf(result), [
      '001 yes task: pending',
      '002 yes task: pending',
      '003 yes task: pending',
      '004 yes task: pending',
    ]);
    assert.equal(result.upToDate, 0);
    assert.ok(result.totals.inputTokens > 0 && result.totals.outputTokens > 0);
    assert.ok((result.totals.costUsd ?? 0) > 0, 'claude-sonnet-4-6 has a price');
    assertSameAsCli(root, result);
  } finally {
    await client.stop();
  }
});

test('after a build nothing runs; saved edits make the tasks run for the reasons the CLI gives', async () => {
  const root = makeTrioProject();
  await builder.build(root);
  const client = await LspTestClient.start([root]);
  try {
    const built = await forecast(client, root);
    assert.deepEqual(built.rows, []);
    assert.equal(built.upToDate, 4);

    // An unsaved edit in the editor does not count: the build reads the disk.
    const greet = join(root, 'specs', 'greet.smd');
    await client.open(greet);
    await client.replace(greet, 'Greets a person by name.', 'Greets a person warmly.');
    assert.deepEqual((await forecast(client, root)).rows, []);

    editFile(root, 'specs/greet.smd', 'Greets a person by name.', 'Greets a person warmly.');
    writeFileSync(join(root, 'output', 'src', 'report.mjs'), '// edited\n');
    const edited = await forecast(client, root);
    assert.deepEqual(rowsOf(edited), ['003 yes task: input changed', '004 yes task: output modified']);
    assert.equal(edited.upToDate, 2);
    assertSameAsCli(root, edited);
  } finally {
    await client.stop();
  }
});

test('spec, only, force and retry pick the tasks as the CLI flags do, and change nothing on disk', async () => {
  const root = makeTrioProject();
  await builder.build(root);
  const client = await LspTestClient.start([root]);
  try {
    const ids = async (params: Omit<BuildForecastParams, 'configFile'>) =>
      (await forecast(client, root, params)).rows.map((r) => r.id);
    assert.deepEqual(await ids({ force: true }), ['001', '002', '003', '004']);
    assert.deepEqual(rowsOf(await forecast(client, root, { force: true, spec: 'greet' })), [
      '001 yes task: --force',
      '002 yes task: --force, dependency rebuilt: 001',
      '003 yes task: --force',
    ]);
    assert.deepEqual(await ids({ force: true, only: '3' }), ['003']);

    const retry = await forecast(client, root, { retry: { only: '002' } });
    assert.equal(retry.reset, 'Reset task 002 to pending (+2 dependents)');
    assert.deepEqual(rowsOf(retry), [
      '002 yes task: pending',
      '003 yes task: pending',
      '004 yes task: pending',
    ]);
    const none = await forecast(client, root, { retry: {} });
    assert.deepEqual(
      { rows: none.rows, reset: none.reset },
      { rows: [], reset: 'No failed tasks to retry.' },
    );
    assert.deepEqual(statuses(root), { '001': 'done', '002': 'done', '003': 'done', '004': 'done' });
  } finally {
    await client.stop();
  }
});

test('a project that cannot be forecast answers with no rows and what to do', async () => {
  const root = makeTrioProject();
  const client = await LspTestClient.start([root]);
  try {
    const unknown = await forecast(client, root, { only: '009' });
    assert.deepEqual(unknown.rows, []);
    assert.equal(unknown.error, "Unknown task '009'. Valid range: 001-004");

    editFile(root, 'specs/greet.smd', 'depends: [CORE]', 'depends: [CORE, NOPE]');
    const invalid = await forecast(client, root);
    assert.deepEqual(invalid.rows, []);
    assert.match(invalid.error ?? '', /^Specs or plan invalid \(1 error\)\. Fix them/);
    const line = lineOf(readFileSync(join(root, 'specs', 'greet.smd'), 'utf8'), 'NOPE') + 1;
    assert.match(invalid.error ?? '', new RegExp(`\\nspecs/greet\\.smd:${line}:\\d+: error OSS\\d+: `));

    rmSync(join(root, '.ossature', 'plan.toml'));
    const noPlan = await forecast(client, root);
    assert.deepEqual(
      { rows: noPlan.rows, upToDate: noPlan.upToDate, error: noPlan.error },
      { rows: [], upToDate: 0, error: 'No plan found. Run `ossature audit` first.' },
    );
  } finally {
    await client.stop();
  }
});
