import { basename, extname } from 'node:path';
import type { CodeInfo } from '../diagnostics/code-info';
import type { Diagnostic, Fix } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/make';
import type { Frontmatter, Located } from '../model/common';
import { type Range, range } from '../text/range';
import type { SourceText } from '../text/source-text';
import { closestMatches, editDistance } from '../util/did-you-mean';

/** `specs/my-spec.smd` → `MY_SPEC`: the id a new frontmatter block suggests. */
export function idFromFileName(file: string): string {
  const stem = basename(file, extname(file)).trim();
  return stem.replace(/[-\s]+/g, '_').toUpperCase() || 'MY_SPEC';
}

/** Python-like `str(value)` for a frontmatter value. */
function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return JSON.stringify(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Python truthiness of a parsed YAML value (the original checks `not meta.get(key)`). */
function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === '' || value === false || value === 0) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** A key's value as text with the range of the value, when it is set to something non-empty. */
export function metaString(fm: Frontmatter | undefined, key: string): Located<string> | undefined {
  const entry = fm?.entries.get(key);
  if (!entry || !truthy(entry.value)) return undefined;
  return { value: stringify(entry.value), range: entry.valueRange };
}

/**
 * Reports a required key that is absent or empty. The range is the empty value, else the opening `---` (or the
 * legacy metadata block); the fix inserts `key: suggestion` before the closing `---`.
 */
export function checkRequiredKey(
  out: Diagnostic[],
  src: SourceText,
  file: string,
  fm: Frontmatter,
  key: string,
  info: CodeInfo,
  suggestion: string,
  what: string,
): void {
  const entry = fm.entries.get(key);
  if (entry && truthy(entry.value)) return;
  if (entry) {
    out.push(
      diag(
        info,
        file,
        entry.keyRange,
        `\`${key}\` is empty; set it to ${what} (for example \`${key}: ${suggestion}\`).`,
      ),
    );
    return;
  }
  const known = ['id', 'status', 'priority', 'depends', 'spec'];
  const unknown = [...fm.entries.keys()].filter((k) => !known.includes(k));
  const typo = closestMatches(key, unknown, 1)[0];
  const fixes: Fix[] = [];
  const start = fm.range.start;
  const at: Range = fm.legacy
    ? fm.range
    : range(start.line, start.character, start.line, start.character + 3);
  if (typo) {
    fixes.push({
      title: `Rename '${typo}' to '${key}'`,
      edits: [{ file, range: fm.entries.get(typo)!.keyRange, newText: key }],
      preferred: true,
    });
  } else if (!fm.legacy) {
    const close = fm.range.end.line;
    const eol = src.text.includes('\r\n') ? '\r\n' : '\n';
    fixes.push({
      title: `Add '${key}: ${suggestion}'`,
      edits: [{ file, range: range(close, 0, close, 0), newText: `${key}: ${suggestion}${eol}` }],
    });
  }
  const hint = typo ? ` (\`${typo}\` looks like a misspelling of it)` : '';
  out.push(
    diag(info, file, at, `The metadata has no \`${key}\`${hint}; add \`${key}: ${suggestion}\` — ${what}.`, {
      fixes,
    }),
  );
}

/** Reports a set key whose value is not one of `allowed` (listed sorted, as the original does). */
export function checkEnumKey(
  out: Diagnostic[],
  file: string,
  fm: Frontmatter,
  key: string,
  allowed: readonly string[],
  info: CodeInfo,
): void {
  const entry = fm.entries.get(key);
  if (!entry || !truthy(entry.value)) return;
  const value = stringify(entry.value);
  if (allowed.includes(value)) return;
  const sorted = [...allowed].sort();
  // The lists are short: offer every value, the closest first (preferred when it is a likely typo).
  const close = closestMatches(value, allowed, 1)[0];
  const lower = value.toLowerCase();
  const ranked = [...allowed].sort(
    (a, b) => editDistance(lower, a) - editDistance(lower, b) || allowed.indexOf(a) - allowed.indexOf(b),
  );
  const fixes: Fix[] = ranked.map((v) => ({
    title: `Change to '${v}'`,
    edits: [{ file, range: entry.valueRange, newText: v }],
    preferred: v === close || v === lower,
  }));
  out.push(
    diag(info, file, entry.valueRange, `Invalid ${key} '${value}'. Expected one of: ${sorted.join(', ')}.`, {
      fixes,
    }),
  );
}

/**
 * `depends`: a YAML list, a comma-separated string, or absent/null → `[]`. Items are stringified and trimmed,
 * empty ones dropped; each keeps the range of its text.
 */
export function metaList(src: SourceText, fm: Frontmatter | undefined, key: string): Located<string>[] {
  const entry = fm?.entries.get(key);
  if (!entry || entry.value === null || entry.value === undefined) return [];
  const out: Located<string>[] = [];
  if (Array.isArray(entry.value)) {
    entry.value.forEach((item, i) => {
      const value = stringify(item).trim();
      if (value !== '') out.push({ value, range: entry.itemRanges[i] ?? entry.valueRange });
    });
    return out;
  }
  const text = stringify(entry.value);
  const r = entry.valueRange;
  const line = r.start.line === r.end.line ? src.line(r.start.line) : undefined;
  let cursor = r.start.character;
  for (const part of text.split(',')) {
    const value = part.trim();
    if (value === '') continue;
    const at = line === undefined ? -1 : line.indexOf(value, cursor);
    if (at !== -1 && at + value.length <= r.end.character) {
      out.push({ value, range: range(r.start.line, at, r.start.line, at + value.length) });
      cursor = at + value.length;
    } else {
      out.push({ value, range: r });
    }
  }
  return out;
}
