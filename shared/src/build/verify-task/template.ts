import { posix } from 'node:path';

/**
 * Token substitution for the generated harnesses: a harness is a fixed template whose `__TOKEN__`
 * placeholders are replaced in one pass (a value is never scanned again), so nothing in the grading path
 * is written by a model and the same cases always give the same bytes.
 */

/** Replaces each `__NAME__` of `tokens` in `template`; throws when the template uses a token not given. */
export function fillTemplate(template: string, tokens: Readonly<Record<string, string>>): string {
  const pattern = new RegExp(`__(${Object.keys(tokens).join('|')})__`, 'g');
  const unknown = /__[A-Z][A-Z0-9_]*/.exec(template.replace(pattern, ''));
  if (unknown) throw new Error(`harness template placeholder ${unknown[0]}… has no value`);
  return template.replace(pattern, (_, name: string) => tokens[name]!);
}

/** Text safe inside a one-line comment: line breaks and other control characters become `?`. */
export function commentText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, '?');
}

/** How many folders deep a `/`-separated output-relative path is (`tests/x.py` → 1). */
export function folderDepth(path: string): number {
  const parts = posix.normalize(path.replace(/\\/g, '/')).split('/');
  return Math.max(0, parts.filter((part) => part !== '' && part !== '.').length - 1);
}
