import { genericProfile } from './generic';
import { javascript } from './javascript';
import { lua } from './lua';
import { python } from './python';
import { rust } from './rust';
import { type LanguageProfile, ProfileError } from './types';
import { typescript } from './typescript';
import { zig } from './zig';

export { genericProfile } from './generic';
export * from './types';

const curated = new Map<string, LanguageProfile>();

/** Adds a curated profile; its `name` is the lookup key. A second profile with that name is an error. */
export function registerProfile(profile: LanguageProfile): void {
  const key = profile.name.toLowerCase();
  if (curated.has(key)) throw new ProfileError(`duplicate language profile: ${profile.name}`);
  curated.set(key, profile);
}

for (const profile of [python, rust, javascript, typescript, lua, zig]) registerProfile(profile);

/** Names of the curated profiles, sorted (the generic fallback is not among them). */
export function curatedProfileNames(): string[] {
  return [...curated.keys()].sort();
}

/**
 * The profile for a configured `[output] language`: the curated one whose name matches (ignoring case
 * and surrounding spaces — the reference matches case-sensitively), else the generic profile worded
 * from the trimmed name. An empty name is an error.
 */
export function profileFor(language: string): LanguageProfile {
  const name = language.trim();
  if (name === '') throw new ProfileError('no language given: set [output] language in ossature.toml');
  return curated.get(name.toLowerCase()) ?? genericProfile(name);
}
