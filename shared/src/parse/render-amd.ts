import type { AmdSpec } from '../model/amd';
import { yamlScalar } from './frontmatter-simple';
import { fenceFor } from './render-smd';

/** The content of an architecture without source ranges. */
export interface AmdContent {
  specId: string;
  status: string;
  title: string;
  overview: string;
  components: {
    name: string;
    path: string;
    description: string;
    interface: string;
    interfaceLanguage?: string;
    contracts: string[];
    dependsOn: string[];
  }[];
  dataModels: { name: string; definition: string; definitionLanguage?: string }[];
  flow: string;
  dependencies: { name: string; purpose: string }[];
  notes: string;
}

/** The content of a parsed architecture (missing values become empty strings). */
export function amdContent(spec: AmdSpec): AmdContent {
  return {
    specId: spec.specId?.value ?? '',
    status: spec.status?.value ?? '',
    title: spec.title?.value ?? '',
    overview: spec.overview,
    components: spec.components.map((c) => ({
      name: c.name,
      path: c.path?.value ?? '',
      description: c.description,
      interface: c.interface ?? '',
      interfaceLanguage: c.interfaceLanguage,
      contracts: c.contracts.map((x) => x.value),
      dependsOn: c.dependsOn.map((d) => d.value),
    })),
    dataModels: spec.dataModels.map((m) => ({
      name: m.name,
      definition: m.definition ?? '',
      definitionLanguage: m.definitionLanguage,
    })),
    flow: spec.flow,
    dependencies: spec.dependencies.map((d) => ({ name: d.name, purpose: d.purpose })),
    notes: spec.notes,
  };
}

function codeBlock(lines: string[], content: string, language = ''): void {
  const fence = fenceFor(content);
  lines.push(`${fence}${language}`, content, fence);
}

/**
 * Canonical `.amd` text (reference §2.2), as the original writes it: `# Architecture: <title>`, components with
 * `**Contracts:** None` when they have none, optional sections only when non-empty, the Flow in one fence, and
 * always a `## Notes` section.
 */
export function renderAmd(spec: AmdSpec | AmdContent): string {
  const c = 'kind' in spec ? amdContent(spec) : spec;
  const lines = [
    '---',
    `spec: ${yamlScalar(c.specId)}`,
    `status: ${yamlScalar(c.status)}`,
    '---',
    '',
    `# Architecture: ${c.title}`,
    '',
    '## Overview',
    '',
    c.overview,
    '',
  ];
  if (c.components.length > 0) {
    lines.push('## Components', '');
    for (const comp of c.components) {
      lines.push(
        `### ${comp.name}`,
        '',
        `@path: ${comp.path}`,
        '',
        comp.description,
        '',
        '**Interface:**',
        '',
      );
      codeBlock(lines, comp.interface, comp.interfaceLanguage);
      lines.push('');
      if (comp.contracts.length > 0) {
        lines.push('**Contracts:**', '');
        for (const contract of comp.contracts) lines.push(`- ${contract}`);
      } else {
        lines.push('**Contracts:** None');
      }
      if (comp.dependsOn.length > 0) lines.push('', `**Depends on:** ${comp.dependsOn.join(', ')}`);
      lines.push('');
    }
  }
  if (c.dataModels.length > 0) {
    lines.push('## Data Models', '');
    for (const m of c.dataModels) {
      lines.push(`### ${m.name}`, '');
      codeBlock(lines, m.definition, m.definitionLanguage);
      lines.push('');
    }
  }
  if (c.flow) {
    lines.push('## Flow', '');
    codeBlock(lines, c.flow);
    lines.push('');
  }
  if (c.dependencies.length > 0) {
    lines.push('## Dependencies', '');
    for (const d of c.dependencies) lines.push(`- ${d.name}: ${d.purpose}`);
    lines.push('');
  }
  lines.push('## Notes', '', c.notes);
  return lines.join('\n');
}
