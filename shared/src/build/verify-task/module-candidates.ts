import { existsSync } from 'node:fs';
import type { AmdSpec } from '../../model/amd';
import type { PlanTask } from '../../model/plan';
import { pathWithin } from '../prompt/text-files';

/**
 * Where a VMD verify task looks for the code it checks (reference §5.9 steps 2 and 5): the Python modules
 * a generated harness imports the target from, and the implementation files the fixer may change.
 */

/** Whether a plan task implements its spec: not a verify task and not a copy task. */
export function isImplementationTask(task: PlanTask): boolean {
  return task.kind !== 'verify' && task.source.length === 0;
}

/**
 * The import path of a Python file: `src/` or `lib/` dropped, `__init__` collapsed to its package;
 * '' for anything else (not `.py`, under `tests/`, or nothing left).
 */
export function moduleFromPath(path: string): string {
  let parts = path.split('/').filter((part) => part !== '' && part !== '.');
  const last = parts[parts.length - 1];
  if (!last?.endsWith('.py')) return '';
  if (parts[0] === 'src' || parts[0] === 'lib') parts = parts.slice(1);
  if (parts.length === 0 || parts[0] === 'tests') return '';
  parts[parts.length - 1] = parts[parts.length - 1]!.slice(0, -'.py'.length);
  if (parts[parts.length - 1] === '__init__') parts = parts.slice(0, -1);
  return parts.join('.');
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The modules a harness tries, in order, for the targets: the `@path` of every AMD component whose
 * interface mentions a target as a word, then every `.py` output of the spec's implementation tasks in
 * plan order. Each module once.
 */
export function moduleCandidates(
  task: PlanTask,
  tasks: readonly PlanTask[],
  targets: readonly string[],
  amds: readonly AmdSpec[],
): string[] {
  const paths: string[] = [];
  for (const name of targets) {
    const word = new RegExp(`\\b${escapeRegExp(name)}\\b`);
    for (const amd of amds) {
      for (const component of amd.components) {
        const path = component.path?.value ?? '';
        if (component.interface && word.test(component.interface) && !paths.includes(path)) paths.push(path);
      }
    }
  }
  for (const t of tasks) {
    if (t.spec === task.spec && isImplementationTask(t))
      paths.push(...t.outputs.filter((o) => o.endsWith('.py')));
  }
  const modules: string[] = [];
  for (const path of paths) {
    const module = moduleFromPath(path);
    if (module && !modules.includes(module)) modules.push(module);
  }
  return modules;
}

/**
 * The files the fixer may read and change when the author's cases fail: outputs of the spec's done (or
 * manual) implementation tasks that exist in the output dir, in plan order, never the task's own fixture or
 * harness.
 */
export function implementationFiles(task: PlanTask, tasks: readonly PlanTask[], outputDir: string): string[] {
  const files: string[] = [];
  for (const t of tasks) {
    if (t.spec !== task.spec || !isImplementationTask(t)) continue;
    if (t.status !== 'done' && t.status !== 'manual') continue;
    for (const output of t.outputs) {
      if (files.includes(output) || task.outputs.includes(output)) continue;
      const file = pathWithin(outputDir, output);
      if (file !== undefined && existsSync(file)) files.push(output);
    }
  }
  return files;
}
