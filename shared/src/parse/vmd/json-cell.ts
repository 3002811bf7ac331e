/**
 * JSON as VMD reads it: standard JSON plus the bare numbers `NaN`, `Infinity` and `-Infinity` (what
 * Python's `json.loads` accepts), and the line-level scanning that must skip JSON strings: `#` comments and
 * `|` / `,` separators count only outside double-quoted strings.
 */

export type JsonResult =
  | { ok: true; value: unknown; end: number }
  | { ok: false; message: string; at: number };

const QUOTE = 34; // "
const BACKSLASH = 92; // \

/**
 * Calls `visit(i)` for every character of `text` that is outside a double-quoted string (quotes included in
 * the string). A backslash escapes the next character only inside a string. Stops when `visit` returns true.
 */
function scanOutsideStrings(text: string, visit: (i: number) => boolean): void {
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === BACKSLASH) escaped = true;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (visit(i)) {
      return;
    }
  }
}

/** Where a trailing `# comment` starts (a `#` outside JSON strings), or the length of the line. */
export function commentStart(line: string): number {
  if (line.indexOf('#') === -1) return line.length;
  let at = line.length;
  scanOutsideStrings(line, (i) => {
    if (line.charCodeAt(i) === 35) {
      at = i;
      return true;
    }
    return false;
  });
  return at;
}

/** Offsets `[start, end)` of the parts of `text` between `separator` characters outside JSON strings. */
export function splitOutsideStrings(text: string, separator: string): [number, number][] {
  const sep = separator.charCodeAt(0);
  const parts: [number, number][] = [];
  let start = 0;
  if (text.indexOf(separator) !== -1) {
    scanOutsideStrings(text, (i) => {
      if (text.charCodeAt(i) === sep) {
        parts.push([start, i]);
        start = i + 1;
      }
      return false;
    });
  }
  parts.push([start, text.length]);
  return parts;
}

function isJsonSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && isJsonSpace(text.charCodeAt(i))) i++;
  return i;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/y;
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

class JsonError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

class JsonReader {
  constructor(readonly text: string) {}

  value(i: number): [unknown, number] {
    const text = this.text;
    const c = text.charCodeAt(i);
    if (c === QUOTE) return this.string(i);
    if (c === 123) return this.object(i);
    if (c === 91) return this.array(i);
    const literal = LITERALS[text[i] ?? ''];
    if (literal && text.startsWith(literal[0], i)) return [literal[1], i + literal[0].length];
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m) return [Number(m[0]), i + m[0].length];
    throw new JsonError(i >= text.length ? 'expected a value, found the end' : 'expected a value', i);
  }

  string(i: number): [string, number] {
    const text = this.text;
    let out = '';
    let chunk = i + 1;
    for (let j = i + 1; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === QUOTE) return [out + text.slice(chunk, j), j + 1];
      if (c < 32) throw new JsonError('control character inside a string (write it as an escape)', j);
      if (c !== BACKSLASH) continue;
      out += text.slice(chunk, j);
      const e = text[j + 1] ?? '';
      if (e === 'u') {
        const hex = text.slice(j + 2, j + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonError('invalid \\u escape (needs 4 hex digits)', j);
        out += String.fromCharCode(Number.parseInt(hex, 16));
        j += 5;
      } else {
        const decoded = ESCAPES[e];
        if (decoded === undefined) throw new JsonError(`invalid escape '\\${e}' in a string`, j);
        out += decoded;
        j += 1;
      }
      chunk = j + 1;
    }
    throw new JsonError('unterminated string', i);
  }

  array(i: number): [unknown[], number] {
    const out: unknown[] = [];
    let j = skipSpace(this.text, i + 1);
    if (this.text.charCodeAt(j) === 93) return [out, j + 1];
    for (;;) {
      const [value, end] = this.value(skipSpace(this.text, j));
      out.push(value);
      j = skipSpace(this.text, end);
      const c = this.text.charCodeAt(j);
      if (c === 93) return [out, j + 1];
      if (c !== 44) throw new JsonError("expected ',' or ']' in an array", j);
      j++;
    }
  }

  object(i: number): [Record<string, unknown>, number] {
    const out: Record<string, unknown> = {};
    let j = skipSpace(this.text, i + 1);
    if (this.text.charCodeAt(j) === 125) return [out, j + 1];
    for (;;) {
      j = skipSpace(this.text, j);
      if (this.text.charCodeAt(j) !== QUOTE) throw new JsonError('expected a "quoted" key in an object', j);
      const [key, keyEnd] = this.string(j);
      j = skipSpace(this.text, keyEnd);
      if (this.text.charCodeAt(j) !== 58) throw new JsonError("expected ':' after an object key", j);
      const [value, end] = this.value(skipSpace(this.text, j + 1));
      if (key === '__proto__') {
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      } else {
        out[key] = value;
      }
      j = skipSpace(this.text, end);
      const c = this.text.charCodeAt(j);
      if (c === 125) return [out, j + 1];
      if (c !== 44) throw new JsonError("expected ',' or '}' in an object", j);
      j++;
    }
  }
}

/** The bare words JSON (and Python's reader) accept, keyed by their first character. */
const LITERALS: Record<string, [string, unknown]> = {
  t: ['true', true],
  f: ['false', false],
  n: ['null', null],
  N: ['NaN', Number.NaN],
  I: ['Infinity', Number.POSITIVE_INFINITY],
  '-': ['-Infinity', Number.NEGATIVE_INFINITY],
};

/** Reads one JSON value starting exactly at `at` (no leading whitespace skipped); `end` is just after it. */
export function parseJsonPrefix(text: string, at: number): JsonResult {
  try {
    const [value, end] = new JsonReader(text).value(at);
    return { ok: true, value, end };
  } catch (e) {
    if (e instanceof JsonError) return { ok: false, message: e.message, at: e.at };
    throw e;
  }
}

/** Reads `text` as exactly one JSON value (surrounding whitespace allowed). */
export function parseJson(text: string): JsonResult {
  const start = skipSpace(text, 0);
  const result = parseJsonPrefix(text, start);
  if (!result.ok) return result;
  const end = skipSpace(text, result.end);
  if (end < text.length) return { ok: false, message: 'unexpected text after the value', at: end };
  return result;
}
