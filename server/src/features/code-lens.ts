import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import type { CodeLens, Command } from 'vscode-languageserver';
import type { Workspace } from '../../../shared/src/project/workspace';
import type { PlanTaskInfo, PlanTaskStatus } from '../../../shared/src/protocol';
import { EMPTY_RANGE, type Range } from '../../../shared/src/text/range';
import { planTaskInfos, tasksDirOf } from './plan-tasks';

/**
 * CodeLens (textDocument/codeLens): the workflow's buttons where the work is.
 * - `ossature.toml` (first line) and the top of `.ossature/plan.toml`: Validate · Audit · Build · Status.
 * - Each `[[task]]` of the plan: its status (`✓ done`, `✗ failed`, …, plain text), then Run · Rerun from
 *   here · Skip/Unskip, and — only when the task's folder has them — Open prompt · Open response ·
 *   Verify output · Diff.
 * - Each spec's `# Title` line: Audit this spec · Build this spec.
 * Every lens runs a client command (client/src/commands/table.ts) with plain JSON arguments, the project's
 * `ossature.toml` path first.
 */

export const STATUS_TITLES: Record<PlanTaskStatus, string> = {
  done: '✓ done',
  failed: '✗ failed',
  pending: '○ pending',
  skipped: '⏭ skipped',
  manual: '✋ manual',
};

const lens = (range: Range, title: string, command: string, args: unknown[] = []): CodeLens => {
  const cmd: Command = { title, command };
  if (args.length > 0) cmd.arguments = args;
  return { range, command: cmd };
};

function projectLenses(ws: Workspace): CodeLens[] {
  const args = [ws.configFile];
  return [
    lens(EMPTY_RANGE, 'Validate', 'ossature.validate', args),
    lens(EMPTY_RANGE, 'Audit', 'ossature.audit', args),
    lens(EMPTY_RANGE, 'Build', 'ossature.build', args),
    lens(EMPTY_RANGE, 'Status', 'ossature.status', args),
  ];
}

/** The files of each task folder under `.ossature/tasks/`, by folder name (one directory read per folder). */
function taskFolderFiles(ws: Workspace, tasks: readonly PlanTaskInfo[]): Map<string, Set<string>> {
  const files = new Map<string, Set<string>>();
  let folders: Set<string>;
  try {
    folders = new Set(readdirSync(tasksDirOf(ws)));
  } catch {
    return files;
  }
  for (const task of tasks) {
    const name = basename(task.taskDir);
    if (!folders.has(name) || files.has(name)) continue;
    try {
      files.set(name, new Set(readdirSync(task.taskDir)));
    } catch {
      // A file where a folder should be, or gone since: no task-file lenses.
    }
  }
  return files;
}

function planLenses(ws: Workspace): CodeLens[] {
  const tasks = planTaskInfos(ws);
  const folders = taskFolderFiles(ws, tasks);
  const lenses = projectLenses(ws);
  for (const task of tasks) {
    const args = [ws.configFile, task.id];
    const at = task.range;
    const has = folders.get(basename(task.taskDir)) ?? new Set<string>();
    lenses.push(
      lens(at, STATUS_TITLES[task.status], ''),
      lens(at, 'Run', 'ossature.runTask', args),
      lens(at, 'Rerun from here', 'ossature.rerunFrom', args),
      lens(at, task.status === 'skipped' ? 'Unskip' : 'Skip', 'ossature.toggleSkip', args),
    );
    if (has.has('prompt.md'))
      lenses.push(lens(at, 'Open prompt', 'ossature.openTaskFile', [...args, 'prompt']));
    if (has.has('response.md'))
      lenses.push(lens(at, 'Open response', 'ossature.openTaskFile', [...args, 'response']));
    if (has.has('output.toml')) {
      lenses.push(
        lens(at, 'Verify output', 'ossature.openTaskFile', [...args, 'output']),
        lens(at, 'Diff', 'ossature.reviewTask', args),
      );
    }
  }
  return lenses;
}

function specLenses(ws: Workspace, file: string): CodeLens[] {
  const spec = ws.file(file)?.spec;
  if (spec?.kind !== 'smd' || spec.id === undefined) return [];
  const at = spec.title?.range ?? spec.id.range;
  const args = [ws.configFile, spec.id.value];
  return [
    lens(at, 'Audit this spec', 'ossature.auditSpec', args),
    lens(at, 'Build this spec', 'ossature.buildSpec', args),
  ];
}

export function provideCodeLenses(ws: Workspace, file: string): CodeLens[] {
  if (file === ws.configFile) return projectLenses(ws);
  if (file === ws.planFile) return ws.planText === undefined ? [] : planLenses(ws);
  return specLenses(ws, file);
}
