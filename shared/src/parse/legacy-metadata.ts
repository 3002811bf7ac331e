import { FRONTMATTER_CODES } from '../diagnostics/codes-frontmatter';
import type { Diagnostic, FileEdit } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/make';
import type { Frontmatter, FrontmatterEntry } from '../model/common';
import { type Range, range } from '../text/range';
import type { SourceText } from '../text/source-text';
import { bomLength, eolOf } from './frontmatter';
import { yamlScalar } from './frontmatter-simple';

/** Metadata keys of the pre-0.0.5 format, in the order the YAML block is written. */
export const LEGACY_KEYS = {
  smd: ['id', 'status', 'priority', 'depends'],
  amd: ['spec', 'status'],
} as const;

export interface LegacyMetadata {
  frontmatter: Frontmatter;
  diagnostic: Diagnostic;
}

/**
 * Reads pre-0.0.5 metadata: `@key: value` lines right after the H1 title (blank lines between them allowed),
 * e.g. `@id: FOO`, `@depends: A, B`, or `@spec: FOO` in an AMD. Only the keys of the format count, so an AMD
 * component's `@path:` line is never taken for metadata. Returns undefined when there are none.
 */
export function readLegacyMetadata(
  src: SourceText,
  file: string,
  kind: 'smd' | 'amd',
  titleLine: number,
): LegacyMetadata | undefined {
  const known: readonly string[] = LEGACY_KEYS[kind];
  const entries = new Map<string, FrontmatterEntry>();
  let firstLine = -1;
  let lastLine = -1;
  for (let i = titleLine + 1; i < src.lineCount; i++) {
    const line = src.line(i);
    if (line.trim() === '') continue;
    if (line.charCodeAt(0) !== 64) break; // '@'
    const colon = line.indexOf(':');
    const key = colon === -1 ? '' : line.slice(1, colon).trim();
    if (!known.includes(key)) break;
    if (firstLine === -1) firstLine = i;
    lastLine = i;
    const keyRange = range(i, 1, i, colon);
    const valueRange = src.trimmedLineRange(i);
    let vs = colon + 1;
    while (vs < line.length && (line.charCodeAt(vs) === 32 || line.charCodeAt(vs) === 9)) vs++;
    valueRange.start.character = Math.max(vs, valueRange.start.character);
    if (valueRange.end.character < valueRange.start.character)
      valueRange.end.character = valueRange.start.character;
    const raw = line.slice(valueRange.start.character, valueRange.end.character);
    if (key === 'depends') {
      const { values, ranges } = splitLegacyList(raw, i, valueRange.start.character);
      entries.set(key, { key, keyRange, value: values, valueRange, itemRanges: ranges });
    } else {
      entries.set(key, { key, keyRange, value: raw === '' ? null : raw, valueRange, itemRanges: [] });
    }
  }
  if (firstLine === -1) return undefined;

  const blockRange = range(firstLine, 0, lastLine, src.line(lastLine).length);
  let next = lastLine + 1;
  while (next < src.lineCount && src.line(next).trim() === '') next++;
  const removal: Range =
    next < src.lineCount
      ? range(firstLine, 0, next, 0)
      : range(firstLine, 0, lastLine, src.line(lastLine).length);
  const eol = eolOf(src.text);
  const yamlLines = ['---'];
  for (const key of known) {
    const entry = entries.get(key);
    if (key === 'depends') {
      const items = Array.isArray(entry?.value) ? (entry.value as string[]) : [];
      yamlLines.push(`depends: [${items.map(yamlScalar).join(', ')}]`);
    } else if (entry && typeof entry.value === 'string') {
      yamlLines.push(`${key}: ${yamlScalar(entry.value)}`);
    }
  }
  yamlLines.push('---', '', '');
  const bom = bomLength(src.text);
  const edits: FileEdit[] = [
    { file, range: range(0, bom, 0, bom), newText: yamlLines.join(eol) },
    { file, range: removal, newText: '' },
  ];
  const keys = [...entries.keys()].map((k) => `@${k}`).join(', ');
  const diagnostic = diag(
    FRONTMATTER_CODES.legacyMetadata,
    file,
    blockRange,
    `The metadata (${keys}) is in the pre-0.0.5 \`@key: value\` format; Ossature now requires a YAML frontmatter block (\`---\` … \`---\`) at the top of the file. Convert it with \`ossature validate --fix\` or the editor's quick fix.`,
    { fixes: [{ title: 'Convert to YAML frontmatter', edits, preferred: true }] },
  );
  return { frontmatter: { range: blockRange, entries, legacy: true }, diagnostic };
}

/** `A, B`, `[A, B]` or `[]` → items with their ranges on the line. */
function splitLegacyList(raw: string, line: number, offset: number): { values: string[]; ranges: Range[] } {
  let from = 0;
  let to = raw.length;
  if (raw.startsWith('[') && raw.endsWith(']')) {
    from = 1;
    to = raw.length - 1;
  }
  const values: string[] = [];
  const ranges: Range[] = [];
  let pos = from;
  while (pos <= to) {
    let comma = raw.indexOf(',', pos);
    if (comma === -1 || comma > to) comma = to;
    const part = raw.slice(pos, comma);
    const value = part.trim();
    if (value !== '') {
      const start = offset + pos + (part.length - part.trimStart().length);
      values.push(value);
      ranges.push(range(line, start, line, start + value.length));
    }
    pos = comma + 1;
  }
  return { values, ranges };
}
