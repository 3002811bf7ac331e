/**
 * Per-language wording for the planner prompts and data for the verify-command validator (§7, §4.8).
 *
 * Field names are camelCase; the reference's (snake_case) names are given beside each field. Every
 * text field is a ready-to-insert phrase, formatted (backticks included) for the sentence the planner
 * prompts put it in; a prompt that declares one of `PROFILE_VARIABLES` gets it from the profile of its
 * `language` variable.
 */
export interface LanguageProfile {
  /** `name` — the curated key (`python`), or the language as configured for the generic fallback. */
  readonly name: string;
  /** Not in the reference: `false` for the generic fallback. */
  readonly curated: boolean;
  /** `setup_command_example` — a typical `[build] setup` command, e.g. "`cargo init`". */
  readonly setupCommandExample: string;
  /** `setup_manifest_example` — what that setup command leaves behind, e.g. "`Cargo.toml`". */
  readonly setupManifestExample: string;
  /** `scaffold_manifests` — the manifest and build files a scaffold task writes. */
  readonly scaffoldManifests: string;
  /** `build_invocation_examples` — whole-project build/install/run commands, as prose. */
  readonly buildInvocationExamples: string;
  /** `safe_verify_examples` — checks a manifest-only task can run, as prose. */
  readonly safeVerifyExamples: string;
  /** `common_verify_command` — the everyday per-task check. */
  readonly commonVerifyCommand: string;
  /** `worked_examples` — pre-formatted `<example>` blocks of planner tasks. */
  readonly workedExamples: string;
  /** `build_invocation_tokens` — validator: substrings marking a whole-project build command. */
  readonly buildInvocationTokens: readonly string[];
  /** `source_extensions` — validator: extensions of source files (with the dot). */
  readonly sourceExtensions: readonly string[];
  /** `manifest_filenames` — validator: basenames that carry a source extension but are manifests. */
  readonly manifestFilenames: readonly string[];
  /**
   * Not in the reference: words that name this language's tooling (commands, manifests, test
   * runners). A render for another language must not contain any of them (the leakage test).
   */
  readonly toolingTokens: readonly string[];
}

/** The profile text fields a prompt may declare as variables, filled from the resolved profile. */
export const PROFILE_VARIABLES = [
  'setupCommandExample',
  'setupManifestExample',
  'scaffoldManifests',
  'buildInvocationExamples',
  'safeVerifyExamples',
  'commonVerifyCommand',
  'workedExamples',
] as const satisfies readonly (keyof LanguageProfile)[];

export type ProfileVariable = (typeof PROFILE_VARIABLES)[number];

export function isProfileVariable(name: string): name is ProfileVariable {
  return (PROFILE_VARIABLES as readonly string[]).includes(name);
}

/** A profile registry error (duplicate name, empty language). */
export class ProfileError extends Error {
  override readonly name = 'ProfileError';
}
