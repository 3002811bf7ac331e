import type { AmdSpec } from '../model/amd';
import type { SmdSpec } from '../model/smd';
import { fenceFor } from '../parse/render-smd';

/**
 * The cross-spec auditor's user prompt (reference §4.3): the dependency graph, then a condensed summary of
 * every spec — overview, requirement titles and, for specs with AMDs, components (description, component
 * dependencies, interface, contracts), data models and external dependencies.
 *
 * Byte-identical to the original for SMD-only projects. Two things differ on purpose where AMDs are
 * involved: the original indented only the first line of a multi-line interface and wrote data models as
 * the literal text `{dm.definition}` (a missing f-string); here every code line is indented two spaces and
 * the definition is written. Contracts (required since 0.1.0) are listed under each component.
 */

export interface CrossSpecEntry {
  smd: SmdSpec;
  /** The spec's AMDs, in file order. */
  amds: readonly AmdSpec[];
}

const indented = (text: string) =>
  text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');

function codeBlock(lines: string[], code: string, language: string | undefined): void {
  const fence = fenceFor(code);
  lines.push(`  ${fence}${language ?? ''}`, indented(code), `  ${fence}`);
}

/** Builds the prompt from the specs in the order they are listed (the project's spec-file order). */
export function buildCrossSpecInput(entries: readonly CrossSpecEntry[]): string {
  const graph = ['## Spec Dependency Graph\n'];
  for (const { smd } of entries) {
    const deps = smd.depends.map((d) => d.value);
    graph.push(`- ${smd.id?.value ?? ''}: depends on [${deps.length > 0 ? deps.join(', ') : '(none)'}]`);
  }

  const summary = ['\n## Spec Summaries\n'];
  for (const { smd, amds } of entries) {
    summary.push(`### ${smd.id?.value ?? ''}: ${smd.title?.value ?? ''}\n`);
    summary.push(`**Overview:** ${smd.overview}\n`);
    if (smd.requirements.length > 0) {
      summary.push('**Requirements:**');
      for (const r of smd.requirements) summary.push(`- ${r.title}`);
      summary.push('');
    }
    const components = amds.flatMap((amd) => amd.components);
    if (components.length > 0) {
      summary.push('**Components:**');
      for (const c of components) {
        const deps =
          c.dependsOn.length > 0 ? ` [depends: ${c.dependsOn.map((d) => d.value).join(', ')}]` : '';
        summary.push(`- ${c.name}: ${c.description}${deps}`);
        if (c.interface) codeBlock(summary, c.interface, c.interfaceLanguage);
        if (c.contracts.length > 0) {
          summary.push('  **Contracts:**');
          for (const contract of c.contracts) summary.push(`  - ${contract.value}`);
        }
      }
      summary.push('');
    }
    const models = amds.flatMap((amd) => amd.dataModels);
    if (models.length > 0) {
      summary.push('**Data Models:**');
      for (const m of models) {
        summary.push(`- ${m.name}`);
        if (m.definition) codeBlock(summary, m.definition, m.definitionLanguage);
      }
      summary.push('');
    }
    const external = amds.flatMap((amd) => amd.dependencies);
    if (external.length > 0) {
      summary.push('**External Dependencies:**');
      for (const d of external) summary.push(`- ${d.name}: ${d.purpose}`);
      summary.push('');
    }
  }
  return `${graph.join('\n')}\n${summary.join('\n')}`;
}
