import { basename } from 'node:path';
import type { z } from 'zod';
import { writeFileAtomicSync } from './atomic-write';
import { tomlSyntaxProblem } from './toml-locate';
import { isTomlError, parseTomlDocument, readHeaderComment, StoreError } from './toml-read';
import { stringifyToml, type TomlTableLike, type TomlWritable } from './toml-write';

/** A parsed `.ossature/` file: its typed value and the comment lines it starts with. */
export interface TomlDocument<T> {
  value: T;
  header: string[];
}

/**
 * Parses TOML text and validates it with a schema. Throws {@link StoreError} saying what is wrong and
 * where (syntax error position, or the first invalid fields).
 */
export function parseTomlWith<S extends z.ZodType>(
  text: string,
  schema: S,
  file: string,
): TomlDocument<z.output<S>> {
  const name = basename(file);
  let raw: Record<string, unknown>;
  try {
    raw = parseTomlDocument(text);
  } catch (error) {
    if (!isTomlError(error)) throw error;
    const problem = tomlSyntaxProblem(error, text);
    const where = problem
      ? ` (line ${problem.range.start.line + 1}, column ${problem.range.start.character + 1})`
      : '';
    throw new StoreError(file, `${name} is not valid TOML${where}: ${problem?.message ?? error.message}.`);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues;
    const listed = issues
      .slice(0, 3)
      .map((issue) => `${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}`);
    const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
    throw new StoreError(file, `${name} has invalid values — ${listed.join('; ')}${more}.`);
  }
  return { value: result.data, header: readHeaderComment(text) };
}

/**
 * A table with `keys` first, in that order (a key is left out when `include` says so), then every other
 * key of `value` in its own order — so keys a user added survive a rewrite.
 */
export function orderedTable(
  value: Readonly<Record<string, unknown>>,
  keys: readonly string[],
  include: (key: string, item: unknown) => boolean = () => true,
  replace: (key: string, item: unknown) => unknown = (_key, item) => item,
): Map<string, TomlWritable> {
  const out = new Map<string, TomlWritable>();
  for (const key of keys) {
    const item = value[key];
    if (item === undefined || !include(key, item)) continue;
    out.set(key, replace(key, item) as TomlWritable);
  }
  const known = new Set(keys);
  for (const [key, item] of Object.entries(value)) {
    if (!known.has(key) && item !== undefined) out.set(key, item as TomlWritable);
  }
  return out;
}

/** Renders and writes a document atomically, with its header comment lines. */
export function writeTomlFile(file: string, table: TomlTableLike, header: readonly string[]): void {
  writeFileAtomicSync(file, stringifyToml(table, { header }));
}

/** Non-empty lists (the original omits empty optional lists). */
export const nonEmpty = (item: unknown): boolean =>
  !(Array.isArray(item) && item.length === 0) && item !== '';
