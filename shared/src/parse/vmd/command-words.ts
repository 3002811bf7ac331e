/**
 * Word splitting for `when $ program args…`: a scenario command is one exec call, not a shell. Spaces and
 * tabs separate words; double quotes group; `\"`, `\\` and (outside quotes) `\ ` are literal characters;
 * `\xNN` is one raw byte. Shell metacharacters outside quotes are errors.
 */

export type CommandWordErrorKind = 'unterminatedQuote' | 'invalidEscape' | 'shellMetachar' | 'empty';

export interface CommandWordError {
  kind: CommandWordErrorKind;
  message: string;
  /** Offsets into the command text of the offending characters. */
  start: number;
  end: number;
}

export interface CommandWords {
  /** A word stays a string unless its `\xNN` bytes do not form valid UTF-8; then it is the raw bytes. */
  words: (string | Uint8Array)[];
  /** Offsets `[start, end)` of each word in the command text. */
  offsets: [number, number][];
  /** The first problem; `words` then holds the words before it. */
  error?: CommandWordError;
}

const SHELL_METACHARS = '|<>;&';
const HEX_PAIR = /^[0-9a-fA-F]{2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/** Builds one word from text pieces and raw bytes. */
class WordBuffer {
  private text = '';
  private bytes: number[] | undefined;

  addText(s: string): void {
    if (this.bytes) for (const b of encoder.encode(s)) this.bytes.push(b);
    else this.text += s;
  }

  addByte(b: number): void {
    if (!this.bytes) this.bytes = [...encoder.encode(this.text)];
    this.bytes.push(b);
  }

  finish(): string | Uint8Array {
    if (!this.bytes) return this.text;
    const raw = Uint8Array.from(this.bytes);
    try {
      return utf8.decode(raw);
    } catch {
      return raw;
    }
  }
}

/** The byte of a `\xNN` escape at `i` (the backslash), or undefined. */
function hexByteAt(text: string, i: number): number | undefined {
  if (text[i + 1] !== 'x' || i + 3 >= text.length) return undefined;
  const hex = text.slice(i + 2, i + 4);
  return HEX_PAIR.test(hex) ? Number.parseInt(hex, 16) : undefined;
}

/** Adds the character at `i` (a whole surrogate pair when there is one); returns the next offset. */
function addCodePoint(buf: WordBuffer, text: string, i: number): number {
  const c = String.fromCodePoint(text.codePointAt(i)!);
  buf.addText(c);
  return i + c.length;
}

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

export function splitCommandWords(text: string): CommandWords {
  const words: (string | Uint8Array)[] = [];
  const offsets: [number, number][] = [];
  const n = text.length;
  const fail = (kind: CommandWordErrorKind, message: string, start: number, end: number): CommandWords => ({
    words,
    offsets,
    error: { kind, message, start, end },
  });
  let i = 0;
  while (i < n) {
    while (i < n && isBlank(text[i])) i++;
    if (i >= n) break;
    const wordStart = i;
    const buf = new WordBuffer();
    while (i < n && !isBlank(text[i])) {
      const ch = text[i]!;
      if (ch === '"') {
        const open = i;
        i++;
        let closed = false;
        while (i < n) {
          const qc = text[i]!;
          if (qc === '"') {
            closed = true;
            i++;
            break;
          }
          if (qc === '\\' && i + 1 < n) {
            const byte = hexByteAt(text, i);
            if (byte !== undefined) {
              buf.addByte(byte);
              i += 4;
              continue;
            }
            const next = text[i + 1]!;
            if (next === '"' || next === '\\') {
              buf.addText(next);
              i += 2;
              continue;
            }
          }
          i = addCodePoint(buf, text, i);
        }
        if (!closed) {
          return fail(
            'unterminatedQuote',
            'Unterminated quote in the command: close the " or escape it as \\".',
            open,
            n,
          );
        }
      } else if (ch === '\\') {
        const byte = hexByteAt(text, i);
        const next = text[i + 1];
        if (byte !== undefined) {
          buf.addByte(byte);
          i += 4;
        } else if (next === '"' || next === '\\' || next === ' ') {
          buf.addText(next);
          i += 2;
        } else {
          const end = Math.min(n, i + 2);
          return fail(
            'invalidEscape',
            `Invalid escape '${text.slice(i, end)}' in the command: use \\xNN for a byte, or \\" \\\\ and "\\ " for literal characters.`,
            i,
            end,
          );
        }
      } else if (SHELL_METACHARS.includes(ch)) {
        return fail(
          'shellMetachar',
          `Shell features are not available ('${ch}'): a scenario runs one program per 'when $' step, without pipes, redirects or command lists. Quote the character ("${ch}") to pass it as an argument, or split the work into several 'when $' steps.`,
          i,
          i + 1,
        );
      } else {
        i = addCodePoint(buf, text, i);
      }
    }
    words.push(buf.finish());
    offsets.push([wordStart, i]);
  }
  if (words.length === 0) {
    return fail('empty', "The command is empty: write the program and its arguments after 'when $'.", 0, n);
  }
  return { words, offsets };
}
