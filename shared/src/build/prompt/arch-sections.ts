import type { AmdSpec, Component, DataModel } from '../../model/amd';
import { fenceFor } from '../../parse/render-smd';
import { resolveArchRef } from '../../project/refs';

/**
 * A task's `arch_refs` and owned components rendered for its prompts (reference §5.3 step 5), text for
 * text as the original. A spec's AMDs are merged: Overview, Flow and Notes join every AMD's text, and
 * Dependencies every AMD's bullets. A component is `### Name`, `@path:`, description, the interface in a
 * fence tagged with its language, then its contracts (when included) and `**Depends on:**`.
 *
 * Departures: refs resolve through `project/refs.ts` (as plan validation does), so a bare component or
 * data-model name resolves too; fences grow past any backtick run in the content; and a component whose
 * AMD predates the `**Contracts:**` marker (before 0.1.0) shows no contracts line rather than `None`, as
 * the versions that accepted such AMDs rendered it.
 */

function codeBlock(content: string, language = ''): string {
  const fence = fenceFor(content);
  return `${fence}${language}\n${content}\n${fence}`;
}

export function renderComponent(c: Component, includeContracts = true): string {
  const parts = [
    `### ${c.name}`,
    `@path: ${c.path?.value ?? ''}`,
    c.description,
    `**Interface:**`,
    codeBlock(c.interface ?? '', c.interfaceLanguage),
  ];
  if (includeContracts) {
    if (c.contracts.length > 0) {
      parts.push(`**Contracts:**\n\n${c.contracts.map((x) => `- ${x.value}`).join('\n')}`);
    } else if (c.contractsNone) {
      parts.push('**Contracts:** None');
    }
  }
  if (c.dependsOn.length > 0) parts.push(`**Depends on:** ${c.dependsOn.map((d) => d.value).join(', ')}`);
  return parts.join('\n\n');
}

export function renderDataModel(m: DataModel): string {
  return `### ${m.name}\n\n${codeBlock(m.definition ?? '', m.definitionLanguage)}`;
}

const joined = (title: string, texts: string[]): string | undefined => {
  const present = texts.filter((text) => text !== '');
  return present.length > 0 ? `### ${title}\n\n${present.join('\n\n')}` : undefined;
};

/** One named section over all of a spec's AMDs, or undefined when none has anything under it. */
function renderSection(amds: readonly AmdSpec[], name: string): string | undefined {
  switch (name) {
    case 'Overview':
      return joined(
        'Overview',
        amds.map((a) => a.overview),
      );
    case 'Notes':
      return joined(
        'Notes',
        amds.map((a) => a.notes),
      );
    case 'Flow': {
      const flows = amds.map((a) => a.flow).filter((flow) => flow !== '');
      return flows.length > 0 ? `### Flow\n\n${codeBlock(flows.join('\n\n'))}` : undefined;
    }
    case 'Dependencies': {
      const deps = amds.flatMap((a) => a.dependencies);
      return deps.length > 0
        ? `### Dependencies\n\n${deps.map((d) => `- ${d.name}: ${d.purpose}`).join('\n')}`
        : undefined;
    }
    case 'Components': {
      const components = amds.flatMap((a) => a.components);
      return components.length > 0 ? components.map((c) => renderComponent(c)).join('\n\n') : undefined;
    }
    case 'Data Models': {
      const models = amds.flatMap((a) => a.dataModels);
      return models.length > 0 ? models.map(renderDataModel).join('\n\n') : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The prompt block for one `arch_refs` entry (without a legacy prefix), or undefined when it names nothing
 * in `amds` or a section they leave empty. A named component is shown with its contracts.
 */
export function renderArchRef(amds: readonly AmdSpec[], ref: string): string | undefined {
  if (amds.length === 0) return undefined;
  const target = resolveArchRef(ref.trim(), amds);
  switch (target?.kind) {
    case 'component':
      return renderComponent(target.component);
    case 'dataModel':
      return renderDataModel(target.dataModel);
    case 'section':
      return renderSection(amds, target.name);
    default:
      return undefined;
  }
}
