import type { PlannerTask, SpecTaskPlan, VerifyProfile } from './types';

/**
 * The verify-command validator run on every planner answer (reference §4.8). A planner likes to end a
 * scaffold task (one that writes only `Cargo.toml`) with `cargo build`, which cannot pass before any source
 * file exists. For each full task that is not a copy task, a verify command is flagged when it contains one
 * of the profile's build-invocation tokens (plain substring match) and neither the task's outputs nor those
 * of the full tasks it lists in `depends_on` include a source file — an output ending in one of the source
 * extensions whose basename is not a manifest file name.
 *
 * Never flagged: copy tasks (`source` set); tasks depending on a PreservedTaskRef (its outputs are not in
 * the answer); any task when the profile has no tokens or no extensions (the generic fallback).
 */

export interface VerifyCommandError {
  /** 1-based position of the task in the planner's list. */
  task_index: number;
  task_title: string;
  verify_command: string;
  reason: string;
}

/** True when `output` is a source file for the profile. */
export function isSourceFile(output: string, profile: VerifyProfile): boolean {
  if (!profile.sourceExtensions.some((ext) => output.endsWith(ext))) return false;
  const base = output.slice(output.lastIndexOf('/') + 1);
  return !profile.manifestFilenames.includes(base);
}

/** True when the command runs one of the profile's build invocations. */
export function invokesBuild(command: string, profile: VerifyProfile): boolean {
  return profile.buildInvocationTokens.some((token) => command.includes(token));
}

export function checkVerifyCommands(plan: SpecTaskPlan, profile: VerifyProfile): VerifyCommandError[] {
  if (profile.buildInvocationTokens.length === 0 || profile.sourceExtensions.length === 0) return [];
  const full = new Map<number, PlannerTask>();
  plan.tasks.forEach((task, i) => {
    if (task.kind !== 'preserved') full.set(i + 1, task);
  });
  const errors: VerifyCommandError[] = [];
  plan.tasks.forEach((task, i) => {
    if (task.kind === 'preserved' || (task.source?.length ?? 0) > 0) return;
    const dependsOnPreserved = task.depends_on.some((n) => plan.tasks[n - 1]?.kind === 'preserved');
    if (dependsOnPreserved) return;
    const visible = [...task.outputs, ...task.depends_on.flatMap((n) => full.get(n)?.outputs ?? [])];
    if (visible.some((output) => isSourceFile(output, profile))) return;
    for (const command of task.verify) {
      if (!invokesBuild(command, profile)) continue;
      errors.push({
        task_index: i + 1,
        task_title: task.title,
        verify_command: command,
        reason:
          `it runs a ${profile.name} build, but no ${profile.name} source file ` +
          `(${profile.sourceExtensions.join(', ')}) exists at that point: this task and the tasks in its ` +
          `depends_on produce only ${visible.length > 0 ? visible.map((o) => `\`${o}\``).join(', ') : 'nothing'}.`,
      });
    }
  });
  return errors;
}

/** The message sent back to the planner so it corrects the flagged tasks and answers again. */
export function formatVerifyCommandErrors(errors: readonly VerifyCommandError[]): string {
  const blocks = errors.map(
    (e) => `Task ${e.task_index} ("${e.task_title}"), verify command \`${e.verify_command}\`: ${e.reason}`,
  );
  return (
    'Some verify commands in your plan cannot pass: they build the project before there is anything to ' +
    'build at that point of the plan.\n\n' +
    blocks.join('\n\n') +
    '\n\nChange those tasks so that their verify commands only rely on files made by the task itself or by ' +
    'the tasks listed in its depends_on. A task that only lays down scaffolding (a manifest, a config file) ' +
    'should check that its files exist, e.g. `test -f <output>`, or have an empty verify list, rather than ' +
    'run a build.'
  );
}
