import { isMap, isNode, isScalar, isSeq, type Node, parseDocument } from 'yaml';
import { FRONTMATTER_CODES } from '../diagnostics/codes-frontmatter';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/make';
import type { Frontmatter, FrontmatterEntry } from '../model/common';
import { type Range, range } from '../text/range';
import type { SourceText } from '../text/source-text';
import { readSimpleFrontmatter } from './frontmatter-simple';

/** How the frontmatter block of a file was read. */
export type FrontmatterState = 'ok' | 'missing' | 'unterminated' | 'invalid';

export interface FrontmatterParse {
  /** Present whenever a block was found, even when its YAML is broken (filled as far as possible). */
  frontmatter?: Frontmatter;
  state: FrontmatterState;
  /** First line of the body: after the closing `---`, or 0 when there is no block. */
  bodyStartLine: number;
  /** Problems of the block itself; a missing block is left to the caller (it may be legacy metadata). */
  diagnostics: Diagnostic[];
}

/** Number of byte-order marks at the start of the text (the original strips them all). */
export function bomLength(text: string): number {
  let n = 0;
  while (text.charCodeAt(n) === 0xfeff) n++;
  return n;
}

/**
 * Reads the YAML frontmatter block at the top of a `.smd`/`.amd` (reference §2.1): optional BOM, a first line
 * of exactly `---`, content up to the first line that is exactly `---`. Empty content is an empty mapping.
 */
export function parseFrontmatter(
  src: SourceText,
  file: string,
  options: { forceYaml?: boolean } = {},
): FrontmatterParse {
  const lines = src.lines;
  const bom = bomLength(src.text);
  const diagnostics: Diagnostic[] = [];
  if (lines.length < 2 || lines[0]!.slice(bom) !== '---' || lines[0]!.length !== bom + 3) {
    return { state: 'missing', bodyStartLine: 0, diagnostics };
  }
  let close = -1;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '---') {
      close = i;
      break;
    }
  }
  const openRange = range(0, bom, 0, bom + 3);
  if (close === -1) {
    // Best effort: the metadata probably ends where the Markdown starts.
    let bodyStart = lines.length;
    for (let i = 1; i < lines.length; i++) {
      if (lines[i]!.startsWith('# ') || lines[i]!.startsWith('## ')) {
        bodyStart = i;
        break;
      }
    }
    const eol = eolOf(src.text);
    // The closing fence goes right after the last metadata line.
    let last = bodyStart - 1;
    while (last > 0 && lines[last]!.trim() === '') last--;
    const insert =
      last + 1 < lines.length
        ? { at: range(last + 1, 0, last + 1, 0), text: `---${eol}` }
        : { at: range(last, lines[last]!.length, last, lines[last]!.length), text: `${eol}---${eol}` };
    diagnostics.push(
      diag(
        FRONTMATTER_CODES.unterminatedFrontmatter,
        file,
        openRange,
        'The frontmatter block has no closing `---` line. Add a line containing only `---` after the last metadata key.',
        {
          fixes: [
            {
              title: 'Close the frontmatter block',
              edits: [
                {
                  file,
                  range: insert.at,
                  newText: insert.text,
                },
              ],
              preferred: true,
            },
          ],
        },
      ),
    );
    const guess = readBlock(src, file, 1, bodyStart, []);
    const frontmatter: Frontmatter = {
      range: src.linesRange(0, Math.max(0, bodyStart - 1)),
      entries: guess?.entries ?? new Map(),
      legacy: false,
    };
    return { frontmatter, state: 'unterminated', bodyStartLine: bodyStart, diagnostics };
  }

  const fmRange = range(0, bom, close, 3);
  const blockDiagnostics: Diagnostic[] = [];
  const read = (!options.forceYaml && readSimpleFrontmatter(lines, 1, close)) ||
    readBlock(src, file, 1, close, blockDiagnostics) || { entries: new Map(), ok: false };
  diagnostics.push(...blockDiagnostics);
  return {
    frontmatter: { range: fmRange, entries: read.entries, legacy: false },
    state: read.ok ? 'ok' : 'invalid',
    bodyStartLine: close + 1,
    diagnostics,
  };
}

/** `\r\n` when the text's first line break is CRLF, else `\n`. */
export function eolOf(text: string): string {
  const nl = text.indexOf('\n');
  return nl > 0 && text.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n';
}

/** Parses lines `[first, end)` as YAML with the `yaml` package, reporting problems into `out`. */
function readBlock(
  src: SourceText,
  file: string,
  first: number,
  end: number,
  out: Diagnostic[],
): { entries: Map<string, FrontmatterEntry>; ok: boolean } | undefined {
  const base = src.lineStarts[first] ?? src.text.length;
  const stop = end < src.lineCount ? src.lineStarts[end]! : src.text.length;
  const yamlText = src.text.slice(base, stop);
  const doc = parseDocument(yamlText, { uniqueKeys: false, prettyErrors: false });
  const lastLine = Math.max(first, end - 1);
  /** A range in the file for offsets in the YAML text, kept on one line and never empty. */
  const at = (from: number, to: number): Range => {
    const r = src.rangeOfOffsets(base + from, base + to);
    const line = Math.min(r.start.line, lastLine);
    if (r.start.line > lastLine) return src.trimmedLineRange(line);
    const endChar = r.end.line === line ? r.end.character : src.line(line).length;
    if (endChar <= r.start.character) return src.trimmedLineRange(line);
    return range(line, r.start.character, line, endChar);
  };
  let ok = true;
  for (const error of doc.errors) {
    ok = false;
    const message = error.message.split('\n')[0]!.replace(/\s+at line \d+, column \d+:?$/, '');
    out.push(
      diag(
        FRONTMATTER_CODES.invalidYaml,
        file,
        at(error.pos[0], error.pos[1]),
        `Invalid YAML in frontmatter: ${message}. Fix the syntax; each line should be \`key: value\`.`,
      ),
    );
  }
  const entries = new Map<string, FrontmatterEntry>();
  const contents = doc.contents;
  if (contents === null || contents === undefined) return { entries, ok };
  if (!isMap(contents)) {
    if (ok) {
      let a = first;
      let b = end - 1;
      while (a < b && src.line(a).trim() === '') a++;
      while (b > a && src.line(b).trim() === '') b--;
      const where = range(a, 0, b, src.line(b).trimEnd().length);
      out.push(
        diag(
          FRONTMATTER_CODES.notMapping,
          file,
          where,
          'The frontmatter must be a YAML mapping of `key: value` lines (for example `id: MY_SPEC`), not a list or a single value.',
        ),
      );
    }
    return { entries, ok: false };
  }
  let js: Record<string, unknown> = {};
  try {
    js = (doc.toJS() ?? {}) as Record<string, unknown>;
  } catch {
    js = {};
  }
  for (const pair of contents.items) {
    if (!isScalar(pair.key)) continue;
    const key = scalarText(pair.key);
    const kr = pair.key.range ?? [0, 0, 0];
    const keyRange = at(kr[0], kr[1]);
    const valueNode = isNode(pair.value) ? (pair.value as Node) : undefined;
    const vr = valueNode?.range;
    const valueRange = vr ? src.rangeOfOffsets(base + vr[0], base + vr[1]) : keyRange;
    const itemRanges: Range[] = [];
    if (valueNode && isSeq(valueNode)) {
      for (const item of valueNode.items) {
        const ir = isNode(item) ? item.range : undefined;
        if (ir) itemRanges.push(src.rangeOfOffsets(base + ir[0], base + ir[1]));
      }
    }
    let value: unknown = valueNode && isScalar(valueNode) ? scalarValue(valueNode) : js[key];
    if (value === undefined) value = null;
    const previous = entries.get(key);
    if (previous && ok) {
      out.push(
        diag(
          FRONTMATTER_CODES.duplicateKey,
          file,
          keyRange,
          `'${key}' is already set on line ${previous.keyRange.start.line + 1}; only this last value is used. Remove one of them.`,
          { related: [{ file, range: previous.keyRange, message: `first '${key}'` }] },
        ),
      );
    }
    entries.set(key, { key, keyRange, value, valueRange, itemRanges });
  }
  return { entries, ok };
}

/** A scalar key as written (so `y:` stays `y`). */
function scalarText(node: { value: unknown; source?: string }): string {
  return typeof node.value === 'string' ? node.value : (node.source ?? String(node.value));
}

/** A scalar value; numbers and booleans keep their source text, as the original stringifies them anyway. */
function scalarValue(node: { value: unknown; source?: string }): unknown {
  const v = node.value;
  if (v === null || v === undefined || typeof v === 'string') return v ?? null;
  return node.source ?? String(v);
}
