import { resolve } from 'node:path';
import { AMD_SECTIONS } from '../model/amd';
import { PRIORITIES, SPEC_STATUSES } from '../model/common';
import { PLAN_META_KEYS, PLAN_TASK_KEYS, TASK_KINDS, TASK_STATUSES } from '../model/plan';
import { SMD_SECTIONS } from '../model/smd';
import { type Position, type Range, range } from '../text/range';
import { planCompletionContext } from './completion-plan';
import { specKindOf, type Workspace } from './workspace';

/**
 * What can be typed at a position, read from the document's text (not the parsed model, which lags
 * behind or fails while a line is half-typed). `replace` is the text the chosen item replaces: the
 * partial word before the cursor, or a whole quoted value. `quote` asks for the item to be written as a
 * TOML string.
 */
export type CompletionContext =
  | { kind: 'specId'; replace: Range; quote: boolean; exclude: string[] }
  | { kind: 'enum'; values: readonly string[]; replace: Range; quote: boolean }
  | { kind: 'frontmatterKey'; keys: string[]; replace: Range }
  | { kind: 'section'; names: string[]; replace: Range }
  | { kind: 'componentName'; specId: string | undefined; file: string; exclude: string[]; replace: Range }
  | { kind: 'vmdDirective'; replace: Range }
  | { kind: 'coversTarget'; specId: string | undefined; replace: Range; quote: boolean }
  | { kind: 'planKey'; keys: string[]; replace: Range }
  | { kind: 'taskId'; exclude: string[]; replace: Range; quote: boolean }
  | { kind: 'specRef'; specId: string | undefined; replace: Range; quote: boolean }
  | { kind: 'archRef'; specId: string | undefined; replace: Range; quote: boolean }
  | {
      kind: 'taskOutput';
      specId: string | undefined;
      taskId: string | undefined;
      replace: Range;
      quote: boolean;
    }
  | { kind: 'vmdFile'; replace: Range; quote: boolean };

export const VMD_DIRECTIVES = ['@spec', '@arch', '@status', '@fixture', '@covers'] as const;

export { PLAN_META_KEYS, PLAN_TASK_KEYS, TASK_KINDS, TASK_STATUSES };

const WORD = /[A-Za-z0-9_-]/;

/** The `[A-Za-z0-9_-]` run around `character` on `line`, as a range on line `n`. */
export function wordRange(line: string, n: number, character: number): Range {
  let start = Math.min(character, line.length);
  while (start > 0 && WORD.test(line[start - 1] ?? '')) start--;
  let end = Math.min(character, line.length);
  while (end < line.length && WORD.test(line[end] ?? '')) end++;
  return range(n, start, n, end);
}

/** The completion context at `position` in `file`, or undefined when nothing is offered there. */
export function completionContext(
  ws: Workspace,
  file: string,
  position: Position,
): CompletionContext | undefined {
  if (resolve(file) === ws.planFile) {
    return ws.planText === undefined ? undefined : planCompletionContext(ws.planText, position);
  }
  const text = ws.file(file)?.text;
  if (text === undefined) return undefined;
  const kind = specKindOf(file);
  const lines = text.split(/\r?\n/);
  const line = lines[position.line] ?? '';
  const before = line.slice(0, position.character);
  if (kind === 'vmd') return vmdContext(lines, position, before);
  if (kind !== 'smd' && kind !== 'amd') return undefined;
  const fm = frontmatterLines(lines);
  if (fm && position.line > fm.start && position.line < fm.end) {
    return frontmatterContext(kind, lines, fm, position, before);
  }
  return markdownBodyContext(ws, file, kind, lines, position, before);
}

/** First and closing `---` lines of the frontmatter (the closing one may be missing while typing). */
function frontmatterLines(lines: string[]): { start: number; end: number } | undefined {
  if ((lines[0] ?? '').replace(/^\uFEFF/, '').trimEnd() !== '---') return undefined;
  for (let i = 1; i < lines.length; i++) {
    if ((lines[i] ?? '').trimEnd() === '---') return { start: 0, end: i };
    if ((lines[i] ?? '').startsWith('# ')) return { start: 0, end: i };
  }
  return { start: 0, end: lines.length };
}

const SMD_KEYS = ['id', 'status', 'priority', 'depends'];
const AMD_KEYS = ['spec', 'status'];

function frontmatterContext(
  kind: 'smd' | 'amd',
  lines: string[],
  fm: { start: number; end: number },
  pos: Position,
  before: string,
): CompletionContext | undefined {
  const line = lines[pos.line] ?? '';
  const word = wordRange(line, pos.line, pos.character);
  const keyed = /^([A-Za-z_][\w-]*)\s*:(.*)$/.exec(before);
  let key = keyed?.[1];
  if (!keyed) {
    if (/^[A-Za-z_]*$/.test(before)) {
      const present = new Set<string>();
      for (let i = fm.start + 1; i < fm.end; i++) {
        const m = /^([A-Za-z_][\w-]*)\s*:/.exec(lines[i] ?? '');
        if (m && i !== pos.line) present.add(m[1]!);
      }
      const keys = (kind === 'smd' ? SMD_KEYS : AMD_KEYS).filter((k) => !present.has(k));
      return { kind: 'frontmatterKey', keys, replace: range(pos.line, 0, pos.line, word.end.character) };
    }
    if (!/^\s+-\s*["']?[\w-]*$/.test(before)) return undefined;
    // A block-list item: the key is the nearest unindented `key:` above.
    for (let i = pos.line - 1; i > fm.start && key === undefined; i--) {
      const m = /^([A-Za-z_][\w-]*)\s*:/.exec(lines[i] ?? '');
      if (m) key = m[1];
    }
  }
  switch (key) {
    case 'status':
      return { kind: 'enum', values: SPEC_STATUSES, replace: word, quote: false };
    case 'priority':
      return kind === 'smd' ? { kind: 'enum', values: PRIORITIES, replace: word, quote: false } : undefined;
    case 'depends': {
      if (kind !== 'smd') return undefined;
      return {
        kind: 'specId',
        replace: word,
        quote: false,
        exclude: dependsExclusions(lines, fm, pos, word),
      };
    }
    case 'spec':
      return kind === 'amd' ? { kind: 'specId', replace: word, quote: false, exclude: [] } : undefined;
    default:
      return undefined;
  }
}

/** The spec's own id and the ids already listed in `depends` (except the word being typed). */
function dependsExclusions(
  lines: string[],
  fm: { start: number; end: number },
  pos: Position,
  word: Range,
): string[] {
  const out: string[] = [];
  let inDepends = false;
  for (let i = fm.start + 1; i < fm.end; i++) {
    let line = lines[i] ?? '';
    if (i === pos.line) line = line.slice(0, word.start.character) + line.slice(word.end.character);
    const key = /^([A-Za-z_][\w-]*)\s*:(.*)$/.exec(line);
    if (key) {
      inDepends = key[1] === 'depends';
      if (key[1] === 'id') out.push(key[2]!.trim().replace(/^["']|["']$/g, ''));
      if (inDepends) out.push(...(key[2]!.match(/[A-Za-z0-9_-]+/g) ?? []));
    } else if (inDepends) {
      out.push(...(line.match(/[A-Za-z0-9_-]+/g) ?? []));
    }
  }
  return out.filter(Boolean);
}

function markdownBodyContext(
  ws: Workspace,
  file: string,
  kind: 'smd' | 'amd',
  lines: string[],
  pos: Position,
  before: string,
): CompletionContext | undefined {
  const line = lines[pos.line] ?? '';
  const heading = /^##[ \t]+/.exec(before);
  if (heading || before === '##') {
    const present = new Set(
      lines.flatMap((l, i) => (i !== pos.line && /^##\s/.test(l) ? [l.slice(3).trim()] : [])),
    );
    const all: readonly string[] = kind === 'smd' ? SMD_SECTIONS : AMD_SECTIONS;
    const start = heading ? heading[0].length : 2;
    return {
      kind: 'section',
      names: all.filter((name) => !present.has(name)),
      replace: range(pos.line, start, pos.line, line.length),
    };
  }
  const depends = /^\*\*Depends on:\*\*(.*)$/.exec(before);
  if (kind === 'amd' && depends) {
    const afterMarker = '**Depends on:**'.length;
    const lastComma = before.lastIndexOf(',');
    let start = Math.max(afterMarker, lastComma + 1);
    while (start < before.length && /\s/.test(before[start] ?? '')) start++;
    const nextComma = line.indexOf(',', pos.character);
    const end = nextComma === -1 ? line.trimEnd().length : nextComma;
    const listed = line
      .slice(afterMarker)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const ownHeading = currentComponent(lines, pos.line);
    const spec = ws.file(file)?.spec;
    return {
      kind: 'componentName',
      specId: spec?.kind === 'amd' ? spec.specId?.value : undefined,
      file,
      exclude: ownHeading ? [...listed, ownHeading] : listed,
      replace: range(pos.line, start, pos.line, Math.max(end, pos.character)),
    };
  }
  return undefined;
}

/** The `### Name` above `line` (the component the line belongs to). */
function currentComponent(lines: string[], line: number): string | undefined {
  for (let i = line; i >= 0; i--) {
    const text = lines[i] ?? '';
    if (text.startsWith('### ')) return text.slice(4).trim();
    if (/^##\s/.test(text)) return undefined;
  }
  return undefined;
}

function vmdContext(lines: string[], pos: Position, before: string): CompletionContext | undefined {
  const line = lines[pos.line] ?? '';
  const word = wordRange(line, pos.line, pos.character);
  if (/^@[a-z]*$/.test(before)) {
    return { kind: 'vmdDirective', replace: range(pos.line, 0, pos.line, word.end.character) };
  }
  if (/^@(spec|arch)\s+[\w-]*$/.test(before))
    return { kind: 'specId', replace: word, quote: false, exclude: [] };
  if (/^@status\s+[\w-]*$/.test(before)) {
    return { kind: 'enum', values: SPEC_STATUSES, replace: word, quote: false };
  }
  const covers = /^@covers\s+/.exec(before);
  if (!covers) return undefined;
  let start = Math.max(covers[0].length, before.lastIndexOf(',') + 1);
  while (start < before.length && /\s/.test(before[start] ?? '')) start++;
  const nextComma = line.indexOf(',', pos.character);
  const end = nextComma === -1 ? line.trimEnd().length : nextComma;
  let specId: string | undefined;
  for (const l of lines) {
    const m = /^@spec\s+([\w-]+)/.exec(l);
    if (m) {
      specId = m[1];
      break;
    }
  }
  return {
    kind: 'coversTarget',
    specId,
    replace: range(pos.line, start, pos.line, Math.max(end, pos.character)),
    quote: false,
  };
}
