// The palette commands around the plan and the `ossature` tasks (client/src/commands/, client/src/runs/):
// Review Plan, Skip/Unskip, Build Task and Open Task File, the $ossature problem matcher, the task provider and
// tasks.json entries, and Set API Key's check.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { commandTable } from '../../../client/src/commands/table';
import type { OssatureApi } from '../../../client/src/extension';
import type { RunResult } from '../../../client/src/runs/run-request';
import { ossatureLogTail, resetTrio, runEvent, TrioModel, trioConfig, trioRoot, trioStatuses } from './trio';
import { waitForDiagnostics, waitForEvent } from './wait';
import { activateExtension, lineOf } from './workspace';

/** The exit code of the next task process named `name` to end; rejects after `ms`. */
function taskProcessEnd(name: string, ms = 60_000): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`Timed out after ${ms} ms waiting for the task "${name}" to end`));
    }, ms);
    const subscription = vscode.tasks.onDidEndTaskProcess(({ execution, exitCode }) => {
      if (execution.task.name !== name) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(exitCode);
    });
  });
}

export function commandsTests(): void {
  suite('commands', () => {
    const trio = new TrioModel();
    let api: OssatureApi;

    suiteSetup(async () => {
      api = await activateExtension();
      await trio.start();
      resetTrio();
    });
    suiteTeardown(async () => {
      await trio.stop();
      // The plan, its summary and the task files opened here: later suites reset the trio files on disk.
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    test('every command of the table is registered', async () => {
      const registered = new Set(await vscode.commands.getCommands(true));
      assert.deepEqual(
        commandTable.map((c) => c.id).filter((id) => !registered.has(id)),
        [],
        'commands of the table that are not registered',
      );
    });

    test('Review Plan opens plan.toml beside a summary: tasks per spec, what would run and why, the cost', async () => {
      const opened = await vscode.commands.executeCommand<{ plan: vscode.Uri; summary: vscode.Uri }>(
        'ossature.reviewPlan',
        trioConfig(),
      );
      assert.ok(opened, 'the trio project has a plan');
      const visible = vscode.window.visibleTextEditors.map((e) => e.document.uri.toString());
      assert.ok(visible.includes(opened.plan.toString()), `plan.toml is open: ${visible.join(', ')}`);
      assert.ok(
        visible.includes(opened.summary.toString()),
        `the summary is beside it: ${visible.join(', ')}`,
      );
      const summary = await vscode.workspace.openTextDocument(opened.summary);
      assert.equal(summary.languageId, 'markdown');
      const text = summary.getText();
      assert.match(text, /^# Plan of trio$/m);
      assert.match(text, /4 tasks · ○ 4 pending/);
      assert.match(text, /^## What the next build would run$/m);
      assert.match(text, /^4 tasks · .* estimated cost ~(\$\d+\.\d\d|<\$0\.01) · 0 up to date$/m);
      assert.match(text, /^\| 001 \| CORE \| Core add module \| yes \| pending \|$/m);
      assert.match(text, /^### GREET \(greet\.smd\)$/m);
      assert.match(text, /^\| ○ pending \| 003 \| Greeting module \| task \| 002 \|$/m);
    });

    test('Skip/Unskip changes only that task’s status in plan.toml and saves it', async () => {
      const planFile = join(trioRoot(), '.ossature', 'plan.toml');
      const before = readFileSync(planFile, 'utf8');
      assert.equal(
        await vscode.commands.executeCommand('ossature.toggleSkip', trioConfig(), '003'),
        'skipped',
      );
      assert.equal(trioStatuses()['003'], 'skipped');
      const after = readFileSync(planFile, 'utf8').split('\n');
      const changed = before.split('\n').flatMap((line, i) => (line === after[i] ? [] : [after[i]]));
      assert.deepEqual(changed, ['status = "skipped"'], 'one line changed');
      const document = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === planFile);
      assert.equal(document?.isDirty ?? false, false, 'the plan is saved');
      assert.equal(
        await vscode.commands.executeCommand('ossature.toggleSkip', trioConfig(), '003'),
        'pending',
      );
      assert.equal(readFileSync(planFile, 'utf8'), before);
    });

    test('Build Task builds exactly that task; Open Task File opens its prompt, response and verify output', async () => {
      const before = await vscode.commands.executeCommand(
        'ossature.openTaskFile',
        trioConfig(),
        '001',
        'prompt',
      );
      assert.equal(before, undefined, 'no prompt before the task ran');
      const result = await vscode.commands.executeCommand<RunResult>('ossature.runTask', trioConfig(), '001');
      assert.equal(result.exitCode, 0);
      assert.deepEqual(trioStatuses(), {
        '001': 'done',
        '002': 'pending',
        '003': 'pending',
        '004': 'pending',
      });
      for (const [which, name] of [
        ['prompt', 'prompt.md'],
        ['response', 'response.md'],
        ['output', 'output.toml'],
      ] as const) {
        const uri = await vscode.commands.executeCommand<vscode.Uri>(
          'ossature.openTaskFile',
          trioConfig(),
          '001',
          which,
        );
        assert.ok(uri?.fsPath.endsWith(join('.ossature', 'tasks', '001-core-add-module', name)), uri?.fsPath);
        assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, uri.fsPath);
      }
      const prompt = readFileSync(
        join(trioRoot(), '.ossature', 'tasks', '001-core-add-module', 'prompt.md'),
        'utf8',
      );
      assert.match(prompt, /Core add module/);
    });

    test('Validate puts the problems the CLI prints into the Problems view through the $ossature matcher', async () => {
      const greet = vscode.Uri.file(join(trioRoot(), 'specs', 'greet.smd'));
      const original = readFileSync(greet.fsPath, 'utf8');
      const settings = vscode.workspace.getConfiguration('ossature');
      // With the server's diagnostics off, what shows can only come from the task's problem matcher.
      await settings.update('validate.enable', false, vscode.ConfigurationTarget.Workspace);
      try {
        writeFileSync(greet.fsPath, original.replace('depends: [CORE]', 'depends: [CORE, NOPE]'));
        const result = await vscode.commands.executeCommand<RunResult>('ossature.validate', trioConfig());
        assert.equal(result.exitCode, 1, 'validate exits 1 on an error');
        const diagnostics = await waitForDiagnostics(
          greet,
          (all) => all.some((d) => d.code === 'OSS400'),
          'the OSS400 the validate task printed',
        );
        const problem = diagnostics.find((d) => d.code === 'OSS400');
        const document = await vscode.workspace.openTextDocument(greet);
        assert.equal(problem?.range.start.line, lineOf(document, 'depends:'));
        assert.equal(problem?.severity, vscode.DiagnosticSeverity.Error);
        assert.match(problem?.message ?? '', /NOPE/);
      } finally {
        writeFileSync(greet.fsPath, original);
        await settings.update('validate.enable', undefined, vscode.ConfigurationTarget.Workspace);
      }
      // The next clean validate clears the task's problems.
      assert.equal(
        (await vscode.commands.executeCommand<RunResult>('ossature.validate', trioConfig())).exitCode,
        0,
      );
      await waitForDiagnostics(greet, (all) => !all.some((d) => d.code === 'OSS400'), 'no OSS400 any more');
    });

    test('the ossature task provider offers Validate, Audit, Build and Retry Failed per project; they run like palette runs', async () => {
      resetTrio();
      const offered = await vscode.tasks.fetchTasks({ type: 'ossature' });
      const names = offered.map((t) => t.name);
      for (const name of [
        'Validate trio',
        'Audit trio',
        'Build trio',
        'Retry Failed trio',
        'Build markman',
      ]) {
        assert.ok(names.includes(name), `${name} is offered: ${names.join(', ')}`);
      }
      const build = offered.find((t) => t.name === 'Build trio');
      assert.ok(build);
      const seen: string[] = [];
      const listening = api.runs.onRunEvent(({ event }) => seen.push(event.type));
      const started: string[] = [];
      const starting = vscode.tasks.onDidStartTask(({ execution }) => {
        const run = execution.task.execution as vscode.ProcessExecution | undefined;
        started.push(`${execution.task.name} ${run?.options?.env?.OSSATURE_RUN_ID} ${run?.args?.join(' ')}`);
      });
      const ended = taskProcessEnd('Build trio', 40_000).catch((error: Error) => error.message);
      const finished = runEvent(api, (e) => e.type === 'run-finished', 'run-finished', 40_000).catch(
        (error: Error) => error.message,
      );
      await vscode.tasks.executeTask(build);
      const exitCode = await ended;
      const last = await finished;
      listening.dispose();
      starting.dispose();
      const context = `started: ${started.join(' | ')}; events: ${seen.join(', ')}; status: ${api.runs.statusText()}; log: ${ossatureLogTail()}`;
      assert.equal(exitCode, 0, context);
      assert.equal(
        typeof last === 'object' && last.type === 'run-finished' && last.outcome,
        'completed',
        context,
      );
      assert.match(api.runs.statusText() ?? '', /^\$\(check\) Build 4\/4 · ✓4/);
      assert.deepEqual(trioStatuses(), { '001': 'done', '002': 'done', '003': 'done', '004': 'done' });
    });

    test('a tasks.json entry of type ossature runs its command on the project it names', async () => {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      assert.ok(folder);
      const tasksJson = join(folder, '.vscode', 'tasks.json');
      mkdirSync(join(folder, '.vscode'), { recursive: true });
      writeFileSync(
        tasksJson,
        JSON.stringify({
          version: '2.0.0',
          tasks: [
            { type: 'ossature', command: 'status', config: 'trio/ossature.toml', label: 'trio status' },
          ],
        }),
      );
      try {
        await waitForEvent(
          vscode.workspace.onDidChangeConfiguration,
          () => vscode.workspace.getConfiguration('tasks').get<{ label?: string }[]>('tasks') ?? [],
          (tasks) => tasks.some((t) => t.label === 'trio status'),
          'tasks.json to be read',
        );
        const task = (await vscode.tasks.fetchTasks({ type: 'ossature' })).find(
          (t) => t.name === 'trio status',
        );
        assert.ok(task, 'the tasks.json entry is a task');
        const ended = taskProcessEnd('trio status');
        await vscode.tasks.executeTask(task);
        assert.equal(await ended, 0, '`ossature status` of the trio project exits 0');
      } finally {
        rmSync(tasksJson, { force: true });
      }
    });

    test('Set API Key refuses a key of the wrong shape and says why', async () => {
      await assert.rejects(
        Promise.resolve(
          vscode.commands.executeCommand('ossature.setApiKey', 'sk-ant-with a space in the middle'),
        ),
        /contains spaces/,
      );
    });
  });
}
