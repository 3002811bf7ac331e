import type { CodeInfo } from '../diagnostics/code-info';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/make';
import { comparePositions, type Range, range } from '../text/range';
import type { SourceText } from '../text/source-text';
import { closestMatches } from '../util/did-you-mean';
import {
  findMarkerVariant,
  type HeadingBlock,
  type Lines,
  markerRange,
  splitHeadings,
} from './markdown-blocks';

/**
 * Reports each required section that is absent. When an unrecognised `##` heading is a near miss (section
 * names are case-sensitive: `## Acceptance criteria`), the diagnostic points at it and offers the rename;
 * otherwise it points at `anchor` (the H1 title).
 */
export function reportMissingSections(
  out: Diagnostic[],
  file: string,
  anchor: Range,
  byName: Map<string, HeadingBlock>,
  required: [name: string, need: string][],
  known: readonly string[],
  info: CodeInfo,
): void {
  const unknown = [...byName.keys()].filter((n) => !known.includes(n));
  for (const [name, need] of required) {
    if (byName.has(name)) continue;
    const near = closestMatches(name, unknown, 1)[0];
    if (near !== undefined) {
      const block = byName.get(near)!;
      out.push(
        diag(
          info,
          file,
          block.nameRange,
          `Missing required section \`## ${name}\`: \`## ${near}\` is not recognised (section names are case-sensitive). Rename it to \`## ${name}\`.`,
          {
            fixes: [
              {
                title: `Rename to '## ${name}'`,
                edits: [{ file, range: block.nameRange, newText: name }],
                preferred: true,
              },
            ],
          },
        ),
      );
      continue;
    }
    out.push(diag(info, file, anchor, `Missing required section \`## ${name}\`; add it with ${need}.`));
  }
}

/**
 * Splits a section into its `### ` chunks. Text before the first `### ` heading is reported: the original reads
 * it as a malformed item of its own, so the file would be rejected.
 */
export function reportTextBeforeFirstItem(
  src: SourceText,
  file: string,
  doc: Lines,
  section: HeadingBlock,
  noun: string,
  info: CodeInfo,
  out: Diagnostic[],
): HeadingBlock[] {
  const { preambleEnd, blocks } = splitHeadings(doc, section.bodyStart, section.bodyEnd, '### ');
  let first = -1;
  let last = -1;
  for (let i = section.bodyStart; i < preambleEnd; i++) {
    if (doc.lines[i]!.trim() === '') continue;
    if (first === -1) first = i;
    last = i;
  }
  if (first !== -1) {
    const r = src.trimmedLineRange(first);
    const where = range(r.start.line, r.start.character, last, src.line(last).trimEnd().length);
    out.push(
      diag(
        info,
        file,
        where,
        `Text before the first \`### \` ${noun} of \`## ${section.name}\` belongs to no ${noun} (Ossature would read it as a malformed ${noun}); move it into a ${noun}, or to Overview or Notes.`,
      ),
    );
  }
  return blocks;
}

/** Diagnostics in document order (stable for the same position). */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return list.sort((a, b) => comparePositions(a.range.start, b.range.start));
}

/**
 * A "missing `**Label:**`" diagnostic. When the chunk holds a near miss (`**Label**:`, other letter case) it
 * points there, says why it is not read, and offers the correction; otherwise it points at `where`.
 */
export function missingMarker(
  info: CodeInfo,
  file: string,
  doc: Lines,
  block: HeadingBlock,
  label: string,
  where: Range,
  message: string,
  atLineStart = false,
): Diagnostic {
  const variant = findMarkerVariant(doc, block.bodyStart, block.bodyEnd, label, atLineStart);
  if (!variant) return diag(info, file, where, message);
  const r = markerRange(variant);
  const correct = `**${label}:**`;
  return diag(
    info,
    file,
    r,
    `${message} Found \`${variant.text}\`, which Ossature does not read: write \`${correct}\`.`,
    {
      fixes: [
        { title: `Change to '${correct}'`, edits: [{ file, range: r, newText: correct }], preferred: true },
      ],
    },
  );
}

/** How one `##` section of `### ` items is read: its noun, and what to report. */
export interface ItemSectionKind {
  noun: string;
  textBeforeFirstItem: CodeInfo;
  /** Reported on the heading when the section has no `### ` item. */
  empty?: { code: CodeInfo; message: string };
}

/** Parses every `### ` item of a section (none when the section is absent), reporting stray text and no items. */
export function parseItems<T>(
  src: SourceText,
  file: string,
  doc: Lines,
  section: HeadingBlock | undefined,
  kind: ItemSectionKind,
  out: Diagnostic[],
  parseChunk: (chunk: HeadingBlock) => T,
): T[] {
  if (!section) return [];
  const chunks = reportTextBeforeFirstItem(src, file, doc, section, kind.noun, kind.textBeforeFirstItem, out);
  if (chunks.length === 0 && kind.empty) {
    out.push(diag(kind.empty.code, file, src.trimmedLineRange(section.headingLine), kind.empty.message));
  }
  return chunks.map(parseChunk);
}
