import { AMD_CODES } from '../diagnostics/codes-amd';
import type { Diagnostic, Fix } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/make';
import type { Component } from '../model/amd';
import type { Located } from '../model/common';
import { range } from '../text/range';
import type { SourceText } from '../text/source-text';
import { eolOf } from './frontmatter';
import {
  findMarker,
  firstCodeBlock,
  type HeadingBlock,
  type Lines,
  type MarkerHit,
  markerRange,
  TEXT,
  textOf,
  trimmedRange,
} from './markdown-blocks';
import { missingMarker } from './sections';

const INTERFACE = '**Interface:**';
const CONTRACTS = '**Contracts:**';
const DEPENDS_ON = '**Depends on:**';

/** The line a marker's region ends before: the next marker after it, or the end of the component. */
function regionEnd(marker: MarkerHit, markers: MarkerHit[], end: number): number {
  let next = end;
  for (const m of markers) if (m.line > marker.line && m.line < next) next = m.line;
  return next;
}

/**
 * One `### ` chunk of `## Components` (reference §2.2). Markers count only at the start of a line outside code
 * fences; `**Interface:**`, `**Contracts:**` and `**Depends on:**` may come in any order and each owns the text
 * up to the next one.
 */
export function parseComponent(
  src: SourceText,
  file: string,
  doc: Lines,
  block: HeadingBlock,
  out: Diagnostic[],
): Component {
  const { bodyStart: s, bodyEnd: e } = block;
  const name = block.name;
  const where = name ? block.nameRange : src.trimmedLineRange(block.headingLine);
  const pathAt = findMarker(doc, s, e, '@path:', true);
  let path: Located<string> | undefined;
  if (pathAt) {
    const r = trimmedRange(doc.lines[pathAt.line]!, pathAt.line, pathAt.end);
    path = { value: doc.lines[pathAt.line]!.slice(r.start.character, r.end.character), range: r };
  }
  if (!path?.value) {
    out.push(
      diag(
        AMD_CODES.componentMissingPath,
        file,
        pathAt ? markerRange(pathAt) : where,
        pathAt
          ? `Component '${name}' has an empty @path; write the file it lives in, relative to the output directory.`
          : `Component '${name}' has no @path line; add \`@path: <file relative to the output directory>\` under its heading.`,
      ),
    );
  }

  const iface = findMarker(doc, s, e, INTERFACE, true);
  const contracts = findMarker(doc, s, e, CONTRACTS, true);
  const depends = findMarker(doc, s, e, DEPENDS_ON, true);
  const markers = [iface, contracts, depends].filter((m): m is MarkerHit => m !== undefined);
  const firstMarker = markers.reduce<number>((min, m) => Math.min(min, m.line), e);
  const descStart = pathAt ? pathAt.line + 1 : s;
  const description = firstMarker < descStart ? '' : textOf(doc, descStart, firstMarker);
  if (!description) {
    out.push(
      diag(
        AMD_CODES.componentMissingDescription,
        file,
        where,
        `Component '${name}' has no description; add a sentence on what it does between its @path line and **Interface:**.`,
      ),
    );
  }

  const code = iface ? firstCodeBlock(doc, iface.line + 1, regionEnd(iface, markers, e)) : undefined;
  if (!code?.content) {
    out.push(
      iface
        ? diag(
            AMD_CODES.componentMissingInterface,
            file,
            markerRange(iface),
            `Component '${name}': **Interface:** has no code block; put the public signatures in a non-empty fenced block after it.`,
          )
        : missingMarker(
            AMD_CODES.componentMissingInterface,
            file,
            doc,
            block,
            'Interface',
            where,
            `Component '${name}' has no **Interface:**; add \`**Interface:**\` followed by a fenced code block with its public signatures.`,
            true,
          ),
    );
  }

  const contractItems: Located<string>[] = [];
  let contractsNone = false;
  if (!contracts) {
    const d = missingMarker(
      AMD_CODES.componentMissingContracts,
      file,
      doc,
      block,
      'Contracts',
      where,
      `Component '${name}' has no **Contracts:** (required since Ossature 0.1.0); list its guarantees as \`- \` bullets, or write \`**Contracts:** None\`.`,
      true,
    );
    if (d.fixes.length === 0) d.fixes.push(noContractsFix(src, file, doc, depends, block));
    out.push(d);
  } else {
    contractsNone = readContracts(
      doc,
      file,
      name,
      contracts,
      regionEnd(contracts, markers, e),
      contractItems,
      out,
    );
  }

  const dependsOn = depends ? readDependsOn(doc, depends, regionEnd(depends, markers, e)) : [];
  return {
    name,
    nameRange: where,
    range: src.linesRange(block.headingLine, Math.max(block.headingLine, e - 1)),
    path,
    description,
    interface: code?.content || undefined,
    interfaceLanguage: code?.content ? code.language : undefined,
    interfaceRange: iface ? markerRange(iface) : undefined,
    contracts: contractItems,
    contractsNone,
    contractsRange: contracts ? markerRange(contracts) : undefined,
    dependsOn,
  };
}

/** Inserts `**Contracts:** None` before `**Depends on:**`, or after the component's last line. */
function noContractsFix(
  src: SourceText,
  file: string,
  doc: Lines,
  depends: MarkerHit | undefined,
  block: HeadingBlock,
): Fix {
  const eol = eolOf(src.text);
  let edit: { line: number; char: number; text: string };
  if (depends) edit = { line: depends.line, char: 0, text: `${CONTRACTS} None${eol}${eol}` };
  else {
    let last = block.bodyEnd - 1;
    while (last > block.headingLine && doc.lines[last]!.trim() === '') last--;
    edit = { line: last, char: doc.lines[last]!.length, text: `${eol}${eol}${CONTRACTS} None` };
  }
  return {
    title: 'Declare no contracts (`**Contracts:** None`)',
    edits: [{ file, range: range(edit.line, edit.char, edit.line, edit.char), newText: edit.text }],
  };
}

/** Lines of a marker's region, fenced lines blanked (so code never counts), the marker line from its end. */
function regionLines(
  doc: Lines,
  marker: MarkerHit,
  end: number,
): { text: string; line: number; offset: number }[] {
  const lines = [{ text: doc.lines[marker.line]!.slice(marker.end), line: marker.line, offset: marker.end }];
  for (let i = marker.line + 1; i < end; i++) {
    lines.push({ text: doc.fences[i] === TEXT ? doc.lines[i]! : '', line: i, offset: 0 });
  }
  return lines;
}

/**
 * `**Contracts:** None`, or `- ` bullets (a bullet continues on following non-blank lines; `* `/`+ ` lines are
 * not items). Returns whether the region says None.
 */
function readContracts(
  doc: Lines,
  file: string,
  name: string,
  marker: MarkerHit,
  end: number,
  items: Located<string>[],
  out: Diagnostic[],
): boolean {
  const lines = regionLines(doc, marker, end);
  const nonBlank = lines.filter((l) => l.text.trim() !== '');
  const explicitNone = nonBlank.length > 0 && nonBlank[0]!.text.trim().toLowerCase() === 'none';
  let open:
    | { parts: string[]; start: { line: number; character: number }; endLine: number; endChar: number }
    | undefined;
  const flush = () => {
    if (!open) return;
    const value = open.parts.join(' ').trim();
    if (value)
      items.push({ value, range: range(open.start.line, open.start.character, open.endLine, open.endChar) });
    open = undefined;
  };
  for (const l of lines) {
    const stripped = l.text.trim();
    const lead = l.text.length - l.text.trimStart().length;
    const endChar = l.offset + l.text.trimEnd().length;
    if (stripped.startsWith('- ')) {
      flush();
      const body = stripped.slice(2).trim();
      const startChar = l.offset + lead + 2 + (stripped.length - 2 - stripped.slice(2).trimStart().length);
      open = { parts: [body], start: { line: l.line, character: startChar }, endLine: l.line, endChar };
    } else if (stripped.startsWith('* ') || stripped.startsWith('+ ') || stripped === '') {
      flush();
    } else if (open) {
      open.parts.push(stripped);
      open.endLine = l.line;
      open.endChar = endChar;
    }
  }
  flush();
  if (explicitNone) {
    if (items.length > 0) {
      out.push(
        diag(
          AMD_CODES.contractsNoneWithBullets,
          file,
          items[0]!.range,
          `Component '${name}': **Contracts:** is 'None' but also lists bullet items; remove 'None' or the bullets.`,
        ),
      );
      items.length = 0;
    } else if (nonBlank.length > 1) {
      const extra = nonBlank[1]!;
      out.push(
        diag(
          AMD_CODES.contractsNoneWithContent,
          file,
          trimmedRange(doc.lines[extra.line]!, extra.line, extra.offset),
          `Component '${name}': **Contracts:** is 'None' but is followed by more text, which would be lost; remove it, or replace 'None' with \`- \` bullets.`,
        ),
      );
    }
    return true;
  }
  if (items.length === 0) {
    out.push(
      diag(
        AMD_CODES.contractsWithoutBullets,
        file,
        markerRange(marker),
        `Component '${name}': **Contracts:** needs at least one \`- \` bullet item, or \`None\` if the component has no behavioural contracts.`,
      ),
    );
  }
  return false;
}

/** `**Depends on:**`: the first non-empty line; `None…` → no dependencies, else a comma-separated list. */
function readDependsOn(doc: Lines, marker: MarkerHit, end: number): Located<string>[] {
  const first = regionLines(doc, marker, end).find((l) => l.text.trim() !== '');
  if (!first) return [];
  const text = first.text;
  if (text.trim().toLowerCase().startsWith('none')) return [];
  const names: Located<string>[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let comma = text.indexOf(',', pos);
    if (comma === -1) comma = text.length;
    const part = text.slice(pos, comma);
    const value = part.trim();
    if (value) {
      const start = first.offset + pos + (part.length - part.trimStart().length);
      names.push({ value, range: range(first.line, start, first.line, start + value.length) });
    }
    pos = comma + 1;
  }
  return names;
}
