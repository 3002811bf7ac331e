import { compareCodePoints } from '../hashing';

/**
 * JSON exactly as the original's fixture writer produces it: Python's `json.dumps(value, sort_keys=True,
 * separators=(",", ":"), ensure_ascii=True)` over what Python's `json.loads` made of the author's text.
 *
 * JavaScript loses what Python keeps, so the author's JSON is read again here ({@link readPyJson}): `1.0`
 * stays a float (`1.0`, not `1`), `10` stays an int, big ints keep every digit. Floats are written as
 * Python's `repr` writes them (`1e-05`, `1e+16`, `NaN`, `Infinity`); strings escape everything outside
 * printable ASCII as lower-case `\uXXXX`; object keys are sorted by code point.
 */

/** A Python `int`, kept as its decimal digits (any size). */
export class PyInt {
  readonly digits: string;
  constructor(digits: string | number | bigint) {
    this.digits = typeof digits === 'string' ? digits : BigInt(digits).toString();
  }
}

/** A value as Python's json module sees it: numbers are a {@link PyInt} or a float (a JS number). */
export type PyValue = null | boolean | string | number | PyInt | PyValue[] | Map<string, PyValue>;

/** A Python dict from plain entries (insertion order does not matter: keys are sorted on output). */
export function pyDict(entries: Record<string, PyValue>): Map<string, PyValue> {
  return new Map(Object.entries(entries));
}

/**
 * What Python would hold after `json.loads` of a value the parser already decoded, when its text is not
 * at hand: integral numbers become ints, others floats.
 */
export function fromJsValue(value: unknown): PyValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? new PyInt(value) : value;
  if (typeof value === 'bigint') return new PyInt(value);
  if (Array.isArray(value)) return value.map(fromJsValue);
  if (value instanceof Uint8Array) return pyDict({ __bytes__: [...value].map((b) => new PyInt(b)) });
  const out = new Map<string, PyValue>();
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out.set(k, fromJsValue(v));
  return out;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;
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
const WORDS: [string, PyValue][] = [
  ['true', true],
  ['false', false],
  ['null', null],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
];

/**
 * Reads one JSON value (surrounding whitespace allowed) as Python's `json.loads` does, or undefined when
 * the text is not one JSON value.
 */
export function readPyJson(text: string): PyValue | undefined {
  let i = 0;
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw new SyntaxError('not JSON');
  };
  const string = (): string => {
    let out = '';
    i++;
    for (;;) {
      const c = text[i++];
      if (c === undefined || c.charCodeAt(0) < 32) return fail();
      if (c === '"') return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = text[i++] ?? '';
      if (e === 'u') {
        const hex = text.slice(i, i + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail();
        out += String.fromCharCode(Number.parseInt(hex, 16));
        i += 4;
      } else {
        out += ESCAPES[e] ?? fail();
      }
    }
  };
  const value = (): PyValue => {
    space();
    const c = text[i];
    if (c === '"') return string();
    if (c === '[') {
      i++;
      const list: PyValue[] = [];
      space();
      if (text[i] === ']') {
        i++;
        return list;
      }
      for (;;) {
        list.push(value());
        space();
        const next = text[i++];
        if (next === ']') return list;
        if (next !== ',') fail();
      }
    }
    if (c === '{') {
      i++;
      const dict = new Map<string, PyValue>();
      space();
      if (text[i] === '}') {
        i++;
        return dict;
      }
      for (;;) {
        space();
        if (text[i] !== '"') fail();
        const key = string();
        space();
        if (text[i++] !== ':') fail();
        dict.set(key, value());
        space();
        const next = text[i++];
        if (next === '}') return dict;
        if (next !== ',') fail();
      }
    }
    for (const [word, v] of WORDS) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) return fail();
    i += m[0].length;
    if (m[1] === undefined && m[2] === undefined) return new PyInt(BigInt(m[0]));
    return Number(m[0]);
  };
  try {
    const result = value();
    space();
    return i === text.length ? result : undefined;
  } catch {
    return undefined;
  }
}

/** The author's JSON text read the Python way, or the already-decoded value when the text does not read. */
export function pyValueOf(raw: string | undefined, decoded: unknown): PyValue {
  const read = raw === undefined || raw === '' ? undefined : readPyJson(raw);
  return read === undefined ? fromJsValue(decoded) : read;
}

/** Python's `repr(float)`: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return 'Infinity';
  if (x === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mantissa, exponent] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exp = Number(exponent);
  const point = exp + 1; // digits before the decimal point
  if (point <= -4 || point > 16) {
    const rest = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const e = Math.abs(exp).toString().padStart(2, '0');
    return `${sign}${digits[0]}${rest}e${exp < 0 ? '-' : '+'}${e}`;
  }
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}.0`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** A JSON string literal with everything outside printable ASCII escaped (also a valid JS/Python literal). */
export function pyJsonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code <= 0x7e && ch !== '"' && ch !== '\\') out += ch;
    else out += SHORT_ESCAPES[ch] ?? `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

/** `json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)`. */
export function pyJsonDumps(value: PyValue): string {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'string') return pyJsonString(value);
  if (typeof value === 'number') return pyFloatRepr(value);
  if (value instanceof PyInt) return value.digits;
  if (Array.isArray(value)) return `[${value.map(pyJsonDumps).join(',')}]`;
  const keys = [...value.keys()].sort(compareCodePoints);
  return `{${keys.map((k) => `${pyJsonString(k)}:${pyJsonDumps(value.get(k)!)}`).join(',')}}`;
}
