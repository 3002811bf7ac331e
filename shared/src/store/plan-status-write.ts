import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { parse as parseToml } from 'smol-toml';
import type { TaskStatus } from '../model/plan';
import { writeFileAtomicSync } from './atomic-write';
import { locateToml, type TomlLocator, tomlSyntaxProblem } from './toml-locate';
import { StoreError } from './toml-read';

/**
 * Task status changes written into `.ossature/plan.toml` in place. The build records a status after every
 * task while the user may have the plan open in an editor, so the file is read again each time and only the
 * `status = "…"` values of the named `[[task]]` tables change; every other byte (comments, spacing, key
 * order, other tasks) stays. A task without a `status` key gets `status = "…"` on the line after its `id`.
 * The value keeps the file's quote style (single quotes stay single), as does an inserted one (following
 * the task's `id`); the original writes `status = "done"`. The edits are computed by a pure function
 * ({@link planStatusEdits}, {@link taskStatusEdits}) that the editor uses too: its status request applies
 * them to the open document instead of the file.
 *
 * Speed (a status is written after every task): the file is parsed once with smol-toml, which also
 * finds syntax errors; the `[[task]]` header lines are found by a scan that skips strings and comments,
 * and positions come from the TOML locator run on the text of each changed task only (its header to the
 * next one), since locating a whole 500-task plan takes tens of ms. When the headers found do not match the
 * tasks parsed (quoted `[["task"]]` headers, an inline array of tables), the whole file is located instead
 * and the edited text must parse to the old data with only the statuses changed, or it is not written.
 */

export interface StatusWriteResult {
  /** Ids given that no task in the file has. */
  unknown: string[];
}

/** Replace `text.slice(start, end)` by `text` (offsets in the plan's text). */
export interface StatusEdit {
  start: number;
  end: number;
  text: string;
}

export interface StatusEdits {
  /** In document order, not overlapping; empty when every task already has its status. */
  edits: StatusEdit[];
  /** Ids given that no task in the text has. */
  unknown: string[];
}

type Tasks = Record<string, unknown>[];

/**
 * The edits that set task statuses in plan.toml's text (pure: nothing is read or written). `file` names the
 * plan in error messages. Throws StoreError when the text is not valid TOML, or when the statuses cannot be
 * changed without touching other content.
 */
export function planStatusEdits(
  text: string,
  statuses: ReadonlyMap<string, TaskStatus>,
  file: string,
): StatusEdits {
  const data = parse(text, file);
  const tasks = tasksOf(data);
  const ids = new Set(tasks.map((task) => task.id));
  const unknown = [...statuses.keys()].filter((id) => !ids.has(id));
  const changing = tasks.flatMap((task, index) => {
    const status = typeof task.id === 'string' ? statuses.get(task.id) : undefined;
    return status !== undefined && task.status !== status ? [{ index, status }] : [];
  });
  if (changing.length === 0) return { edits: [], unknown };

  // `data` becomes what the file must hold afterwards: the same values with the new statuses.
  for (const { index, status } of changing) (tasks[index] as Record<string, unknown>).status = status;
  const checked = (edits: StatusEdit[] | undefined): StatusEdit[] | undefined => {
    if (!edits) return undefined;
    return isDeepStrictEqual(parseQuietly(applyStatusEdits(text, edits)), data) ? edits : undefined;
  };
  const edits = taskChunkEdits(text, tasks.length, changing) ?? checked(wholeFileEdits(text, changing));
  if (edits === undefined) {
    throw new StoreError(
      file,
      `${file}: could not change the task statuses without touching other content; the file was left unchanged. Please report this with the file attached.`,
    );
  }
  return { edits: edits.sort((a, b) => a.start - b.start), unknown };
}

/**
 * The edits that set one task's status in plan.toml's text (empty when it has that status already).
 * Throws StoreError when no task has that id, or as {@link planStatusEdits} does.
 */
export function taskStatusEdits(
  text: string,
  taskId: string,
  status: TaskStatus,
  file = 'plan.toml',
): StatusEdit[] {
  const { edits, unknown } = planStatusEdits(text, new Map([[taskId, status]]), file);
  if (unknown.length > 0) {
    throw new StoreError(
      file,
      `${file} has no task '${taskId}'. Check the task id (the plan may have changed since), or run \`ossature audit\` to plan again.`,
    );
  }
  return edits;
}

/** The text with the edits applied. */
export function applyStatusEdits(text: string, edits: readonly StatusEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  return out;
}

export function writeTaskStatuses(
  planFile: string,
  statuses: ReadonlyMap<string, TaskStatus>,
): StatusWriteResult {
  const text = readPlan(planFile);
  const { edits, unknown } = planStatusEdits(text, statuses, planFile);
  if (edits.length > 0) writeFileAtomicSync(planFile, applyStatusEdits(text, edits));
  return { unknown };
}

function readPlan(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new StoreError(
      file,
      `${file} no longer exists, so the build could not record task statuses there. Restore it (or run \`ossature audit\` to plan again), then run the build again.`,
    );
  }
}

function parse(text: string, file: string): Record<string, unknown> {
  try {
    return parseToml(text);
  } catch (error) {
    const problem = tomlSyntaxProblem(error, text);
    if (!problem) throw error;
    const { line, character } = problem.range.start;
    throw new StoreError(
      file,
      `${file}:${line + 1}:${character + 1}: not valid TOML (${problem.message}), so no task status could be recorded there. The file was left unchanged: fix the syntax error and save it, then try again (e.g. run the build again).`,
    );
  }
}

function parseQuietly(text: string): unknown {
  try {
    return parseToml(text);
  } catch {
    return undefined;
  }
}

function tasksOf(data: Record<string, unknown>): Tasks {
  const tasks = data.task;
  if (!Array.isArray(tasks)) return [];
  return tasks.map((task) =>
    typeof task === 'object' && task !== null ? (task as Record<string, unknown>) : {},
  );
}

/** A `[[task]]` header line starting at the sticky position. */
const TASK_HEADER = /[ \t]*\[\[[ \t]*task[ \t]*\]\][ \t]*(?:#[^\n]*)?(?:\r?\n|$)/y;

/**
 * Where the `[[task]]` header lines start: lines that begin outside any string or comment (a multi-line
 * string can hold a line that looks like a header). The text is known to be valid TOML.
 */
function taskHeaderStarts(text: string): number[] {
  const starts: number[] = [];
  const n = text.length;
  let lineStart = true;
  let i = 0;
  while (i < n) {
    if (lineStart) {
      lineStart = false;
      TASK_HEADER.lastIndex = i;
      if (TASK_HEADER.test(text)) starts.push(i);
    }
    const c = text[i];
    if (c === '\n') {
      lineStart = true;
      i++;
    } else if (c === '#') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? n : end;
    } else if (c === '"' || c === "'") {
      i = stringEnd(text, i, c);
    } else {
      i++;
    }
  }
  return starts;
}

/** The offset after the string starting at `i` with `quote` (basic or literal, one- or multi-line). */
function stringEnd(text: string, i: number, quote: '"' | "'"): number {
  const escapes = quote === '"';
  const multi = text.startsWith(quote.repeat(3), i);
  let j = i + (multi ? 3 : 1);
  while (j < text.length) {
    const c = text[j];
    if (escapes && c === '\\') {
      j += 2;
    } else if (c === quote) {
      if (!multi) return j + 1;
      let run = 0;
      while (text[j + run] === quote) run++;
      // A run of 3 to 5 quotes closes the string; the closing delimiter is its last three.
      if (run >= 3) return j + run;
      j += run;
    } else if (c === '\n' && !multi) {
      return j;
    } else {
      j++;
    }
  }
  return j;
}

/** Edits found by locating each changed task within its own `[[task]]` … next `[[task]]` stretch. */
function taskChunkEdits(
  text: string,
  count: number,
  changing: readonly { index: number; status: TaskStatus }[],
): StatusEdit[] | undefined {
  const starts = taskHeaderStarts(text);
  if (starts.length !== count) return undefined;
  const edits: StatusEdit[] = [];
  for (const { index, status } of changing) {
    const start = starts[index] as number;
    const end = starts[index + 1] ?? text.length;
    const edit = taskEdit(locateToml(text.slice(start, end)), 0, status);
    if (!edit) return undefined;
    edits.push({ start: edit.start + start, end: edit.end + start, text: edit.text });
  }
  return edits;
}

function wholeFileEdits(
  text: string,
  changing: readonly { index: number; status: TaskStatus }[],
): StatusEdit[] | undefined {
  const locator = locateToml(text);
  const edits: StatusEdit[] = [];
  for (const { index, status } of changing) {
    const edit = taskEdit(locator, index, status);
    if (!edit) return undefined;
    edits.push(edit);
  }
  return edits;
}

/** The edit that sets task `index`'s status in the located text: the value replaced, or a key inserted. */
function taskEdit(locator: TomlLocator, index: number, status: TaskStatus): StatusEdit | undefined {
  if (locator.error) return undefined;
  const { source } = locator;
  const value = locator.valueRange(['task', index, 'status']);
  if (value) {
    const start = source.offsetAt(value.start);
    const quote = source.text[start] === "'" ? "'" : '"';
    return { start, end: source.offsetAt(value.end), text: `${quote}${status}${quote}` };
  }
  const id = locator.entryRange(['task', index, 'id']);
  const idValue = locator.valueRange(['task', index, 'id']);
  if (!id || !idValue) return undefined;
  const quote = source.text[source.offsetAt(idValue.start)] === "'" ? "'" : '"';
  const entry = `status = ${quote}${status}${quote}`;
  if (!locator.headerRange(['task', index])) {
    // An inline table (`task = [{ id = "001", … }]`): add the key after the id, on the same line.
    const at = source.offsetAt(id.end);
    return { start: at, end: at, text: `, ${entry}` };
  }
  const line = source.line(id.end.line);
  const indent = /^[ \t]*/.exec(source.line(id.start.line))?.[0] ?? '';
  const at = source.offsetAt({ line: id.end.line, character: line.length });
  const eol = source.text.startsWith('\r\n', at) ? '\r\n' : '\n';
  return { start: at, end: at, text: `${eol}${indent}${entry}` };
}
