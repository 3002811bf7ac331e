import { PLAN_META_KEYS, PLAN_TASK_KEYS, TASK_KINDS, TASK_STATUSES } from '../model/plan';
import { type Position, type Range, range } from '../text/range';
import type { CompletionContext } from './completion-context';

/**
 * Completion contexts in plan.toml, read from the text around the cursor so they work while the file
 * is half-typed (and not valid TOML): the enclosing `[[task]]` / `[meta]` table, the key whose value
 * the cursor is in (also inside a multi-line array), and whether the cursor is inside a string.
 */

const HEADER = /^\s*\[(\[)?\s*([A-Za-z_][\w.-]*)\s*\]/;
const KEY = /^\s*([A-Za-z_][\w-]*)\s*=/;
/** How far above the cursor a multi-line value is looked for. */
const MAX_SCAN = 400;

let cachedText: string | undefined;
let cachedLines: string[] = [];

function linesOf(text: string): string[] {
  if (text !== cachedText) {
    cachedText = text;
    cachedLines = text.split(/\r?\n/);
  }
  return cachedLines;
}

interface Table {
  name: string;
  array: boolean;
  /** Header line (-1 for the top level) and the line before the next header. */
  start: number;
  end: number;
}

function tableAt(lines: string[], line: number): Table {
  let start = -1;
  let name = '';
  let array = false;
  for (let i = line; i >= 0; i--) {
    const m = HEADER.exec(lines[i] ?? '');
    if (m && !KEY.test(lines[i] ?? '')) {
      start = i;
      name = m[2]!;
      array = m[1] !== undefined;
      break;
    }
  }
  let end = lines.length - 1;
  for (let i = line + 1; i < lines.length; i++) {
    if (HEADER.test(lines[i] ?? '') && !KEY.test(lines[i] ?? '')) {
      end = i - 1;
      break;
    }
  }
  return { name, array, start, end };
}

/** Where the cursor stands in a value: the key, and the open string (its opening quote column), if any. */
interface ValueState {
  key: string;
  /** Column of the opening quote on the cursor's line, when the cursor is inside a string. */
  stringStart: number | undefined;
}

/** The key whose value contains the cursor, by scanning from the nearest `key =` line to the cursor. */
function valueAt(lines: string[], pos: Position, tableStart: number): ValueState | undefined {
  for (let i = pos.line; i > tableStart && i >= pos.line - MAX_SCAN; i--) {
    const text = lines[i] ?? '';
    const m = KEY.exec(text);
    if (!m) continue;
    let depth = 0;
    let quote: string | undefined;
    let stringStart: number | undefined;
    for (let l = i; l <= pos.line; l++) {
      const lineText = lines[l] ?? '';
      const from = l === i ? m[0].length : 0;
      const to = l === pos.line ? pos.character : lineText.length;
      for (let c = from; c < to; c++) {
        const ch = lineText[c]!;
        if (quote) {
          if (ch === '\\' && quote === '"') c++;
          else if (ch === quote) quote = undefined;
        } else if (ch === '"' || ch === "'") {
          quote = ch;
          stringStart = l === pos.line ? c : undefined;
        } else if (ch === '[') depth++;
        else if (ch === ']') depth--;
        else if (ch === '#') break;
      }
      if (l < pos.line) quote = undefined;
    }
    if (i !== pos.line && depth <= 0) return undefined;
    return { key: m[1]!, stringStart: quote ? stringStart : undefined };
  }
  return undefined;
}

/** The range a quoted item replaces: the open string through its closing quote, or the bare word. */
function valueReplace(line: string, pos: Position, state: ValueState): Range {
  if (state.stringStart !== undefined) {
    const quote = line[state.stringStart]!;
    const close = line.indexOf(quote, pos.character);
    return range(pos.line, state.stringStart, pos.line, close === -1 ? pos.character : close + 1);
  }
  let start = pos.character;
  while (start > 0 && /[A-Za-z0-9_-]/.test(line[start - 1] ?? '')) start--;
  return range(pos.line, start, pos.line, pos.character);
}

function fieldOf(lines: string[], table: Table, key: string): string | undefined {
  for (let i = table.start + 1; i <= table.end; i++) {
    const m = new RegExp(`^\\s*${key}\\s*=\\s*["']([^"']*)["']`).exec(lines[i] ?? '');
    if (m) return m[1];
  }
  return undefined;
}

export function planCompletionContext(text: string, pos: Position): CompletionContext | undefined {
  const lines = linesOf(text);
  const line = lines[pos.line] ?? '';
  const before = line.slice(0, pos.character);
  const table = tableAt(lines, pos.line);
  const inTask = table.name === 'task' && table.array;
  const inMeta = table.name === 'meta' && !table.array;
  if (!inTask && !inMeta) return undefined;
  const state = valueAt(lines, pos, table.start);
  if (!state) {
    if (!/^\s*[A-Za-z_]*$/.test(before)) return undefined;
    const present = new Set<string>();
    for (let i = table.start + 1; i <= table.end; i++) {
      const m = KEY.exec(lines[i] ?? '');
      if (m && i !== pos.line) present.add(m[1]!);
    }
    const all: readonly string[] = inTask ? PLAN_TASK_KEYS : PLAN_META_KEYS;
    let end = pos.character;
    while (end < line.length && /[A-Za-z0-9_-]/.test(line[end] ?? '')) end++;
    const start = line.length - line.trimStart().length;
    return {
      kind: 'planKey',
      keys: all.filter((k) => !present.has(k)),
      replace: range(pos.line, Math.min(start, pos.character), pos.line, end),
    };
  }
  const replace = valueReplace(line, pos, state);
  const quote = true;
  if (inMeta) {
    return state.key === 'specs' ? { kind: 'specId', replace, quote, exclude: [] } : undefined;
  }
  const specId = fieldOf(lines, table, 'spec');
  switch (state.key) {
    case 'spec':
    case 'cross_spec_interfaces':
      return { kind: 'specId', replace, quote, exclude: state.key === 'spec' || !specId ? [] : [specId] };
    case 'status':
      return { kind: 'enum', values: TASK_STATUSES, replace, quote };
    case 'kind':
      return { kind: 'enum', values: TASK_KINDS, replace, quote };
    case 'depends_on': {
      const own = fieldOf(lines, table, 'id');
      return { kind: 'taskId', exclude: own ? [own] : [], replace, quote };
    }
    case 'spec_refs':
      return { kind: 'specRef', specId, replace, quote };
    case 'arch_refs':
      return { kind: 'archRef', specId, replace, quote };
    case 'covers':
      return { kind: 'coversTarget', specId, replace, quote };
    case 'inject_files':
      return { kind: 'taskOutput', specId, taskId: fieldOf(lines, table, 'id'), replace, quote };
    case 'vmd_file':
      return { kind: 'vmdFile', replace, quote };
    default:
      return undefined;
  }
}
