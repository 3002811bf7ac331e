import type { SmdSpec } from '../model/smd';
import { yamlScalar } from './frontmatter-simple';

/** The content of a spec without source ranges: what `ossature new` fills in and the renderer writes. */
export interface SmdContent {
  id: string;
  status: string;
  priority: string;
  depends: string[];
  title: string;
  overview: string;
  goals: string[];
  nonGoals: string[];
  requirements: {
    title: string;
    anchor?: string;
    noVerify: boolean;
    description: string;
    accepts: string;
    returns: string;
    errors: { condition: string; response: string }[];
  }[];
  constraints: string[];
  examples: { name: string; input: string; output: string }[];
  acceptanceCriteria: string[];
  notes: string;
}

/** The content of a parsed spec (missing values become empty strings). */
export function smdContent(spec: SmdSpec): SmdContent {
  const values = (list: { value: string }[]) => list.map((x) => x.value);
  return {
    id: spec.id?.value ?? '',
    status: spec.status?.value ?? '',
    priority: spec.priority?.value ?? '',
    depends: values(spec.depends),
    title: spec.title?.value ?? '',
    overview: spec.overview,
    goals: values(spec.goals),
    nonGoals: values(spec.nonGoals),
    requirements: spec.requirements.map((r) => ({
      title: r.title,
      anchor: r.anchor,
      noVerify: r.noVerify,
      description: r.description,
      accepts: r.accepts?.value ?? '',
      returns: r.returns?.value ?? '',
      errors: r.errors.map((e) => ({ condition: e.condition, response: e.response })),
    })),
    constraints: values(spec.constraints),
    examples: spec.examples.map((e) => ({ name: e.name, input: e.input ?? '', output: e.output ?? '' })),
    acceptanceCriteria: values(spec.acceptanceCriteria),
    notes: spec.notes,
  };
}

/** A fence long enough not to be closed by a backtick line inside `content` (``` unless the content has one). */
export function fenceFor(content: string): string {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < content.length; i++) {
    if (content.charCodeAt(i) === 96) {
      run++;
      if (run > longest) longest = run;
    } else run = 0;
  }
  return '`'.repeat(Math.max(3, longest + 1));
}

function bulletSection(lines: string[], name: string, items: string[]): void {
  if (items.length === 0) return;
  lines.push(`## ${name}`, '');
  for (const item of items) lines.push(`- ${item}`);
  lines.push('');
}

/**
 * Canonical `.smd` text (reference §2.1 "Canonical rendering"), line for line what the original writes for
 * snapshots and `ossature new`: frontmatter with an inline `depends` list, sections in order (empty bullet
 * sections left out), and always a `## Notes` section.
 */
export function renderSmd(spec: SmdSpec | SmdContent): string {
  const c = 'kind' in spec ? smdContent(spec) : spec;
  const lines = [
    '---',
    `id: ${yamlScalar(c.id)}`,
    `status: ${yamlScalar(c.status)}`,
    `priority: ${yamlScalar(c.priority)}`,
    `depends: [${c.depends.map(yamlScalar).join(', ')}]`,
    '---',
    '',
    `# ${c.title}`,
    '',
    '## Overview',
    '',
    c.overview,
    '',
  ];
  bulletSection(lines, 'Goals', c.goals);
  bulletSection(lines, 'Non-Goals', c.nonGoals);
  lines.push('## Requirements', '');
  for (const r of c.requirements) {
    const markers = [r.anchor ? `#${r.anchor}` : '', r.noVerify ? '.no-verify' : ''].filter(Boolean);
    const heading = markers.length > 0 ? `${r.title} {${markers.join(' ')}}` : r.title;
    lines.push(
      `### ${heading}`,
      '',
      r.description,
      '',
      `**Accepts:** ${r.accepts}`,
      '',
      `**Returns:** ${r.returns}`,
    );
    if (r.errors.length > 0) {
      lines.push('', '**Errors:**', '');
      for (const e of r.errors) lines.push(`- ${e.condition} -> ${e.response}`);
    }
    lines.push('');
  }
  bulletSection(lines, 'Constraints', c.constraints);
  if (c.examples.length > 0) {
    lines.push('## Examples', '');
    for (const e of c.examples) {
      const fi = fenceFor(e.input);
      const fo = fenceFor(e.output);
      lines.push(
        `### ${e.name}`,
        '',
        '**Input:**',
        '',
        fi,
        e.input,
        fi,
        '',
        '**Output:**',
        '',
        fo,
        e.output,
        fo,
        '',
      );
    }
  }
  bulletSection(lines, 'Acceptance Criteria', c.acceptanceCriteria);
  lines.push('## Notes', '', c.notes);
  return lines.join('\n');
}
