import type { TomlLocator, TomlPath } from '../store/toml-locate';
import type { Range } from '../text/range';
import type { SourceText } from '../text/source-text';
import type { ScannedEntry, ScannedTable, ScannedValue } from './plan-scan';

type Span = [number, number];

interface Slot {
  key?: Span;
  value?: Span;
  table?: Span;
  header?: Span;
  entry?: Span;
}

const outer = (value: ScannedValue): Span =>
  value.kind === 'string' ? [value.outerStart, value.outerEnd] : [value.start, value.end];

/**
 * A {@link TomlLocator} over what the forgiving plan scanner read: the same paths and ranges as
 * `locateToml` for the tables, keys, values and array items the plan spells out, found on demand by
 * walking the scanned tables (no TOML syntax tree, which takes seconds on a multi-megabyte plan, and no
 * table of every path). `error` is never set: the scanner reads around what it cannot parse.
 */
export function scannedLocator(source: SourceText, tables: readonly ScannedTable[]): TomlLocator {
  /** Table path (parts joined with \u0001) → its slot and the table (several for `[[name]]` collections). */
  const byPath = new Map<string, { slot: Slot; tables: ScannedTable[] }>();
  const counts = new Map<string, number>();
  const entriesOf = new Map<ScannedTable, Map<string, ScannedEntry>>();
  const top = tables.find((t) => t.name === '');
  for (const table of tables) {
    if (table.name === '') continue;
    const parts: (string | number)[] = table.name.split('.');
    const whole: Span = [table.start, table.end];
    if (table.array) {
      const id = parts.join('\u0001');
      const named = byPath.get(id) ?? { slot: {}, tables: [] };
      named.slot.key ??= [table.nameStart, table.nameEnd];
      named.slot.table = named.slot.table ? [named.slot.table[0], table.end] : whole;
      named.slot.value = named.slot.table;
      byPath.set(id, named);
      const index = counts.get(table.name) ?? 0;
      counts.set(table.name, index + 1);
      parts.push(index);
    }
    const header: Span = [table.start, table.headerEnd];
    byPath.set(parts.join('\u0001'), {
      slot: {
        key: table.array ? header : [table.nameStart, table.nameEnd],
        header,
        table: whole,
        value: whole,
      },
      tables: [table],
    });
  }

  const entries = (table: ScannedTable): Map<string, ScannedEntry> => {
    let map = entriesOf.get(table);
    if (!map) {
      map = new Map(table.entries.map((e) => [e.key, e]));
      entriesOf.set(table, map);
    }
    return map;
  };

  const resolve = (path: TomlPath): Slot | undefined => {
    for (let k = path.length; k >= 0; k--) {
      const found =
        k === 0
          ? top
            ? { slot: undefined, tables: [top] }
            : undefined
          : byPath.get(path.slice(0, k).join('\u0001'));
      if (!found) continue;
      if (k === path.length) return found.slot;
      if (found.tables.length !== 1) return undefined;
      return inTable(found.tables[0]!, path.slice(k));
    }
    return undefined;
  };

  const inTable = (table: ScannedTable, rest: TomlPath): Slot | undefined => {
    const map = entries(table);
    for (let m = rest.length; m >= 1; m--) {
      const key = rest.slice(0, m);
      if (key.some((p) => typeof p !== 'string')) continue;
      const entry = map.get(key.join('.'));
      if (!entry) continue;
      let value = entry.value;
      let slot: Slot = {
        key: [entry.keyStart, entry.keyEnd],
        value: outer(value),
        entry: [entry.keyStart, outer(value)[1]],
      };
      for (const index of rest.slice(m)) {
        if (typeof index !== 'number' || value.kind !== 'array') return undefined;
        const item = value.items[index];
        if (!item) return undefined;
        value = item;
        const span = outer(item);
        slot = { key: span, value: span, entry: span };
      }
      return slot;
    }
    return undefined;
  };

  const look = (path: TomlPath, part: keyof Slot): Range | undefined => {
    const span = resolve(path)?.[part];
    return span ? source.rangeOfOffsets(span[0], span[1]) : undefined;
  };
  return {
    source,
    keyRange: (path) => look(path, 'key'),
    valueRange: (path) => look(path, 'value') ?? look(path, 'table'),
    tableRange: (path) => look(path, 'table'),
    headerRange: (path) => look(path, 'header'),
    entryRange: (path) => look(path, 'entry') ?? look(path, 'value'),
    has: (path) => resolve(path) !== undefined,
  };
}
