import { TomlError } from 'smol-toml';
import { type AST, ParseError, parseTOML } from 'toml-eslint-parser';
import { type Range, range } from '../text/range';
import { SourceText } from '../text/source-text';

/**
 * A path to a value in a TOML document, as the parsed data sees it: table keys are strings, array (and
 * array-of-tables) indexes are numbers, e.g. `['task', 3, 'depends_on', 1]` or `['llm', 'model']`.
 */
export type TomlPath = readonly (string | number)[];

/**
 * Source ranges for the values of a TOML document (smol-toml parses values but gives no positions).
 * Every method returns undefined for a path the document does not spell out, or when it does not parse.
 */
export interface TomlLocator {
  readonly source: SourceText;
  /** The syntax error, when the text is not valid TOML (then every lookup returns undefined). */
  readonly error?: TomlSyntaxProblem;
  /**
   * The text naming the path: the last key part of `key = value` / `a.b = value` / `[a.b]`; the whole
   * `[[name]]` header for one table of an array of tables; the item itself for an array item.
   */
  keyRange(path: TomlPath): Range | undefined;
  /**
   * The value: the right-hand side of `key = value`, an array item, an inline table; for a `[table]`
   * (or `[[table]]` entry) everything from its header to its last line, sub-tables included.
   */
  valueRange(path: TomlPath): Range | undefined;
  /** A table's span: `[header]` to its last key/value and sub-tables, or an inline table `{ … }`. */
  tableRange(path: TomlPath): Range | undefined;
  /** The `[name]` / `[[name]]` header line of a table. */
  headerRange(path: TomlPath): Range | undefined;
  /** The whole `key = value` (for deleting or replacing an entry); an array item's own range. */
  entryRange(path: TomlPath): Range | undefined;
  /** True when the document spells out the path (as a key, header, or array item). */
  has(path: TomlPath): boolean;
}

/** A TOML syntax error with the position it happened at, in editor coordinates. */
export interface TomlSyntaxProblem {
  /** One line, without the parser's code excerpt. */
  message: string;
  range: Range;
}

type Span = [number, number];

interface Slot {
  key?: Span;
  value?: Span;
  table?: Span;
  header?: Span;
  entry?: Span;
}

const id = (path: TomlPath): string => JSON.stringify(path);

const union = (a: Span | undefined, b: Span): Span => (a ? [Math.min(a[0], b[0]), Math.max(a[1], b[1])] : b);

/** Builds a locator for TOML text. Never throws: invalid text gives a locator with `error` set. */
export function locateToml(text: string): TomlLocator {
  const source = new SourceText(text);
  const slots = new Map<string, Slot>();
  let error: TomlSyntaxProblem | undefined;
  try {
    const ast = parseTOML(text);
    collect(ast, text, slots);
  } catch (caught) {
    error = tomlSyntaxProblem(caught, text, source);
    if (!error) throw caught;
    slots.clear();
  }
  const look = (path: TomlPath, part: keyof Slot): Range | undefined => {
    const span = slots.get(id(path))?.[part];
    return span ? source.rangeOfOffsets(span[0], span[1]) : undefined;
  };
  return {
    source,
    ...(error ? { error } : {}),
    keyRange: (path) => look(path, 'key'),
    valueRange: (path) => look(path, 'value') ?? look(path, 'table'),
    tableRange: (path) => look(path, 'table'),
    headerRange: (path) => look(path, 'header'),
    entryRange: (path) => look(path, 'entry') ?? look(path, 'value'),
    has: (path) => slots.has(id(path)),
  };
}

function collect(ast: AST.TOMLProgram, text: string, slots: Map<string, Slot>): void {
  const slot = (path: TomlPath): Slot => {
    const key = id(path);
    let found = slots.get(key);
    if (!found) {
      found = {};
      slots.set(key, found);
    }
    return found;
  };

  const keyValue = (base: TomlPath, kv: AST.TOMLKeyValue) => {
    const path: (string | number)[] = [...base];
    kv.key.keys.forEach((part, i) => {
      path.push(keyName(part));
      const s = slot(path);
      s.key ??= part.range;
      if (i === kv.key.keys.length - 1) {
        s.key = part.range;
        s.value = kv.value.range;
        s.entry = kv.range;
      }
    });
    value(path, kv.value);
  };

  const value = (path: TomlPath, node: AST.TOMLContentNode) => {
    if (node.type === 'TOMLArray') {
      node.elements.forEach((element, i) => {
        const s = slot([...path, i]);
        s.key = element.range;
        s.value = element.range;
        s.entry = element.range;
        value([...path, i], element);
      });
    } else if (node.type === 'TOMLInlineTable') {
      slot(path).table = node.range;
      for (const kv of node.body) keyValue(path, kv);
    }
  };

  for (const item of ast.body[0].body) {
    if (item.type === 'TOMLKeyValue') {
      keyValue([], item);
      continue;
    }
    const header = headerSpan(item, text);
    const full = item.resolvedKey;
    const parts = item.key.keys;
    let partIndex = 0;
    for (let i = 0; i < full.length; i++) {
      const prefix = full.slice(0, i + 1);
      const s = slot(prefix);
      const own = i === full.length - 1;
      if (typeof full[i] === 'string') {
        const part = parts[partIndex++];
        if (part) s.key ??= part.range;
        if (own && part && item.kind === 'standard') s.key = part.range;
      } else if (own) {
        s.key = header;
      }
      s.value = union(s.value, item.range);
      s.table = union(s.table, item.range);
      if (own) s.header = header;
    }
    for (const kv of item.body) keyValue(full, kv);
  }
}

function keyName(part: AST.TOMLBare | AST.TOMLQuoted): string {
  return part.type === 'TOMLBare' ? part.name : part.value;
}

/** `[a.b]` or `[[a.b]]`: from the opening bracket to the closing one(s). */
function headerSpan(table: AST.TOMLTable, text: string): Span {
  const close = text.indexOf(']', table.key.range[1]);
  if (close === -1) return [table.range[0], table.key.range[1]];
  return [table.range[0], close + (table.kind === 'array' ? 2 : 1)];
}

/**
 * The position and one-line message of a TOML syntax error thrown by smol-toml (`TomlError`, 1-based
 * line/column) or toml-eslint-parser (`ParseError`, offset). Undefined for any other error.
 */
export function tomlSyntaxProblem(
  error: unknown,
  text: string,
  source: SourceText = new SourceText(text),
): TomlSyntaxProblem | undefined {
  if (error instanceof TomlError) {
    const line = Math.max(0, Math.min(error.line - 1, source.lineCount - 1));
    const column = Math.max(0, error.column - 1);
    const message = (error.message.split('\n')[0] ?? '').replace(/^Invalid TOML document: /, '');
    return { message, range: charAt(source, line, column) };
  }
  if (error instanceof ParseError) {
    const at = source.positionAt(error.index);
    return { message: error.message, range: charAt(source, at.line, at.character) };
  }
  return undefined;
}

/** The range of a TOML syntax error (see {@link tomlSyntaxProblem}). */
export function tomlErrorRange(error: unknown, text: string): Range | undefined {
  return tomlSyntaxProblem(error, text)?.range;
}

/** One character at a position, or an empty range at the end of the line. */
function charAt(source: SourceText, line: number, column: number): Range {
  const length = source.line(line).length;
  const start = Math.min(column, length);
  return range(line, start, line, Math.min(start + 1, length));
}
