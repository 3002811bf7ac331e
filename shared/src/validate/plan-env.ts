import type { CodeInfo } from '../diagnostics/code-info';
import type { Diagnostic, Fix, RelatedLocation } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/make';
import type { TomlLocator, TomlPath } from '../store/toml-locate';
import { formatTomlString } from '../store/toml-write';
import type { Range } from '../text/range';

/** One `[[task]]` as parsed, before (or despite) schema validation. */
export interface RawTask {
  index: number;
  value: Record<string, unknown>;
  /** `task 003`, or `task #4` when the task has no usable id. */
  label: string;
}

/** What the plan checks share: the raw data, the locator, and where diagnostics go. */
export class PlanEnv {
  readonly diagnostics: Diagnostic[] = [];
  readonly tasks: RawTask[];

  constructor(
    readonly raw: Record<string, unknown>,
    readonly locator: TomlLocator,
    readonly file: string,
  ) {
    const list = Array.isArray(raw.task) ? raw.task : [];
    this.tasks = list.flatMap((value, index) =>
      isRecord(value) ? [{ index, value, label: taskLabel(value, index) }] : [],
    );
  }

  /**
   * The best range for a path: the requested part, else the value or key, else the nearest enclosing
   * task header / table, else the first line — a diagnostic always points somewhere visible.
   */
  range(path: TomlPath, part: 'key' | 'value' = 'value'): Range {
    const loc = this.locator;
    const direct = part === 'key' ? loc.keyRange(path) : loc.valueRange(path);
    if (direct) return direct;
    for (let n = path.length; n > 0; n--) {
      const prefix = path.slice(0, n);
      const found = loc.headerRange(prefix) ?? loc.keyRange(prefix) ?? loc.valueRange(prefix);
      if (found) return found;
    }
    return loc.source.trimmedLineRange(0);
  }

  report(
    info: CodeInfo,
    range: Range,
    message: string,
    extras: { related?: RelatedLocation[]; fixes?: Fix[] } = {},
  ): void {
    this.diagnostics.push(diag(info, this.file, range, message, extras));
  }

  related(path: TomlPath, message: string): RelatedLocation {
    return { file: this.file, range: this.range(path), message };
  }

  /** A quick fix replacing the string at `path` (quotes included) with `text`. */
  replaceStringFix(path: TomlPath, text: string, title = `Change to '${text}'`): Fix {
    return {
      title,
      edits: [{ file: this.file, range: this.range(path), newText: formatTomlString(text) }],
      preferred: true,
    };
  }

  /** A quick fix replacing the value at `path` with raw TOML text. */
  replaceValueFix(path: TomlPath, newText: string, title: string): Fix {
    return { title, edits: [{ file: this.file, range: this.range(path), newText }], preferred: true };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function taskLabel(task: Record<string, unknown>, index: number): string {
  return typeof task.id === 'string' && task.id !== '' ? `task ${task.id}` : `task #${index + 1}`;
}

/** The string items of a list field, with their indexes (non-strings are the schema's business). */
export function stringItems(task: Record<string, unknown>, key: string): { item: string; index: number }[] {
  const value = task[key];
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, index) => (typeof item === 'string' ? [{ item, index }] : []));
}

/** Human wording for a plan path: `task 003 depends_on[1]`, `[meta] total_tasks`. */
export function describePlanPath(path: readonly PropertyKey[], tasks: readonly RawTask[]): string {
  const [head, second, ...rest] = path;
  const tail = (parts: readonly PropertyKey[]) =>
    parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
  if (head === 'task' && typeof second === 'number') {
    const label = tasks.find((t) => t.index === second)?.label ?? `task #${second + 1}`;
    return rest.length > 0 ? `${label} \`${tail(rest)}\`` : label;
  }
  if (head === 'meta') return second === undefined ? '[meta]' : `[meta] ${tail([second, ...rest])}`;
  return tail(path) || 'plan.toml';
}

/** A short rendering of a value for messages. */
export function preview(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'a table';
  return String(value);
}
