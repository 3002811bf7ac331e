/**
 * A TOML emitter that writes exactly what Python's `tomli_w.dumps` writes (the original tool's writer), so
 * files written here are byte-identical to the original's:
 *
 * - a table's plain values come first (`key = value`), then its sub-tables, each after a blank line;
 * - `[name]` headers only for tables that hold plain values (or hold nothing at all); `[[name]]` for each
 *   table of an array of tables, unless every one of them fits on one line as an inline table;
 * - arrays always multi-line, 4-space indent per level, trailing comma; `[]` when empty;
 * - basic strings only, escaping `"` `\` and control characters (`\b \n \f \r`, others `\u00xx`; a tab is
 *   written as is, like tomli_w does); bare keys when they are `[A-Za-z0-9_-]+`, quoted otherwise.
 *
 * Tables may be plain objects or `Map`s (a `Map` keeps keys such as `"10"` in insertion order, which a
 * plain object would not). `undefined` values are skipped.
 */

/** A TOML float whose value is a whole number (`2.0`); plain integral numbers are written as integers. */
export class TomlFloat {
  constructor(readonly value: number) {}
}

export type TomlWritable =
  | string
  | number
  | bigint
  | boolean
  | Date
  | TomlFloat
  | readonly TomlWritable[]
  | TomlTableLike;

export type TomlTableLike =
  | { readonly [key: string]: TomlWritable | undefined }
  | ReadonlyMap<string, TomlWritable>;

export interface TomlWriteOptions {
  /** Comment lines written first (each should start with `#`), followed by one blank line. */
  header?: readonly string[];
}

const INDENT = '    ';
const MAX_LINE_LENGTH = 100;
const BARE_KEY = /^[A-Za-z0-9_-]+$/;
const COMPACT_ESCAPES: Record<string, string> = {
  '\b': '\\b',
  '\n': '\\n',
  '\f': '\\f',
  '\r': '\\r',
  '"': '\\"',
  '\\': '\\\\',
};

/** Renders a document (the top-level table), optionally preceded by header comment lines. */
export function stringifyToml(table: TomlTableLike, options: TomlWriteOptions = {}): string {
  const header = options.header ?? [];
  const head = header.length > 0 ? `${header.join('\n')}\n\n` : '';
  return head + tableChunks(table, '', false).join('');
}

/** True for values written as tables: plain objects and maps (not arrays, dates or floats). */
export function isTomlTable(value: unknown): value is TomlTableLike {
  if (value instanceof Map) return true;
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value) || value instanceof Date || value instanceof TomlFloat) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function entriesOf(table: TomlTableLike): [string, TomlWritable][] {
  const all = table instanceof Map ? [...table.entries()] : Object.entries(table);
  return all.filter((entry): entry is [string, TomlWritable] => entry[1] !== undefined);
}

function isArrayOfTables(value: TomlWritable): value is readonly TomlTableLike[] {
  return Array.isArray(value) && value.length > 0 && value.every(isTomlTable);
}

function tableChunks(table: TomlTableLike, name: string, insideArray: boolean): string[] {
  const out: string[] = [];
  let yielded = false;
  const literals: [string, TomlWritable][] = [];
  const tables: [string, TomlTableLike, boolean][] = [];
  for (const [key, value] of entriesOf(table)) {
    if (isTomlTable(value)) tables.push([key, value, false]);
    else if (isArrayOfTables(value) && !value.every(suitsInline)) {
      for (const item of value) tables.push([key, item, true]);
    } else literals.push([key, value]);
  }
  if (insideArray || (name !== '' && (literals.length > 0 || tables.length === 0))) {
    yielded = true;
    out.push(insideArray ? `[[${name}]]\n` : `[${name}]\n`);
  }
  for (const [key, value] of literals) {
    yielded = true;
    out.push(`${formatTomlKey(key)} = ${formatTomlValue(value)}\n`);
  }
  for (const [key, value, inArray] of tables) {
    if (yielded) out.push('\n');
    else yielded = true;
    const part = formatTomlKey(key);
    out.push(...tableChunks(value, name === '' ? part : `${name}.${part}`, inArray));
  }
  return out;
}

/** tomli_w's heuristic: an array of tables is written inline when every table fits on one short line. */
function suitsInline(table: TomlTableLike): boolean {
  const rendered = `${INDENT}${formatInlineTable(table)},`;
  return [...rendered].length <= MAX_LINE_LENGTH && !rendered.includes('\n');
}

/** Renders one value the way tomli_w does (`nestLevel` is the array nesting depth, for indentation). */
export function formatTomlValue(value: TomlWritable, nestLevel = 0): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isInteger(value) ? formatInteger(value) : pythonFloat(value);
  if (value instanceof TomlFloat) return pythonFloat(value.value);
  if (typeof value === 'string') return formatTomlString(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return formatArray(value, nestLevel);
  if (isTomlTable(value)) return formatInlineTable(value);
  throw new TypeError(`Value of type ${typeof value} cannot be written as TOML`);
}

function formatArray(items: readonly TomlWritable[], nestLevel: number): string {
  if (items.length === 0) return '[]';
  const itemIndent = INDENT.repeat(nestLevel + 1);
  const body = items.map((item) => itemIndent + formatTomlValue(item, nestLevel + 1)).join(',\n');
  return `[\n${body},\n${INDENT.repeat(nestLevel)}]`;
}

function formatInlineTable(table: TomlTableLike): string {
  const entries = entriesOf(table);
  if (entries.length === 0) return '{}';
  // tomli_w renders values inside inline tables at nesting level 0, whatever the surrounding depth.
  return `{ ${entries.map(([k, v]) => `${formatTomlKey(k)} = ${formatTomlValue(v)}`).join(', ')} }`;
}

/** A key part: bare when it is `[A-Za-z0-9_-]+`, else a basic string. */
export function formatTomlKey(key: string): string {
  return BARE_KEY.test(key) ? key : formatTomlString(key);
}

/** A basic (double-quoted) string with tomli_w's escaping. */
export function formatTomlString(text: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const ch = text[i] as string;
    const illegal = (code < 0x20 && code !== 0x09) || code === 0x7f || ch === '"' || ch === '\\';
    if (!illegal) continue;
    out += text.slice(start, i);
    out += COMPACT_ESCAPES[ch] ?? `\\u${code.toString(16).padStart(4, '0')}`;
    start = i + 1;
  }
  return `${out}${text.slice(start)}"`;
}

function formatInteger(value: number): string {
  return Number.isSafeInteger(value) ? String(value) : BigInt(value).toString();
}

/** Python's `repr(float)`: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Number.POSITIVE_INFINITY) return 'inf';
  if (value === Number.NEGATIVE_INFINITY) return '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const [mantissa = '0', exponentText = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    const fraction = digits.slice(exponent + 1) || '0';
    return `${sign}${whole}.${fraction}`;
  }
  const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const expSign = exponent < 0 ? '-' : '+';
  return `${sign}${mant}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}
