/**
 * The PromptSpec data model (reference §7).
 *
 * A prompt is a fixed list of named blocks. A block's content is literal text that carries its own
 * XML-style wrapper (`<role>…</role>`), so a block can be replaced wholesale. Blocks may contain
 * `${name}` placeholders (see `template.ts`); every placeholder must be a declared variable and every
 * declared variable must appear in some block — `registerPrompt` refuses a spec that breaks either rule.
 */

/** The twelve prompt ids of the reference, in the order of §7's table. */
export const PROMPT_IDS = [
  'audit.spec_audit',
  'audit.cross_spec_audit',
  'audit.spec_fixer',
  'audit.interface_inference',
  'audit.project_brief',
  'audit.spec_brief',
  'audit.plan_initial',
  'audit.plan_replan',
  'build.implementer',
  'build.fixer',
  'build.interface_extraction',
  'build.reviewer',
] as const;

export type PromptId = (typeof PROMPT_IDS)[number];

export interface Block {
  readonly name: string;
  /** Literal text including the block's wrapper tags; may hold `${name}` placeholders. */
  readonly content: string;
}

export interface PromptSpec {
  readonly id: PromptId;
  /** Semantic version of the prompt text; bump it whenever the wording changes. */
  readonly version: string;
  readonly blocks: readonly Block[];
  /** Declared variable names, sorted. */
  readonly variables: readonly string[];
}

/** A registry, template or render error: unknown id, missing or unknown variable, bad placeholder. */
export class PromptSpecError extends Error {
  override readonly name = 'PromptSpecError';
}
