import type { AmdSpec } from '../model/amd';
import type { SmdSpec } from '../model/smd';
import { fenceFor, renderSmd } from '../parse/render-smd';

/**
 * Interface files at audit time (reference §2.8, §4.5): `context/interfaces/<SPEC>.md`, written from the
 * spec's AMDs (deterministic, `@source: amd`) or inferred by a model for SMD-only specs (`@source: llm`).
 */

/** The interface file of an AMD-backed spec: components (path, description, interface, contracts,
 * component dependencies) then data models, over all of the spec's AMDs in order. */
export function interfaceFromAmds(specId: string, amds: readonly AmdSpec[], language: string): string {
  const lines = [`# Interface: ${specId}`, '', '@source: amd', ''];
  const block = (code: string, lang: string | undefined) => {
    const fence = fenceFor(code);
    lines.push(`${fence}${lang || language}`, code, fence, '');
  };
  const components = amds.flatMap((amd) => amd.components);
  if (components.length > 0) {
    lines.push('## Components', '');
    for (const c of components) {
      lines.push(`### ${c.name}`, '', `**Path:** \`${c.path?.value ?? ''}\``, '', c.description, '');
      if (c.interface) block(c.interface, c.interfaceLanguage);
      if (c.contracts.length > 0) {
        lines.push('**Contracts:**', '');
        for (const contract of c.contracts) lines.push(`- ${contract.value}`);
        lines.push('');
      }
      if (c.dependsOn.length > 0)
        lines.push(`**Depends on:** ${c.dependsOn.map((d) => d.value).join(', ')}`, '');
    }
  }
  const models = amds.flatMap((amd) => amd.dataModels);
  if (models.length > 0) {
    lines.push('## Data Models', '');
    for (const m of models) {
      lines.push(`### ${m.name}`, '');
      if (m.definition) block(m.definition, m.definitionLanguage);
    }
  }
  return lines.join('\n');
}

/**
 * The user prompt of the interface-inference call for an SMD-only spec: the rendered SMD, then the interface
 * files of its dependencies that exist, so the proposed interface fits them.
 */
export function interfaceInferenceUserPrompt(
  smd: SmdSpec,
  dependencyInterfaces: ReadonlyMap<string, string> = new Map(),
): string {
  const sections = [renderSmd(smd)];
  if (dependencyInterfaces.size > 0) {
    sections.push(
      '\n---\n',
      '## Dependency Interfaces\n',
      'This spec depends on the modules below. Keep the interface you propose consistent with theirs: use ' +
        'their types and functions as they are declared here.\n',
    );
    for (const text of dependencyInterfaces.values()) sections.push(text, '');
  }
  return sections.join('\n');
}

/** The interface file written from a model's inferred interface. */
export function inferredInterfaceFile(specId: string, modelText: string): string {
  return `# Interface: ${specId}\n\n@source: llm\n\n${modelText}`;
}

export interface InterfacePlanInput {
  /** Topological levels of the spec graph. */
  levels: readonly (readonly string[])[];
  /** Spec id → its SMD `depends`. */
  depends: ReadonlyMap<string, readonly string[]>;
  /** Specs that have at least one AMD. */
  amdBacked: ReadonlySet<string>;
  /** Specs audited this run. */
  audited: Iterable<string>;
  /** Specs whose `context/interfaces/<id>.md` is missing. */
  missing: Iterable<string>;
}

export interface InterfaceStep {
  specId: string;
  /** `amd`: written from the AMDs; `llm`: inferred by the model. */
  source: 'amd' | 'llm';
}

/**
 * Which interfaces to (re)write this run, in level order: the audited specs and those missing a file, plus
 * every SMD-only spec that depends, directly or through other SMD-only specs, on one of them (its inferred
 * interface may change with its dependency's). AMD-backed specs are not pulled in: their interface comes
 * from their AMDs alone, and propagation does not pass through them.
 */
export function planInterfaces(input: InterfacePlanInput): InterfaceStep[] {
  const set = new Set<string>([...input.audited, ...input.missing]);
  const all = input.levels.flat();
  let grew = true;
  while (grew) {
    grew = false;
    for (const id of all) {
      if (set.has(id) || input.amdBacked.has(id)) continue;
      if ((input.depends.get(id) ?? []).some((dep) => set.has(dep))) {
        set.add(id);
        grew = true;
      }
    }
  }
  return all
    .filter((id) => set.has(id))
    .map((specId) => ({ specId, source: input.amdBacked.has(specId) ? 'amd' : 'llm' }));
}
