import type { CodeInfo } from '../diagnostics/code-info';
import { FRONTMATTER_CODES } from '../diagnostics/codes-frontmatter';
import type { Diagnostic, Fix } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/make';
import type { Frontmatter, Located, Section } from '../model/common';
import { EMPTY_RANGE, type Range, range } from '../text/range';
import type { SourceText } from '../text/source-text';
import { bomLength, eolOf, parseFrontmatter } from './frontmatter';
import { readLegacyMetadata } from './legacy-metadata';
import {
  findHeading,
  firstNonBlank,
  type HeadingBlock,
  type Lines,
  scanFences,
  splitHeadings,
} from './markdown-blocks';
import { idFromFileName } from './metadata';

/** What every Markdown spec starts with: metadata, the H1 title, and where the `##` sections begin. */
export interface SpecHeader {
  doc: Lines;
  frontmatter?: Frontmatter;
  /** False when the metadata could not be read (no block, unterminated, bad YAML): key checks stay quiet. */
  keysReliable: boolean;
  /** The `# ` line, or -1. */
  titleLine: number;
  /** The trimmed H1 text and its range (undefined without an H1). */
  title?: Located<string>;
  /** First line the `##` sections are read from: after the H1 (or the body start when there is none). */
  sectionsStart: number;
  /** Where to report something missing from the whole file: the H1 title, else the first text, else 0:0. */
  anchor: Range;
}

/** Reads metadata (YAML frontmatter, or legacy `@key: value` lines) and the H1 of a `.smd`/`.amd`. */
export function readSpecHeader(
  src: SourceText,
  file: string,
  kind: 'smd' | 'amd',
  out: Diagnostic[],
): SpecHeader {
  const fm = parseFrontmatter(src, file);
  out.push(...fm.diagnostics);
  const bodyStart = fm.bodyStartLine;
  const doc: Lines = { lines: src.lines, fences: scanFences(src.lines, bodyStart) };
  const bom = bodyStart === 0 ? bomLength(src.text) : 0;
  const titleLine =
    bom > 0 && src.line(0).startsWith('# ', bom) ? 0 : findHeading(doc, bodyStart, src.lineCount, '# ');
  let frontmatter = fm.frontmatter;
  let keysReliable = fm.state === 'ok';
  if (fm.state === 'missing') {
    const legacy = titleLine >= 0 ? readLegacyMetadata(src, file, kind, titleLine) : undefined;
    if (legacy) {
      out.push(legacy.diagnostic);
      frontmatter = legacy.frontmatter;
      keysReliable = true;
    } else {
      out.push(missingFrontmatter(src, file, kind));
    }
  }
  let title: Located<string> | undefined;
  if (titleLine >= 0) {
    const line = src.line(titleLine);
    const end = line.trimEnd().length;
    let start = (titleLine === 0 ? bom : 0) + 2;
    while (start < end && line.charCodeAt(start) <= 32) start++;
    title = {
      value: line.slice(start, Math.max(start, end)),
      range: range(titleLine, start, titleLine, Math.max(start, end)),
    };
  }
  let anchor = EMPTY_RANGE;
  if (title?.value) anchor = title.range;
  else if (titleLine >= 0) anchor = src.trimmedLineRange(titleLine);
  else {
    const first = firstNonBlank(doc, bodyStart, src.lineCount);
    if (first >= 0) anchor = src.trimmedLineRange(first);
    else if (frontmatter && !frontmatter.legacy) anchor = frontmatter.range;
  }
  return {
    doc,
    frontmatter,
    keysReliable,
    titleLine,
    title,
    sectionsStart: titleLine >= 0 ? titleLine + 1 : bodyStart,
    anchor,
  };
}

function missingFrontmatter(src: SourceText, file: string, kind: 'smd' | 'amd'): Diagnostic {
  const bom = bomLength(src.text);
  const eol = eolOf(src.text);
  const id = idFromFileName(file);
  const keys =
    kind === 'smd'
      ? [`id: ${id}`, 'status: draft', 'priority: medium', 'depends: []']
      : [`spec: ${id}`, 'status: draft'];
  const block = ['---', ...keys, '---', '', ''].join(eol);
  const fixes: Fix[] = [];
  let message: string;
  const firstText = src.lines.findIndex((l) => l.trim() !== '');
  const first = firstText >= 0 ? src.trimmedLineRange(firstText) : EMPTY_RANGE;
  if (firstText > 0 && src.line(firstText) === '---') {
    message =
      'The YAML frontmatter must start on the very first line of the file; remove the lines before `---`.';
    fixes.push({
      title: 'Remove the lines before the frontmatter',
      edits: [{ file, range: range(0, bom, firstText, 0), newText: '' }],
      preferred: true,
    });
    return diag(FRONTMATTER_CODES.missingFrontmatter, file, src.trimmedLineRange(firstText), message, {
      fixes,
    });
  }
  const what = kind === 'smd' ? '`id`, `status`, `priority` and `depends`' : '`spec` and `status`';
  message = src.line(0).slice(bom).startsWith('---')
    ? 'The first line must be exactly `---` (nothing after it) to open the YAML frontmatter block.'
    : `Missing YAML frontmatter block: the file must start with a \`---\` line, then ${what}, then a closing \`---\`.`;
  fixes.push({
    title: 'Add a YAML frontmatter block',
    edits: [{ file, range: range(0, bom, 0, bom), newText: block }],
  });
  return diag(FRONTMATTER_CODES.missingFrontmatter, file, first, message, { fixes });
}

/** The `##` sections of a spec body; the last of two same-named sections wins, as in the original. */
export function readSections(
  src: SourceText,
  file: string,
  header: SpecHeader,
  duplicateCode: CodeInfo,
  out: Diagnostic[],
): { sections: Section[]; byName: Map<string, HeadingBlock> } {
  const { blocks } = splitHeadings(header.doc, header.sectionsStart, src.lineCount, '## ');
  const sections: Section[] = [];
  const byName = new Map<string, HeadingBlock>();
  for (const b of blocks) {
    const last = Math.max(b.headingLine, b.bodyEnd - 1);
    sections.push({
      name: b.name,
      headingRange: src.trimmedLineRange(b.headingLine),
      range: src.linesRange(b.headingLine, last),
      bodyStartLine: b.bodyStart,
      bodyEndLine: b.bodyEnd - 1,
    });
    const previous = byName.get(b.name);
    if (previous) {
      out.push(
        diag(
          duplicateCode,
          file,
          src.trimmedLineRange(previous.headingLine),
          `'## ${b.name}' appears again on line ${b.headingLine + 1}; only the last one is read. Merge the two sections.`,
          {
            related: [
              { file, range: src.trimmedLineRange(b.headingLine), message: 'the section that is read' },
            ],
          },
        ),
      );
    }
    byName.set(b.name, b);
  }
  return { sections, byName };
}
