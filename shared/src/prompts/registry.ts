import { isProfileVariable } from './profiles/types';
import { renderSpec } from './render';
import { placeholders, placeholdersIn } from './template';
import { type Block, type PromptId, type PromptSpec, PromptSpecError } from './types';

/** Checks the rules `PromptRegistry.register` enforces; throws `PromptSpecError` naming the problem. */
export function checkPromptSpec(spec: PromptSpec): void {
  const { id } = spec;
  const declared = new Set(spec.variables);
  const used = new Set<string>();
  const blockNames = new Set<string>();
  for (const block of spec.blocks) {
    if (!block.name || blockNames.has(block.name)) {
      throw new PromptSpecError(`${id}: block names must be unique and non-empty (got "${block.name}")`);
    }
    blockNames.add(block.name);
    for (const name of placeholdersIn(block.content, `${id} block ${block.name}`)) used.add(name);
  }
  const undeclared = [...used].filter((name) => !declared.has(name)).sort();
  if (undeclared.length)
    throw new PromptSpecError(`${id}: undeclared variables used [${undeclared.join(', ')}]`);
  const unused = [...declared].filter((name) => !used.has(name)).sort();
  if (unused.length) throw new PromptSpecError(`${id}: declared variables never used [${unused.join(', ')}]`);
  if (!declared.has('language') && [...declared].some(isProfileVariable)) {
    throw new PromptSpecError(`${id}: profile variables need the language variable`);
  }
}

/**
 * A map from id to PromptSpec. The product uses the one default registry below, filled as the prompt
 * files are imported; tests may build their own.
 */
export class PromptRegistry {
  private readonly specs = new Map<string, PromptSpec>();

  /**
   * Adds a spec after `checkPromptSpec`. Refused: a duplicate id, an empty or repeated block name, a
   * malformed placeholder, an undeclared placeholder, a declared variable no block uses, and profile
   * variables without `language` (they are looked up through it).
   */
  register(spec: PromptSpec): PromptSpec {
    if (this.specs.has(spec.id)) throw new PromptSpecError(`duplicate PromptSpec id: ${spec.id}`);
    checkPromptSpec(spec);
    this.specs.set(spec.id, spec);
    return spec;
  }

  /** The registered spec, or `PromptSpecError` for an unknown id. */
  get(id: string): PromptSpec {
    const spec = this.specs.get(id);
    if (!spec) throw new PromptSpecError(`unknown PromptSpec id: ${id}`);
    return spec;
  }

  /** Registered ids, sorted. */
  ids(): string[] {
    return [...this.specs.keys()].sort();
  }

  /** `renderSpec` of the spec registered under `id`. */
  render(id: string, vars: Readonly<Record<string, string>> = {}): string {
    return renderSpec(this.get(id), vars);
  }
}

/** The registry every prompt file registers into. */
export const defaultRegistry = new PromptRegistry();

export function registerPrompt(spec: PromptSpec): PromptSpec {
  return defaultRegistry.register(spec);
}

export function getPrompt(id: string): PromptSpec {
  return defaultRegistry.get(id);
}

export function registeredIds(): string[] {
  return defaultRegistry.ids();
}

/**
 * Renders a registered prompt; see `renderSpec`. Throws `PromptSpecError` for an unknown id, a missing
 * variable or an unknown variable, naming the prompt and the variables.
 */
export function render(id: string, vars: Readonly<Record<string, string>> = {}): string {
  return defaultRegistry.render(id, vars);
}

/**
 * Builds a spec from its variables and a function of their placeholders, so block text writes
 * `${v.language}` and a misspelt variable fails to compile.
 */
export function definePrompt<const V extends string>(definition: {
  id: PromptId;
  version: string;
  variables: readonly V[];
  blocks: (v: Readonly<Record<V, string>>) => Block[];
}): PromptSpec {
  return {
    id: definition.id,
    version: definition.version,
    variables: [...definition.variables].sort(),
    blocks: definition.blocks(placeholders(definition.variables)),
  };
}
