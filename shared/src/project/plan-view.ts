import { splitSpecPrefix } from '../model/plan';
import type { TomlLocator, TomlPath } from '../store/toml-locate';
import type { Position, Range } from '../text/range';
import { SourceText } from '../text/source-text';
import { scannedLocator } from './plan-locator';
import { type ScannedTable, type ScannedValue, scanPlanText } from './plan-scan';

/**
 * `.ossature/plan.toml` as the editor features see it: every string the plan spells out that names
 * something (a spec, a task, a ref, a file), each with the exact range of its text, and lookups by value,
 * task id and spec. Read with the forgiving scanner (plan-scan.ts), so a half-typed plan still navigates.
 * Cached per plan text: a request on an unchanged plan costs a lookup, not a parse. Ranges, raw task
 * tables and the lookup maps are computed on first use, so a multi-megabyte plan is cheap to (re)build.
 */

/** Plan fields whose string values the editor features navigate. */
export type PlanField =
  | 'id'
  | 'spec'
  | 'depends_on'
  | 'spec_refs'
  | 'arch_refs'
  | 'outputs'
  | 'inject_files'
  | 'cross_spec_interfaces'
  | 'context_files'
  | 'covers'
  | 'vmd_file'
  | 'specs';

const TASK_FIELDS: ReadonlySet<string> = new Set<PlanField>([
  'id',
  'spec',
  'vmd_file',
  'depends_on',
  'spec_refs',
  'arch_refs',
  'outputs',
  'inject_files',
  'cross_spec_interfaces',
  'context_files',
  'covers',
]);

/** One string value of the plan. */
export class PlanValue {
  constructor(
    private readonly source: SourceText,
    readonly field: PlanField,
    /** Index of the `[[task]]` it belongs to; undefined for `[meta] specs`. */
    readonly taskIndex: number | undefined,
    /** Index in its list, for list fields. */
    readonly itemIndex: number | undefined,
    readonly value: string,
    /** Offsets of the text between the quotes, and of the whole string. */
    readonly start: number,
    readonly end: number,
    readonly outerStart: number,
    readonly outerEnd: number,
  ) {}

  /** The string's text, without its quotes. */
  get range(): Range {
    return this.source.rangeOfOffsets(this.start, this.end);
  }

  /** The whole TOML string, quotes included. */
  get quotedRange(): Range {
    return this.source.rangeOfOffsets(this.outerStart, this.outerEnd);
  }

  /** Where it is in the TOML data, e.g. `['task', 3, 'depends_on', 0]`. */
  get path(): TomlPath {
    const base = this.taskIndex === undefined ? ['meta', this.field] : ['task', this.taskIndex, this.field];
    return this.itemIndex === undefined ? base : [...base, this.itemIndex];
  }
}

/** One `[[task]]` as written. */
export class PlanTaskView {
  /** Its navigable strings, in document order. */
  readonly values: PlanValue[] = [];
  /** Its `id` string. */
  idValue: PlanValue | undefined;
  private rawCache: Record<string, unknown> | undefined;

  constructor(
    private readonly source: SourceText,
    private readonly table: ScannedTable,
    readonly index: number,
  ) {}

  /** Its keys with plain values: strings, lists of strings, other scalars as written. */
  get raw(): Record<string, unknown> {
    if (!this.rawCache) {
      this.rawCache = {};
      for (const entry of this.table.entries) this.rawCache[entry.key] = plain(entry.value);
    }
    return this.rawCache;
  }

  get id(): string | undefined {
    return this.string('id');
  }

  get spec(): string | undefined {
    return this.string('spec');
  }

  get title(): string | undefined {
    return this.string('title');
  }

  get status(): string | undefined {
    return this.string('status');
  }

  /** The `[[task]]` header, brackets included. */
  get headerRange(): Range {
    return this.source.rangeOfOffsets(this.table.start, this.table.headerEnd);
  }

  /** The `[[task]]` table, header to last value. */
  get tableRange(): Range {
    return this.source.rangeOfOffsets(this.table.start, this.table.end);
  }

  private string(key: string): string | undefined {
    for (const entry of this.table.entries) {
      if (entry.key === key) return entry.value.kind === 'string' ? entry.value.value : undefined;
    }
    return undefined;
  }
}

export class PlanView {
  readonly source: SourceText;
  readonly tasks: PlanTaskView[] = [];
  /** Every navigable string, in document order. */
  readonly values: PlanValue[] = [];
  /** Task id → the tasks declaring it (more than one is a plan error). */
  readonly tasksById = new Map<string, PlanTaskView[]>();
  /** Spec id → its tasks, in order. */
  readonly tasksBySpec = new Map<string, PlanTaskView[]>();
  private readonly tables: ScannedTable[];
  private locatorCache: TomlLocator | undefined;
  private byText: Map<string, PlanValue[]> | undefined;
  private byPrefix: Map<string, PlanValue[]> | undefined;

  constructor(readonly text: string) {
    this.source = new SourceText(text);
    this.tables = scanPlanText(text);
    this.read();
  }

  /**
   * Ranges by TOML path (tables, keys, values, array items), with the same answers as `locateToml` for
   * what the plan spells out.
   */
  get locator(): TomlLocator {
    this.locatorCache ??= scannedLocator(this.source, this.tables);
    return this.locatorCache;
  }

  /** String → every navigable value spelled that way. */
  get valuesByText(): Map<string, PlanValue[]> {
    if (!this.byText) {
      this.byText = new Map();
      for (const v of this.values) push(this.byText, v.value, v);
    }
    return this.byText;
  }

  /** `X` → `spec_refs`/`arch_refs` entries written `X:…` (a legacy spec prefix, if X is a spec). */
  get refsByPrefix(): Map<string, PlanValue[]> {
    if (!this.byPrefix) {
      this.byPrefix = new Map();
      for (const v of this.values) {
        if (v.field !== 'spec_refs' && v.field !== 'arch_refs') continue;
        const { spec } = splitSpecPrefix(v.value);
        if (spec !== undefined) push(this.byPrefix, spec, v);
      }
    }
    return this.byPrefix;
  }

  private read(): void {
    const add = (
      field: PlanField,
      taskIndex: number | undefined,
      itemIndex: number | undefined,
      v: ScannedValue,
    ): PlanValue | undefined => {
      if (v.kind !== 'string') return undefined;
      const value = new PlanValue(
        this.source,
        field,
        taskIndex,
        itemIndex,
        v.value,
        v.start,
        v.end,
        v.outerStart,
        v.outerEnd,
      );
      this.values.push(value);
      return value;
    };
    for (const table of this.tables) {
      if (table.name === 'meta' && !table.array) {
        for (const entry of table.entries) {
          if (entry.key !== 'specs' || entry.value.kind !== 'array') continue;
          entry.value.items.forEach((item, i) => {
            add('specs', undefined, i, item);
          });
        }
        continue;
      }
      if (table.name !== 'task' || !table.array) continue;
      const task = new PlanTaskView(this.source, table, this.tasks.length);
      const before = this.values.length;
      for (const entry of table.entries) {
        if (!TASK_FIELDS.has(entry.key)) continue;
        const field = entry.key as PlanField;
        if (entry.value.kind === 'array') {
          entry.value.items.forEach((item, i) => {
            add(field, task.index, i, item);
          });
        } else {
          const value = add(field, task.index, undefined, entry.value);
          if (field === 'id') task.idValue = value;
        }
      }
      for (let i = before; i < this.values.length; i++) task.values.push(this.values[i]!);
      this.tasks.push(task);
      if (task.id !== undefined) push(this.tasksById, task.id, task);
      if (task.spec !== undefined) push(this.tasksBySpec, task.spec, task);
    }
    // The scanner reads in document order, so values are sorted by offset already.
  }
}

const cache = new WeakMap<object, PlanView>();

/** The view of `text`, cached per owner (the workspace) and text. Undefined when there is no plan. */
export function planViewFor(owner: object, text: string | undefined): PlanView | undefined {
  if (text === undefined) return undefined;
  const cached = cache.get(owner);
  if (cached && cached.text === text) return cached;
  const view = new PlanView(text);
  cache.set(owner, view);
  return view;
}

export function buildPlanView(text: string): PlanView {
  return new PlanView(text);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function plain(value: ScannedValue): unknown {
  if (value.kind === 'string') return value.value;
  if (value.kind === 'array') return value.items.map(plain);
  return value.text;
}

/** The value whose text (or quotes) contains `pos`, by binary search over the values' offsets. */
export function planValueAt(view: PlanView, pos: Position): PlanValue | undefined {
  const line = view.source.lineStarts[pos.line];
  if (line === undefined) return undefined;
  const offset = line + Math.min(pos.character, view.source.line(pos.line).length);
  const values = view.values;
  let lo = 0;
  let hi = values.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const value = values[mid]!;
    if (value.outerEnd < offset) lo = mid + 1;
    else if (value.outerStart > offset) hi = mid - 1;
    else return value;
  }
  return undefined;
}
