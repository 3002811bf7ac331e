import type { PlanTask } from '../model/plan';
import { fenceFor } from '../parse/render-smd';
import { mimeTypeOf } from './mime-types';
import type { AuditFinding } from './types';
import type { VerifyTaskSpec } from './vmd-tasks';

/**
 * The planner's user prompt for one spec (reference §4.7 step 3). Sections, in order, joined by `\n`:
 *
 * 1. `# Project: <name> v<version> (<language>)[ — Framework: <fw>]`
 * 2. `## Specification (SMD)` + the snapshot (rendered SMD and AMDs)
 * 3. re-plan only: `## Spec Changes (diff from previous version)` with the fenced diff, and
 *    `## Previous Task Plan` with how to use PreservedTaskRef and the numbered previous tasks
 * 4. `## Audit Findings` — `- [SEVERITY] location: issue` for every finding of the spec
 * 5. `## Build Setup Command` when `[build] setup` is set
 * 6. `## Author Verification Cases (VMD)` listing the spec's verify tasks
 * 7. `## Context Files` — `` `path` (mime) `` plus how to use `context_files` and copy tasks
 *
 * The headings and the project line are the original's; the guidance text is ours.
 */

export interface PlannerProject {
  name: string;
  version: string;
  language: string;
  framework?: string;
}

export interface PlannerPromptInput {
  project: PlannerProject;
  /** `renderSnapshot(smd, amds)`. */
  snapshot: string;
  /** `snapshotDiff(previous, snapshot)`; a re-plan needs both this and `previousTasks`. */
  diff?: string;
  /** The spec's non-verify tasks from the current plan.toml (user edits included). */
  previousTasks?: readonly PlanTask[];
  findings?: readonly AuditFinding[];
  /** `[build] setup` commands. */
  setup?: readonly string[];
  verifyTasks?: readonly VerifyTaskSpec[];
  /** Paths under the context directory, sorted. */
  contextFiles?: readonly string[];
}

export type PlannerPromptId = 'audit.plan_initial' | 'audit.plan_replan';

/** Re-plan mode needs both a diff and previous tasks (the same condition that adds those sections). */
export function isReplan(input: Pick<PlannerPromptInput, 'diff' | 'previousTasks'>): boolean {
  return Boolean(input.diff) && (input.previousTasks?.length ?? 0) > 0;
}

export function plannerPromptId(input: Pick<PlannerPromptInput, 'diff' | 'previousTasks'>): PlannerPromptId {
  return isReplan(input) ? 'audit.plan_replan' : 'audit.plan_initial';
}

/** Python's `repr` of a string (the original lists values this way). */
export function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

/** Python's `repr` of a list of strings or numbers: `['a', 'b']`, `[1, 2]`. */
export function pythonListRepr(items: readonly (string | number)[]): string {
  return `[${items.map((item) => (typeof item === 'number' ? String(item) : pythonStringRepr(item))).join(', ')}]`;
}

/**
 * The previous tasks as `### Task N` blocks. `depends_on` is given as task numbers of this same list (what a
 * PreservedTaskRef's `depends_on` expects); the original showed global plan ids here, which the planner
 * could not use. Dependencies on other specs' tasks are left out (the merge re-wires those).
 */
export function formatPreviousTasks(tasks: readonly PlanTask[]): string {
  const numberOf = new Map(tasks.map((task, i) => [task.id, i + 1]));
  const lines: string[] = [];
  tasks.forEach((task, i) => {
    lines.push(`### Task ${i + 1}`, `- title: ${task.title}`, `- description: ${task.description}`);
    lines.push(`- outputs: ${pythonListRepr(task.outputs)}`);
    const deps = task.depends_on.flatMap((id) => (numberOf.has(id) ? [numberOf.get(id)!] : []));
    if (deps.length > 0) lines.push(`- depends_on: ${pythonListRepr(deps)}`);
    if (task.spec_refs.length > 0) lines.push(`- spec_refs: ${pythonListRepr(task.spec_refs)}`);
    if (task.arch_refs.length > 0) lines.push(`- arch_refs: ${pythonListRepr(task.arch_refs)}`);
    if (task.verify.length === 0) lines.push('- verify: ');
    else if (task.verify.length === 1) lines.push(`- verify: ${task.verify[0]}`);
    else lines.push(`- verify: ${pythonListRepr(task.verify)}`);
    if (task.context_files.length > 0) lines.push(`- context_files: ${pythonListRepr(task.context_files)}`);
    if (task.source.length > 0) lines.push(`- source: ${pythonListRepr(task.source)}`);
    if (task.covers.length > 0) lines.push(`- covers: ${pythonListRepr(task.covers)}`);
    lines.push('');
  });
  return lines.join('\n');
}

/** One line per verify task: what it checks, from which file, and what it covers. */
export function formatVerifyTaskLine(task: VerifyTaskSpec): string {
  let line = `- ${task.title.replace(/^Verify: /, '')} (${task.vmdFile})`;
  if (task.caseLabels.length > 0) line += `: ${task.caseLabels.join('; ')}`;
  if (task.covers.length > 0) line += ` [covers: ${task.covers.join(', ')}]`;
  return line;
}

const PRESERVE_GUIDANCE =
  'These tasks were planned from the previous version of this spec; the diff above shows what has changed ' +
  'since. For each task the change does not touch, emit a PreservedTaskRef instead of writing it out: ' +
  '`previous_index` is its number below (counting from 1) and `depends_on` lists numbers in your new task ' +
  'list. A preserved task is kept exactly as it is in the current plan, hand edits included. Write a full ' +
  'PlannerTask only for tasks that are new or that the change affects.\n';

const FINDINGS_GUIDANCE =
  '\n## Audit Findings\n' +
  'The spec audit reported the issues below. Plan around them: do not plan work that depends on the ' +
  'unclear or contradictory points they describe.\n';

const CONTEXT_GUIDANCE =
  'There are two ways for a task to use them. A file the implementer should read for reference (sample ' +
  "code, documentation, notes) goes in the task's `context_files`: text files are included in the task " +
  'prompt, binary files are made available through tools so the implementer can place them in the output.\n\n' +
  'A file that must end up in the output unchanged (images, sounds, fonts, fixtures, data) needs a copy task ' +
  'instead: set `source = ["context://<path or glob>"]` and leave `verify` empty; the build copies the ' +
  'matching files without a model call. `source` and `outputs` pair up by position, and each `*` or `**` in ' +
  'a source pattern needs a matching wildcard in its output pattern so every file keeps its name.';

export function buildPlannerUserPrompt(input: PlannerPromptInput): string {
  const { project } = input;
  let header = `# Project: ${project.name} v${project.version} (${project.language})`;
  if (project.framework) header += ` — Framework: ${project.framework}`;
  const sections = [`${header}\n`, '## Specification (SMD)\n', input.snapshot];

  if (isReplan(input)) {
    const diff = input.diff!;
    const fence = fenceFor(diff);
    sections.push('\n## Spec Changes (diff from previous version)\n', `${fence}diff\n${diff}${fence}\n`);
    sections.push('## Previous Task Plan\n', PRESERVE_GUIDANCE, formatPreviousTasks(input.previousTasks!));
  }

  if (input.findings && input.findings.length > 0) {
    sections.push(FINDINGS_GUIDANCE);
    for (const f of input.findings)
      sections.push(`- [${f.severity.toUpperCase()}] ${f.location}: ${f.issue}`);
  }

  if (input.setup && input.setup.length > 0) {
    const commands = input.setup.join('\n');
    const fence = fenceFor(commands);
    sections.push(
      '\n## Build Setup Command\n' +
        'Before the first task runs, the build runs:\n' +
        `${fence}\n${commands}\n${fence}\n` +
        'Plan the first task as if this has already happened, and do not plan tasks that repeat what it sets up.',
    );
  }

  if (input.verifyTasks && input.verifyTasks.length > 0) {
    sections.push(
      '\n## Author Verification Cases (VMD)\n' +
        'The spec author wrote executable cases for the targets below. Ossature adds its own verification ' +
        'tasks for them after your tasks, so do not plan tests that repeat these cases. Plan tests only for ' +
        'behaviour they leave out, and give those test tasks a `covers` list naming the requirements they ' +
        'check so the coverage ledger counts them.\n\n' +
        input.verifyTasks.map(formatVerifyTaskLine).join('\n'),
    );
  }

  if (input.contextFiles && input.contextFiles.length > 0) {
    const list = input.contextFiles.map((file) => `- \`${file}\` (${mimeTypeOf(file)})`).join('\n');
    sections.push(
      '\n## Context Files\n\n' +
        "These files are in the project's context directory, ready-made material (assets, reference code, " +
        'documentation and the like) that tasks may use.\n\n' +
        `${list}\n\n${CONTEXT_GUIDANCE}`,
    );
  }
  return sections.join('\n');
}

/** The spec's tasks a re-plan shows the planner: its non-verify tasks, as they are in the current plan. */
export function previousTasksForSpec(tasks: readonly PlanTask[], specId: string): PlanTask[] {
  return tasks.filter((task) => task.spec === specId && task.kind !== 'verify');
}
