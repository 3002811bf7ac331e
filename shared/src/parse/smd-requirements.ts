import type { CodeInfo } from '../diagnostics/code-info';
import { SMD_CODES } from '../diagnostics/codes-smd';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/make';
import type { Located } from '../model/common';
import type { Requirement, RequirementError } from '../model/smd';
import { type Range, range } from '../text/range';
import type { SourceText } from '../text/source-text';
import {
  bulletAt,
  findMarker,
  type HeadingBlock,
  type Lines,
  type MarkerHit,
  markerRange,
  TEXT,
  textBetween,
  textOf,
} from './markdown-blocks';
import { missingMarker } from './sections';

/** A requirement heading split into title and its optional `{#anchor .no-verify}` marker. */
export interface HeadingMarker {
  title: string;
  titleRange: Range;
  anchor?: string;
  noVerify: boolean;
  /** Set when the heading ends with a `{#…}` / `{.…}` group that is not a valid marker. */
  invalidMarker?: Range;
}

function isAnchorChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
}

/**
 * Splits `Title {#anchor .no-verify}`: an optional `#slug` (`[A-Za-z0-9_-]+`), then optionally `.no-verify`, in
 * a brace group at the end of the heading. A brace group with neither stays part of the title.
 */
export function splitHeadingMarker(heading: Located<string>): HeadingMarker {
  const text = heading.value;
  const line = heading.range.start.line;
  const col = heading.range.start.character;
  const plain: HeadingMarker = { title: text, titleRange: heading.range, noVerify: false };
  if (!text.endsWith('}')) return plain;
  const open = text.lastIndexOf('{');
  if (open === -1) return plain;
  const inner = text.slice(open + 1, -1);
  let i = 0;
  const skip = () => {
    while (i < inner.length && (inner.charCodeAt(i) === 32 || inner.charCodeAt(i) === 9)) i++;
  };
  skip();
  let anchor: string | undefined;
  if (inner.charCodeAt(i) === 35) {
    const s = i + 1;
    let e = s;
    while (e < inner.length && isAnchorChar(inner.charCodeAt(e))) e++;
    if (e > s) {
      anchor = inner.slice(s, e);
      i = e;
    }
  }
  skip();
  let noVerify = false;
  if (inner.startsWith('.no-verify', i)) {
    noVerify = true;
    i += '.no-verify'.length;
  }
  skip();
  const trimmedInner = inner.trim();
  if (i !== inner.length || (!anchor && !noVerify)) {
    const looksLikeMarker = trimmedInner.startsWith('#') || trimmedInner.startsWith('.');
    return looksLikeMarker
      ? { ...plain, invalidMarker: range(line, col + open, line, col + text.length) }
      : plain;
  }
  const title = text.slice(0, open).trimEnd();
  return {
    title,
    titleRange: range(line, col, line, col + title.length),
    anchor,
    noVerify,
  };
}

/** The text after a `**Field:**` marker: the rest of its line, else the next non-blank line (as `\s*(.*)` reads). */
function fieldValue(doc: Lines, hit: MarkerHit, end: number): Located<string> {
  const line = doc.lines[hit.line]!;
  const rest = line.slice(hit.end).trim();
  if (rest !== '') {
    const start = line.indexOf(rest, hit.end);
    return { value: rest, range: range(hit.line, start, hit.line, start + rest.length) };
  }
  for (let i = hit.line + 1; i < end; i++) {
    const text = doc.lines[i]!.trim();
    if (text === '') continue;
    if (doc.fences[i] !== TEXT || (text.startsWith('**') && text.includes(':**'))) break;
    const start = doc.lines[i]!.indexOf(text);
    return { value: text, range: range(i, start, i, start + text.length) };
  }
  return { value: '', range: markerRange(hit) };
}

function before(a: MarkerHit | undefined, b: MarkerHit | undefined): MarkerHit | undefined {
  if (!a) return b;
  if (!b) return a;
  return a.line < b.line || (a.line === b.line && a.start < b.start) ? a : b;
}

/** Error bullets after `**Errors:**`: `- condition -> response` (or `→`, which wins when both appear). */
function readErrors(
  doc: Lines,
  file: string,
  marker: MarkerHit,
  end: number,
  name: string,
  out: Diagnostic[],
): RequirementError[] {
  const errors: RequirementError[] = [];
  for (let i = marker.line; i < end; i++) {
    if (doc.fences[i] !== TEXT) continue;
    const bullet = bulletAt(doc.lines[i]!, i, i === marker.line ? marker.end : 0);
    if (!bullet) continue;
    const content = bullet.value;
    let arrow = content.indexOf('→');
    let width = 1;
    if (arrow === -1) {
      arrow = content.indexOf('->');
      width = 2;
    }
    if (arrow === -1) {
      out.push(
        diag(
          SMD_CODES.errorWithoutArrow,
          file,
          bullet.range,
          `Error bullet '${content}' of requirement '${name}' has no arrow; write it as \`- condition -> response\`.`,
        ),
      );
      continue;
    }
    const condition = content.slice(0, arrow).trim();
    const response = content.slice(arrow + width).trim();
    if (!condition || !response) {
      const side = !condition ? 'condition (before the arrow)' : 'response (after the arrow)';
      out.push(
        diag(
          SMD_CODES.errorEmptySide,
          file,
          bullet.range,
          `Error bullet '${content}' of requirement '${name}' has an empty ${side}; write both sides: \`- condition -> response\`.`,
        ),
      );
      continue;
    }
    errors.push({ condition, response, range: bullet.range });
  }
  return errors;
}

/** One `### ` chunk of `## Requirements`. */
export function parseRequirement(
  src: SourceText,
  file: string,
  doc: Lines,
  block: HeadingBlock,
  out: Diagnostic[],
): Requirement {
  const heading = splitHeadingMarker({ value: block.name, range: block.nameRange });
  const name = heading.title;
  const where = heading.title ? heading.titleRange : src.trimmedLineRange(block.headingLine);
  if (heading.invalidMarker) {
    out.push(
      diag(
        SMD_CODES.invalidHeadingMarker,
        file,
        heading.invalidMarker,
        `'${src.line(block.headingLine).slice(heading.invalidMarker.start.character)}' is not a valid heading marker, so it stays part of the title; write \`{#anchor}\`, \`{.no-verify}\` or \`{#anchor .no-verify}\` (anchor: letters, digits, \`_\`, \`-\`).`,
      ),
    );
  }
  const { bodyStart: s, bodyEnd: e } = block;
  const accepts = findMarker(doc, s, e, '**Accepts:**');
  const returns = findMarker(doc, s, e, '**Returns:**');
  const errorsAt = findMarker(doc, s, e, '**Errors:**');
  const first = before(before(accepts, returns), errorsAt);
  const description = first ? textBetween(doc, s, 0, first.line, first.start) : textOf(doc, s, e);
  if (!description) {
    out.push(
      diag(
        SMD_CODES.requirementMissingDescription,
        file,
        where,
        `Requirement '${name}' has no description; add a sentence saying what it does between the heading and **Accepts:**.`,
      ),
    );
  }
  const fields: {
    hit: MarkerHit | undefined;
    label: string;
    code: CodeInfo;
    what: string;
  }[] = [
    { hit: accepts, label: 'Accepts', code: SMD_CODES.requirementMissingAccepts, what: '<inputs>' },
    { hit: returns, label: 'Returns', code: SMD_CODES.requirementMissingReturns, what: '<result>' },
  ];
  const values: (Located<string> | undefined)[] = [];
  for (const f of fields) {
    if (!f.hit) {
      out.push(
        missingMarker(
          f.code,
          file,
          doc,
          block,
          f.label,
          where,
          `Requirement '${name}' has no **${f.label}:** line; add \`**${f.label}:** ${f.what}\` after its description.`,
        ),
      );
      values.push(undefined);
      continue;
    }
    const value = fieldValue(doc, f.hit, e);
    if (!value.value) {
      out.push(
        diag(
          f.code,
          file,
          markerRange(f.hit),
          `Requirement '${name}' has an empty **${f.label}:**; write ${f.what} after the marker.`,
        ),
      );
    }
    values.push(value);
  }
  const errors = errorsAt ? readErrors(doc, file, errorsAt, e, name, out) : [];
  const last = Math.max(block.headingLine, e - 1);
  return {
    title: name,
    titleRange: heading.titleRange,
    range: src.linesRange(block.headingLine, last),
    anchor: heading.anchor,
    noVerify: heading.noVerify,
    description,
    accepts: values[0],
    returns: values[1],
    errors,
  };
}
