/**
 * A fast, forgiving reader of plan.toml for the editor: one pass over the text that finds the tables
 * (`[meta]`, each `[[task]]`) and their `key = value` entries, with the offsets of every string. It
 * follows TOML's lexical rules (basic and literal strings, multi-line strings, escapes, arrays across
 * lines, inline tables, comments) but never fails: after something it cannot read it skips to the end of
 * the line and goes on, so a half-typed plan still navigates. The validator's checks use a real TOML
 * parser; this is only for finding what is where, and it reads a 3 MB plan in tens of milliseconds.
 */

export type ScannedValue =
  | {
      kind: 'string';
      value: string;
      /** Offsets of the text between the quotes. */
      start: number;
      end: number;
      /** Offsets of the whole string, quotes included. */
      outerStart: number;
      outerEnd: number;
    }
  | { kind: 'array'; items: ScannedValue[]; start: number; end: number }
  | { kind: 'other'; text: string; start: number; end: number };

export interface ScannedEntry {
  /** The key as written, dotted parts joined with `.`. */
  key: string;
  keyStart: number;
  keyEnd: number;
  value: ScannedValue;
}

export interface ScannedTable {
  /** `meta`, `task`, … (dotted parts joined with `.`); empty for the top level. */
  name: string;
  /** `[[name]]`. */
  array: boolean;
  /** Offset of the header's `[` (0 for the top level) and of the end of the table's last entry. */
  start: number;
  end: number;
  /** Offset just after the header's closing bracket(s). */
  headerEnd: number;
  /** Offsets of the name inside the header. */
  nameStart: number;
  nameEnd: number;
  entries: ScannedEntry[];
}

const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };

export function scanPlanText(text: string): ScannedTable[] {
  const n = text.length;
  let i = 0;
  const tables: ScannedTable[] = [
    { name: '', array: false, start: 0, end: 0, headerEnd: 0, nameStart: 0, nameEnd: 0, entries: [] },
  ];
  let table = tables[0]!;

  const isSpace = (c: string | undefined) => c === ' ' || c === '\t';
  const skipSpaces = () => {
    while (i < n && isSpace(text[i])) i++;
  };
  const skipLine = () => {
    const nl = text.indexOf('\n', i);
    i = nl === -1 ? n : nl + 1;
  };
  /** Spaces, newlines and comments (inside arrays). */
  const skipBlank = () => {
    while (i < n) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') i++;
      else if (c === '#') skipLine();
      else break;
    }
  };

  const readString = (): ScannedValue | undefined => {
    const quote = text[i]!;
    const quoteCode = quote.charCodeAt(0);
    const outerStart = i;
    const triple = text.startsWith(quote.repeat(3), i);
    if (triple) {
      i += 3;
      if (text[i] === '\n') i++;
      else if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
      const start = i;
      const close = findTripleClose(text, i, quote);
      if (close === -1) {
        i = n;
        return undefined;
      }
      i = close + 3;
      // Up to two quotes may sit right before the closing delimiter and belong to the content.
      while (text[i] === quote && i - close < 5) i++;
      const end = i - 3;
      const raw = text.slice(start, end);
      const value = quote === '"' ? unescapeBasic(raw.replace(/\\\r?\n\s*/g, '')) : raw;
      return { kind: 'string', value, start, end, outerStart, outerEnd: i };
    }
    i++;
    const start = i;
    let value = '';
    let segment = i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 10) return undefined;
      if (c === quoteCode) {
        value += text.slice(segment, i);
        const end = i;
        i++;
        return { kind: 'string', value, start, end, outerStart, outerEnd: i };
      }
      if (c === 92 && quote === '"') {
        value += text.slice(segment, i);
        const next = text[i + 1] ?? '';
        if (next === 'u' || next === 'U') {
          const digits = next === 'u' ? 4 : 8;
          const code = Number.parseInt(text.slice(i + 2, i + 2 + digits), 16);
          value += Number.isNaN(code) ? '' : safeCodePoint(code);
          i += 2 + digits;
        } else {
          value += ESCAPES[next] ?? next;
          i += 2;
        }
        segment = i;
        continue;
      }
      i++;
    }
    return undefined;
  };

  const readValue = (): ScannedValue | undefined => {
    const c = text[i];
    if (c === '"' || c === "'") return readString();
    if (c === '[') {
      const start = i;
      i++;
      const items: ScannedValue[] = [];
      while (i < n) {
        skipBlank();
        if (text[i] === ']') {
          i++;
          return { kind: 'array', items, start, end: i };
        }
        const item = readValue();
        if (!item) return undefined;
        items.push(item);
        skipBlank();
        if (text[i] === ',') i++;
        else if (text[i] !== ']') return undefined;
      }
      return undefined;
    }
    if (c === '{') {
      const start = i;
      i++;
      while (i < n && text[i] !== '}') {
        skipSpaces();
        if (text[i] === '}') break;
        if (!readKey() || text[i] !== '=') return undefined;
        i++;
        skipSpaces();
        if (!readValue()) return undefined;
        skipSpaces();
        if (text[i] === ',') i++;
      }
      if (text[i] !== '}') return undefined;
      i++;
      return { kind: 'other', text: text.slice(start, i), start, end: i };
    }
    const start = i;
    while (i < n && !endsScalar(text.charCodeAt(i))) i++;
    if (i === start) return undefined;
    return { kind: 'other', text: text.slice(start, i), start, end: i };
  };

  /** A (dotted) key; leaves `i` after trailing spaces. */
  const readKey = (): { key: string; start: number; end: number } | undefined => {
    const start = i;
    let end = i;
    const parts: string[] = [];
    while (i < n) {
      skipSpaces();
      const c = text[i];
      if (c === '"' || c === "'") {
        const s = readString();
        if (s?.kind !== 'string') return undefined;
        parts.push(s.value);
      } else {
        const from = i;
        while (i < n && isKeyChar(text.charCodeAt(i))) i++;
        if (i === from) return undefined;
        parts.push(text.slice(from, i));
      }
      end = i;
      skipSpaces();
      if (text[i] !== '.') break;
      i++;
    }
    return { key: parts.join('.'), start, end };
  };

  while (i < n) {
    skipBlank();
    if (i >= n) break;
    const lineStart = i;
    if (text[i] === '[') {
      const array = text[i + 1] === '[';
      i += array ? 2 : 1;
      const key = readKey();
      const closed = array ? text.startsWith(']]', i) : text[i] === ']';
      if (key && closed) {
        i += array ? 2 : 1;
        table = {
          name: key.key,
          array,
          start: lineStart,
          end: i,
          headerEnd: i,
          nameStart: key.start,
          nameEnd: key.end,
          entries: [],
        };
        tables.push(table);
      }
      skipLine();
      continue;
    }
    const key = readKey();
    if (!key || text[i] !== '=') {
      skipLine();
      continue;
    }
    i++;
    skipSpaces();
    const value = readValue();
    if (value) {
      table.entries.push({ key: key.key, keyStart: key.start, keyEnd: key.end, value });
      table.end = Math.max(table.end, value.end);
    }
    skipSpaces();
    if (value && text[i] === '#') skipLine();
    else if (!value || (text[i] !== '\n' && text[i] !== '\r')) skipLine();
  }
  return tables;
}

/** `[A-Za-z0-9_-]`: a bare key character. */
function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

/** Whitespace, `,`, `]`, `}` or `#`: the end of a bare value such as a number or a date. */
function endsScalar(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 44 || c === 93 || c === 125 || c === 35;
}

function findTripleClose(text: string, from: number, quote: string): number {
  const delimiter = quote.repeat(3);
  let at = from;
  while (true) {
    const found = text.indexOf(delimiter, at);
    if (found === -1) return -1;
    if (quote === "'" || !escaped(text, found)) return found;
    at = found + 1;
  }
}

/** True when the character at `at` is preceded by an odd number of backslashes. */
function escaped(text: string, at: number): boolean {
  let count = 0;
  for (let k = at - 1; k >= 0 && text[k] === '\\'; k--) count++;
  return count % 2 === 1;
}

function unescapeBasic(raw: string): string {
  return raw.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (_m, e: string) =>
    e.length > 1 ? safeCodePoint(Number.parseInt(e.slice(1), 16)) : (ESCAPES[e] ?? e),
  );
}

function safeCodePoint(code: number): string {
  try {
    return String.fromCodePoint(code);
  } catch {
    return '';
  }
}
