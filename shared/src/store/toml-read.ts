import { readFileSync } from 'node:fs';
import { parse as parseSmolToml, TomlDate, TomlError } from 'smol-toml';
import { TomlFloat } from './toml-write';

/**
 * Parses TOML text with smol-toml, keeping the integer/float distinction so a file can be written back
 * unchanged: integers become numbers (bigint only beyond 2^53), whole-number floats such as `2.0` become
 * {@link TomlFloat}, other floats stay numbers. Throws smol-toml's `TomlError` on invalid TOML.
 */
export function parseTomlDocument(text: string): Record<string, unknown> {
  const raw = parseSmolToml(text, { integersAsBigInt: true });
  return convert(raw) as Record<string, unknown>;
}

function convert(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value;
  }
  if (typeof value === 'number') return Number.isInteger(value) ? new TomlFloat(value) : value;
  if (Array.isArray(value)) return value.map(convert);
  if (value instanceof TomlDate || value instanceof Date) return value;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = convert(item);
    return out;
  }
  return value;
}

/** True for the error smol-toml throws on invalid TOML. */
export function isTomlError(error: unknown): error is TomlError {
  return error instanceof TomlError;
}

/**
 * The comment lines a file starts with (the header the original writes above the TOML), without their
 * line terminators. Stops at the first line that is not a `#` comment.
 */
export function readHeaderComment(text: string): string[] {
  const header: string[] = [];
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (!line.startsWith('#')) break;
    header.push(line);
  }
  return header;
}

/** The file's text, or undefined when it does not exist. */
export function readTextIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** A `.ossature/` file that exists but cannot be used; the message says what is wrong and what to do. */
export class StoreError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
