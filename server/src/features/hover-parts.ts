import { relative } from 'node:path';
import type { AmdSpec, Component } from '../../../shared/src/model/amd';
import type { Requirement, SmdSpec } from '../../../shared/src/model/smd';
import type { PlanTaskView } from '../../../shared/src/project/plan-view';
import { requirementCoverage } from '../../../shared/src/project/requirement-coverage';
import type { Workspace } from '../../../shared/src/project/workspace';

/** Markdown pieces for hovers. */

/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text.includes('`') ? ` ${text} ` : text}${fence}`;
}

/** Trimmed text cut at about `max` characters, on a word boundary. */
export function excerpt(text: string, max: number): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  const cut = trimmed.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The first lines of a section body (at most 12), trimmed. */
export function sectionExcerpt(text: string, firstLine: number, lastLine: number): string {
  const lines = text.split(/\r?\n/).slice(firstLine, Math.min(lastLine, firstLine + 11) + 1);
  const body = lines.join('\n').trim();
  return lastLine - firstLine > 11 ? `${body}\n\n…` : body;
}

const asList = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : typeof value === 'string' && value !== ''
      ? [value]
      : [];

/** A plan task: title, status, spec, dependencies, outputs and verify commands. */
export function taskMarkdown(task: PlanTaskView): string {
  const raw = task.raw;
  const parts = [`**Task ${task.id ?? `#${task.index + 1}`}** — ${task.title ?? '(no title)'}`];
  const meta = [
    `status ${code(task.status ?? 'pending')}`,
    task.spec !== undefined && `spec ${code(task.spec)}`,
    typeof raw.kind === 'string' && raw.kind !== 'task' && `kind ${code(raw.kind)}`,
  ].filter(Boolean);
  parts.push(meta.join(' · '));
  const depends = asList(raw.depends_on);
  if (depends.length > 0) parts.push(`**Depends on:** ${depends.map(code).join(', ')}`);
  const outputs = asList(raw.outputs);
  parts.push(`**Outputs:** ${outputs.length > 0 ? outputs.map(code).join(', ') : 'none'}`);
  const verify = asList(raw.verify);
  parts.push(
    verify.length > 0 ? `**Verify:**\n\n\`\`\`sh\n${verify.join('\n')}\n\`\`\`` : '**Verify:** no commands',
  );
  return parts.join('\n\n');
}

/** A requirement and what covers it (VMD groups and scenarios, plan tasks), by the coverage ledger. */
export function requirementMarkdown(ws: Workspace, smd: SmdSpec, requirement: Requirement): string {
  const parts: string[] = [];
  const anchor = requirement.anchor ? ` ${code(`#${requirement.anchor}`)}` : '';
  parts.push(`**Requirement** ${requirement.title}${anchor} · spec ${code(smd.id?.value ?? '?')}`);
  const description = excerpt(requirement.description, 400);
  if (description) parts.push(description);
  const coverage = requirementCoverage(ws, smd, requirement);
  if (!coverage) return parts.join('\n\n');
  const { entry, coveredBy } = coverage;
  const tracked = ws.index.vmds.length > 0 || coveredBy.length > 0;
  if (entry.exempt) {
    parts.push('Exempt from coverage (`.no-verify`).');
  } else if (!tracked) {
    parts.push('Coverage is not tracked: the project has no `.vmd` files and no plan task `covers` it.');
  } else if (coveredBy.length === 0) {
    parts.push(
      '**Not covered** by any VMD case or plan task. Add a VMD group or scenario with `@covers`, a plan task with `covers`, or mark it `{.no-verify}`.',
    );
  }
  if (coveredBy.length > 0) {
    const rows = coveredBy.map((c) => {
      const where = relative(ws.root, c.file);
      if (c.label.startsWith('task:')) return `- plan task ${code(c.label.slice(5))} — *${where}*`;
      if (c.label.startsWith('scenario ')) return `- scenario ${code(c.label.slice(9))} — *${where}*`;
      return `- group ${code(c.label)} — *${where}*`;
    });
    parts.push(`**Covered by:**\n\n${rows.join('\n')}`);
  }
  if (coveredBy.length > 0 && entry.declaredErrorTypes.length > 0) {
    const types = entry.declaredErrorTypes.map((t) =>
      entry.coveredErrorTypes.includes(t) ? `${code(t)} ✓` : `${code(t)} (no case expects it)`,
    );
    parts.push(`**Error types:** ${types.join(', ')}`);
  }
  return parts.join('\n\n');
}

/** A component: path, description, interface, dependencies, contracts. */
export function componentMarkdown(ws: Workspace, component: Component, amd: AmdSpec): string {
  const parts = [`**Component** ${component.name} · spec ${code(amd.specId?.value ?? '?')}`];
  parts.push(`**Path:** ${component.path ? code(component.path.value) : '(no `@path`)'}`);
  const description = excerpt(component.description, 300);
  if (description) parts.push(description);
  if (component.interface) {
    parts.push(
      `**Interface:**\n\n\`\`\`${component.interfaceLanguage ?? ''}\n${component.interface.trimEnd()}\n\`\`\``,
    );
  }
  if (component.dependsOn.length > 0) {
    parts.push(`**Depends on:** ${component.dependsOn.map((d) => code(d.value)).join(', ')}`);
  }
  if (component.contracts.length > 0) {
    parts.push(`**Contracts:**\n\n${component.contracts.map((c) => `- ${c.value}`).join('\n')}`);
  }
  parts.push(`*${relative(ws.root, amd.file)}*`);
  return parts.join('\n\n');
}
