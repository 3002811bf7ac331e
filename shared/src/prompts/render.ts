import { profileFor } from './profiles';
import { isProfileVariable } from './profiles/types';
import { substitute } from './template';
import { type PromptSpec, PromptSpecError } from './types';

/** Blocks are separated by one blank line. */
export const BLOCK_SEPARATOR = '\n\n';

/**
 * Renders a spec. Pure: the same spec and variables always give the same text.
 *
 * - A variable the caller passes that the spec does not declare → `"<id>: unknown variables [...]"`.
 * - A declared variable with no value → `"<id>: missing variables [...]"`.
 * - An empty `language` → `"<id>: the language variable is empty"`.
 *
 * When the spec declares `language`, each declared profile variable (`PROFILE_VARIABLES`) the caller
 * did not pass is taken from `profileFor(language)`; values the caller passes win. Values are
 * inserted verbatim (see `template.ts` for the placeholder syntax and the `$${` escape).
 */
export function renderSpec(spec: PromptSpec, vars: Readonly<Record<string, string>> = {}): string {
  const { id } = spec;
  const declared = new Set(spec.variables);
  const unknown = Object.keys(vars)
    .filter((name) => !declared.has(name))
    .sort();
  if (unknown.length) throw new PromptSpecError(`${id}: unknown variables [${unknown.join(', ')}]`);

  const values: Record<string, string> = {};
  const language = vars.language;
  if (declared.has('language') && language !== undefined) {
    if (language.trim() === '') throw new PromptSpecError(`${id}: the language variable is empty`);
    const fromProfile = spec.variables.filter((name) => isProfileVariable(name) && vars[name] === undefined);
    if (fromProfile.length) {
      const profile = profileFor(language);
      for (const name of fromProfile) if (isProfileVariable(name)) values[name] = profile[name];
    }
  }
  Object.assign(values, vars);
  const missing = spec.variables.filter((name) => values[name] === undefined);
  if (missing.length) throw new PromptSpecError(`${id}: missing variables [${missing.join(', ')}]`);

  return spec.blocks
    .map((block) => substitute(block.content, values, `${id} block ${block.name}`))
    .join(BLOCK_SEPARATOR);
}
