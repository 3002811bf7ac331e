// What the extension asks and refuses before a run (client/src/runs/): the cost confirmation's question from
// the server's real build forecast of the trio project, and the workspace-trust guard.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { auditQuestion, costQuestion, forecastParams } from '../../client/src/runs/cost-question';
import { CLI_COMMANDS, type CliCommand } from '../../client/src/runs/run-request';
import { trustRefusal } from '../../client/src/runs/trust';
import { provideBuildForecast } from '../../server/src/features/build-forecast';
import { makeTrioProject } from '../support/build-fixture';

test('the cost question names the tasks that would run and the estimated cost', () => {
  const configFile = join(makeTrioProject(), 'ossature.toml');
  const forecast = provideBuildForecast(forecastParams({ configFile, command: 'build', args: [] }), {});
  const question = costQuestion('Build', forecast);
  assert.ok(question, 'a fresh plan has tasks to run');
  assert.match(question.message, /^Build 4 tasks with the model\? Estimated cost ~(\$\d+\.\d\d|<\$0\.01)$/);
  assert.match(question.detail, /^001 Core add module — pending$/m);
  assert.match(question.detail, /fix rounds are not counted/);
});

test('the question follows the run’s selection: --only asks about that one task', () => {
  const configFile = join(makeTrioProject(), 'ossature.toml');
  const params = forecastParams({ configFile, command: 'build', args: ['--only', '003'] });
  assert.deepEqual(params, { configFile, only: '003' });
  const question = costQuestion('Build', provideBuildForecast(params, {}));
  assert.match(question?.message ?? '', /^Build 1 task with the model\?/);
  assert.deepEqual(forecastParams({ configFile, command: 'retry', args: ['--from', '002'] }), {
    configFile,
    retry: { from: '002' },
  });
});

test('nothing to confirm when no task would call the model', () => {
  const question = costQuestion('Build', {
    rows: [],
    upToDate: 4,
    totals: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
  });
  assert.equal(question, undefined);
});

test('the audit question counts the specs, and a re-plan says the plan is rebuilt', () => {
  assert.match(auditQuestion('trio', 3, false).message, /^Audit trio with the model\? It has 3 specs;/);
  assert.match(auditQuestion('trio', 3, true).message, /^Re-plan trio .* whole plan rebuilt/);
});

test('in an untrusted workspace audit, build and retry are refused with why and what to do; the rest run', () => {
  const request = (command: CliCommand, callsModel: boolean) => ({
    command,
    callsModel,
    title: `${command} trio`,
  });
  for (const command of CLI_COMMANDS) {
    const callsModel = command === 'audit' || command === 'build' || command === 'retry';
    const refusal = trustRefusal(request(command, callsModel), false);
    if (callsModel) {
      assert.match(refusal ?? '', /Restricted Mode/, command);
      assert.match(refusal ?? '', /Trust the workspace/, command);
    } else {
      assert.equal(refusal, undefined, command);
    }
    assert.equal(trustRefusal(request(command, callsModel), true), undefined, `${command} when trusted`);
  }
  assert.match(trustRefusal(request('build', true), false) ?? '', /verify commands/);
});
