import { type FoldingRange, FoldingRangeKind } from 'vscode-languageserver';
import type { Section } from '../../../shared/src/model/common';
import { planViewFor } from '../../../shared/src/project/plan-view';
import type { Workspace } from '../../../shared/src/project/workspace';
import { locateToml } from '../../../shared/src/store/toml-locate';
import { isTomlError, parseTomlDocument } from '../../../shared/src/store/toml-read';
import type { Range } from '../../../shared/src/text/range';
import { SourceText } from '../../../shared/src/text/source-text';

/** Collects folding ranges, dropping one-line and repeated ones and trailing blank lines. */
class Folds {
  private readonly out: FoldingRange[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly source: SourceText) {}

  add(startLine: number, endLine: number, kind?: FoldingRangeKind): void {
    let end = Math.min(endLine, this.source.lineCount - 1);
    while (end > startLine && this.source.line(end).trim() === '') end--;
    if (end <= startLine) return;
    const key = `${startLine}:${end}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.out.push(kind ? { startLine, endLine: end, kind } : { startLine, endLine: end });
  }

  range(r: Range | undefined, kind?: FoldingRangeKind): void {
    if (r) this.add(r.start.line, r.end.line, kind);
  }

  result(): FoldingRange[] {
    return this.out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  }
}

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

/** Fenced code blocks (``` or ~~~, closed by a fence of the same character at least as long). */
function codeFences(source: SourceText, folds: Folds): void {
  let open: { line: number; fence: string } | undefined;
  for (let i = 0; i < source.lineCount; i++) {
    const match = FENCE.exec(source.line(i));
    if (!match) continue;
    const fence = match[1]!;
    if (!open) open = { line: i, fence };
    else if (fence[0] === open.fence[0] && fence.length >= open.fence.length) {
      folds.add(open.line, i);
      open = undefined;
    }
  }
}

/** Runs of two or more `#` comment lines (VMD). */
function commentRuns(source: SourceText, folds: Folds): void {
  let start = -1;
  for (let i = 0; i <= source.lineCount; i++) {
    const comment = i < source.lineCount && source.line(i).trimStart().startsWith('#');
    if (comment && start === -1) start = i;
    if (!comment && start !== -1) {
      folds.add(start, i - 1, FoldingRangeKind.Comment);
      start = -1;
    }
  }
}

function sections(list: Section[], folds: Folds): void {
  for (const s of list) folds.add(s.headingRange.start.line, s.range.end.line);
}

/**
 * Folding ranges: SMD/AMD frontmatter, `##` sections, requirement, example, component and data-model
 * chunks, fenced code blocks; VMD fixtures, groups, scenarios and comment runs; plan.toml `[meta]`, every
 * `[[task]]` table and multi-line values; ossature.toml tables.
 */
export function provideFoldingRanges(ws: Workspace, file: string): FoldingRange[] {
  if (file === ws.planFile) return planFolds(ws);
  if (file === ws.configFile) return configFolds(ws.configText);
  const parsed = ws.file(file);
  if (!parsed) return [];
  const source = new SourceText(parsed.text);
  const folds = new Folds(source);
  const spec = parsed.spec;
  switch (spec.kind) {
    case 'smd':
      folds.range(spec.frontmatter?.range);
      sections(spec.sections, folds);
      for (const r of spec.requirements) folds.range(r.range);
      for (const e of spec.examples) folds.range(e.range);
      codeFences(source, folds);
      break;
    case 'amd':
      folds.range(spec.frontmatter?.range);
      sections(spec.sections, folds);
      for (const c of spec.components) folds.range(c.range);
      for (const m of spec.dataModels) folds.range(m.range);
      codeFences(source, folds);
      break;
    case 'vmd':
      for (const f of spec.fixtures) folds.range(f.range);
      for (const g of spec.groups) folds.range(g.range);
      for (const s of spec.scenarios) folds.range(s.range);
      commentRuns(source, folds);
      break;
  }
  return folds.result();
}

function planFolds(ws: Workspace): FoldingRange[] {
  const view = planViewFor(ws, ws.planText);
  if (!view) return [];
  const folds = new Folds(view.locator.source);
  folds.range(view.locator.tableRange(['meta']));
  folds.range(view.locator.valueRange(['meta', 'specs']));
  for (const task of view.tasks) {
    folds.range(task.tableRange);
    for (const key of Object.keys(task.raw)) folds.range(view.locator.valueRange(['task', task.index, key]));
  }
  return folds.result();
}

function configFolds(text: string): FoldingRange[] {
  let raw: Record<string, unknown>;
  try {
    raw = parseTomlDocument(text);
  } catch (error) {
    if (isTomlError(error)) return [];
    throw error;
  }
  const locator = locateToml(text);
  const folds = new Folds(locator.source);
  for (const [key, value] of Object.entries(raw)) {
    folds.range(locator.tableRange([key]) ?? locator.valueRange([key]));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    for (const child of Object.keys(value)) folds.range(locator.valueRange([key, child]));
  }
  return folds.result();
}
