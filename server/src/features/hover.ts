import { relative } from 'node:path';
import { type Hover, MarkupKind } from 'vscode-languageserver';
import { planViewFor } from '../../../shared/src/project/plan-view';
import type { ArchRefTarget, SpecRefTarget } from '../../../shared/src/project/refs';
import {
  planFilePath,
  resolveComponent,
  resolveCoversTarget,
  resolvePlanRef,
  specById,
} from '../../../shared/src/project/symbol-resolve';
import { type SymbolAt, symbolAt } from '../../../shared/src/project/symbols';
import type { Workspace } from '../../../shared/src/project/workspace';
import type { Position } from '../../../shared/src/text/range';
import {
  code,
  componentMarkdown,
  excerpt,
  requirementMarkdown,
  sectionExcerpt,
  taskMarkdown,
} from './hover-parts';

/**
 * Hover: on a spec id anywhere it is written, the spec's title, status, priority, overview, dependencies
 * and dependents; on a plan task id, the task; on a requirement heading or a coverage target, what covers
 * it (the coverage ledger's rules); on a component, its path and interface; on a plan ref, what it
 * inlines; on a plan file entry, the file and the tasks naming it.
 */
export function provideHover(ws: Workspace, file: string, position: Position): Hover | null {
  const symbol = symbolAt(ws, file, position);
  if (!symbol) return null;
  const value = hoverMarkdown(ws, symbol);
  if (value === undefined) return null;
  return { contents: { kind: MarkupKind.Markdown, value }, range: symbol.range };
}

function hoverMarkdown(ws: Workspace, symbol: SymbolAt): string | undefined {
  switch (symbol.kind) {
    case 'specId':
      return specMarkdown(ws, symbol.id);
    case 'taskId': {
      const task = planViewFor(ws, ws.planText)?.tasksById.get(symbol.id)?.[0];
      return task ? taskMarkdown(task) : `Unknown task ${code(symbol.id)}: no \`[[task]]\` has this id.`;
    }
    case 'requirement': {
      const smd = ws.file(symbol.file)?.spec;
      return smd?.kind === 'smd' ? requirementMarkdown(ws, smd, symbol.requirement) : undefined;
    }
    case 'covers': {
      const found = resolveCoversTarget(ws, symbol.specId, symbol.target);
      if (found) return requirementMarkdown(ws, found.smd, found.requirement);
      return symbol.specId === undefined
        ? 'No `@spec` to resolve this target in.'
        : `${code(symbol.target)} names no requirement of ${code(symbol.specId)}.`;
    }
    case 'component': {
      const found = resolveComponent(ws, symbol);
      return found
        ? componentMarkdown(ws, found.component, found.amd)
        : `Unknown component ${code(symbol.name)}: no \`### ${symbol.name}\` under \`## Components\`.`;
    }
    case 'planRef': {
      const target = resolvePlanRef(ws, symbol);
      if (!target) {
        return symbol.specId === undefined
          ? 'The task has no `spec` to resolve this ref in.'
          : `${code(symbol.ref)} names nothing in ${code(symbol.specId)}.`;
      }
      return refTargetMarkdown(ws, target);
    }
    case 'planFile':
      return planFileMarkdown(ws, symbol);
  }
}

/** The spec card: title, status, priority, overview, dependencies and dependents. */
export function specMarkdown(ws: Workspace, id: string): string {
  const smd = specById(ws, id);
  if (!smd) return `Unknown spec ${code(id)}: no \`.smd\` declares this id.`;
  const parts: string[] = [];
  parts.push(`**${smd.title?.value ?? id}** · ${code(id)}`);
  const meta = [
    smd.status && `status ${code(smd.status.value)}`,
    smd.priority && `priority ${code(smd.priority.value)}`,
  ].filter(Boolean);
  if (meta.length > 0) parts.push(meta.join(' · '));
  const overview = excerpt(smd.overview, 600);
  if (overview) parts.push(overview);
  const named = (depId: string) => {
    const title = specById(ws, depId)?.title?.value;
    return title ? `${code(depId)} (${title})` : `${code(depId)} (unknown)`;
  };
  const deps = smd.depends.map((d) => d.value);
  parts.push(`**Depends on:** ${deps.length > 0 ? deps.map(named).join(', ') : 'nothing'}`);
  const dependents = ws.index.dependents.get(id) ?? [];
  parts.push(`**Dependents:** ${dependents.length > 0 ? dependents.map((d) => code(d)).join(', ') : 'none'}`);
  const extras: string[] = [];
  const amds = ws.index.amdsBySpec.get(id)?.length ?? 0;
  const vmds = ws.index.vmdsBySpec.get(id)?.length ?? 0;
  if (amds > 0) extras.push(`${amds} architecture file${amds === 1 ? '' : 's'}`);
  if (vmds > 0) extras.push(`${vmds} verification file${vmds === 1 ? '' : 's'}`);
  parts.push(`*${relative(ws.root, smd.file)}*${extras.length > 0 ? ` · ${extras.join(' · ')}` : ''}`);
  return parts.join('\n\n');
}

function refTargetMarkdown(ws: Workspace, target: SpecRefTarget | ArchRefTarget): string {
  switch (target.kind) {
    case 'requirement': {
      const smd = ws.file(target.file)?.spec;
      return smd?.kind === 'smd'
        ? requirementMarkdown(ws, smd, target.requirement)
        : target.requirement.title;
    }
    case 'example':
      return `**Example** ${target.example.name}\n\n*${relative(ws.root, target.file)}*`;
    case 'component':
      return componentMarkdown(ws, target.component, target.amd);
    case 'dataModel': {
      const model = target.dataModel;
      const body = model.definition
        ? `\n\n\`\`\`${model.definitionLanguage ?? ''}\n${model.definition.trimEnd()}\n\`\`\``
        : '';
      return `**Data model** ${model.name}${body}\n\n*${relative(ws.root, target.file)}*`;
    }
    case 'section': {
      if (!target.section || !target.file)
        return `Section ${code(target.name)} (not present: inlines nothing).`;
      const text = ws.file(target.file)?.text ?? '';
      const body = sectionExcerpt(text, target.section.bodyStartLine, target.section.bodyEndLine);
      return `**## ${target.name}** · *${relative(ws.root, target.file)}*${body ? `\n\n${body}` : ''}`;
    }
  }
}

function planFileMarkdown(ws: Workspace, symbol: Extract<SymbolAt, { kind: 'planFile' }>): string {
  const path = planFilePath(ws, symbol);
  const parts = [`**${symbol.field}** ${code(symbol.path)}`];
  if (path) parts.push(`*${relative(ws.root, path)}*`);
  else parts.push('A pattern: it names every file it matches.');
  if (symbol.field === 'outputs' || symbol.field === 'inject_files') {
    const view = planViewFor(ws, ws.planText);
    const producers = new Set<string>();
    for (const v of view?.valuesByText.get(symbol.path) ?? []) {
      if (v.field !== 'outputs' || v.taskIndex === undefined) continue;
      const id = view?.tasks[v.taskIndex]?.id;
      if (id !== undefined) producers.add(id);
    }
    if (producers.size > 0) parts.push(`Written by task ${[...producers].map((p) => code(p)).join(', ')}`);
  }
  return parts.join('\n\n');
}
