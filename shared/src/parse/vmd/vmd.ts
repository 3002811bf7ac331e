import { basename, extname } from 'node:path';
import { VMD_CODES } from '../../diagnostics/codes-vmd';
import type { Group, VmdSpec } from '../../model/vmd';
import { EMPTY_RANGE, type Range, range } from '../../text/range';
import { SourceText } from '../../text/source-text';
import type { ParseResult } from '../parse-result';
import { firstWord, type Span, span, spanRange, trimSpan, VmdContext } from './context';
import { collectFixture, handleDirective } from './directives';
import { type GroupBuilder, parseRow, parseSignature } from './groups';
import { commentStart } from './json-cell';
import {
  finishScenario,
  parseOutputLine,
  parseScenarioHeader,
  parseScenarioStep,
  type ScenarioBuilder,
} from './scenarios';

type Stanza =
  | { kind: 'group'; b: GroupBuilder }
  | { kind: 'scenario'; b: ScenarioBuilder }
  | { kind: 'invalid' };

/** Line `index` without its `# comment` and surrounding whitespace. */
function contentOf(index: number, raw: string): Span {
  return trimSpan(span(index, 0, raw.slice(0, commentStart(raw))));
}

/**
 * Parses a `.vmd` verification file (reference §2.3) and runs every parse-level check of §3.1. Two passes:
 * fixtures first (so any line may use any fixture), then directives, groups and scenarios. The spec is
 * always returned, filled as far as the text allows: a group keeps its good rows, a scenario its good steps.
 */
export function parseVmd(text: string, file: string): ParseResult<VmdSpec> {
  const src = new SourceText(text);
  const ctx = new VmdContext(src, file);
  const lines = src.lines;

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (!raw.trimStart().startsWith('@fixture')) continue;
    const content = contentOf(i, raw);
    if (firstWord(content).word.text === '@fixture') collectFixture(ctx, content);
  }
  ctx.spec.fixtures = [...ctx.fixtures.values()];

  const groups: GroupBuilder[] = [];
  const scenarios: ScenarioBuilder[] = [];
  const groupKeys = new Map<string, Group>();
  const slugs = new Map<string, Range>();
  let current: Stanza | undefined;

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const trimmed = trimSpan(span(i, 0, raw));
    if (!trimmed.text) {
      current = undefined;
      continue;
    }
    if (current?.kind === 'scenario' && trimmed.text.startsWith('>')) {
      parseOutputLine(ctx, current.b, trimmed);
      continue;
    }
    const content = trimmed.text.includes('#') ? contentOf(i, raw) : trimmed;
    if (!content.text) continue; // a comment line keeps the stanza open
    if (content.text.startsWith('@')) {
      current = undefined;
      const { word, rest } = firstWord(content);
      handleDirective(ctx, word, rest);
      continue;
    }
    const header = content.text.startsWith('scenario') ? parseScenarioHeader(ctx, content, slugs) : undefined;
    if (header) {
      ctx.spec.scenarios.push(header.scenario);
      scenarios.push(header);
      current = { kind: 'scenario', b: header };
      continue;
    }
    if (current?.kind === 'scenario') {
      parseScenarioStep(ctx, current.b, content);
      continue;
    }
    if (!current) {
      current = startGroup(ctx, content, groupKeys);
      if (current.kind === 'group') {
        groups.push(current.b);
        ctx.spec.groups.push(current.b.group);
      }
      continue;
    }
    if (current.kind === 'group') parseRow(ctx, current.b, content);
  }

  finish(ctx, groups, scenarios);
  return { spec: ctx.spec, diagnostics: ctx.diagnostics };
}

function startGroup(ctx: VmdContext, line: Span, groupKeys: Map<string, Group>): Stanza {
  const b = parseSignature(ctx, line);
  if (!b) {
    ctx.report(VMD_CODES.signatureUnrecognised, spanRange(line), unrecognisedMessage(line.text));
    return { kind: 'invalid' };
  }
  const { group } = b;
  if (b.checkRows) {
    const key = `${group.name.toLowerCase()}\u0000${group.arity}`;
    const first = groupKeys.get(key);
    if (first) {
      const sameCase = first.name === group.name;
      ctx.report(
        VMD_CODES.groupDuplicate,
        group.nameRange,
        `Duplicate group '${group.name}' with ${group.arity} parameter(s)${sameCase ? '' : ` (group names compare case-insensitively: '${first.name}')`}: merge the rows into the first group, or rename one.`,
        { related: [{ range: first.nameRange, message: `group '${first.name}' first declared here` }] },
      );
    } else {
      groupKeys.set(key, group);
    }
  }
  return { kind: 'group', b };
}

function unrecognisedMessage(text: string): string {
  if (/^scenario\b/.test(text) && !text.endsWith(':')) {
    return "A scenario header ends with ':': write 'scenario <what it shows>:'.";
  }
  if (text.includes('|')) {
    return `This looks like a case row, but it is not inside a group: rows go right below a signature line 'name(params)', with no blank line between.`;
  }
  return `Expected a group signature like 'name(param1, param2)' or a 'scenario name:' stanza, got '${text}'.`;
}

/** Checks that need the whole file. */
function finish(ctx: VmdContext, groups: GroupBuilder[], scenarios: ScenarioBuilder[]): void {
  if (ctx.pendingCovers.length > 0 && ctx.pendingCoversRange) {
    ctx.report(
      VMD_CODES.coversDangling,
      ctx.pendingCoversRange,
      '@covers is not followed by a group or scenario: put it right above the group signature or scenario it describes, or remove it.',
    );
  }
  if (!ctx.directives.has('@spec')) {
    const id =
      basename(ctx.file, extname(ctx.file))
        .replace(/[^A-Za-z0-9_-]+/g, '_')
        .toUpperCase() || 'SPEC_ID';
    ctx.report(
      VMD_CODES.specMissing,
      firstContentRange(ctx.src),
      'Missing required directive @spec: start the file with `@spec ID`, the id of the .smd spec these cases verify.',
      {
        fixes: [
          {
            title: `Add '@spec ${id}'`,
            edits: [{ file: ctx.file, range: EMPTY_RANGE, newText: `@spec ${id}\n` }],
          },
        ],
      },
    );
  }
  for (const b of groups) {
    if (b.rowCount > 0) continue;
    ctx.report(
      VMD_CODES.groupNoRows,
      b.group.signatureRange,
      `Group '${b.group.name}' has no case rows: add rows 'case_name | input… | expected' right below the signature (no blank line between).`,
    );
  }
  for (const b of scenarios) finishScenario(ctx, b);
  if (groups.length === 0 && scenarios.length === 0) {
    ctx.report(
      VMD_CODES.noCases,
      firstContentRange(ctx.src),
      "No case groups or scenarios found: add at least one group ('name(params)' and rows) or 'scenario name:' stanza.",
    );
  }
}

/** The first line with content (trimmed), or the start of the file. */
function firstContentRange(src: SourceText): Range {
  for (let i = 0; i < src.lineCount; i++) {
    if (src.line(i).trim()) return src.trimmedLineRange(i);
  }
  return range(0, 0, 0, 0);
}
