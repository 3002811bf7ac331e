import type { SpecKind } from '../project/workspace';

/**
 * The user prompt of the spec auditor (reference §4.2): the raw files with every line prefixed `L<n>: ` so
 * findings can cite line numbers. Layout, sections joined with `\n---\n`:
 *
 *     # Specification (SMD)\n            ← header
 *     L1: …                                ← the SMD, numbered
 *     \n# Architecture Documents (AMD)\n  ← only when the spec has AMDs
 *     L1: …                                ← each AMD, numbered from 1 again
 *     \n# Verification Cases (VMD, read-only context)\n  ← only when the spec has VMDs
 *     L1: …                                ← each VMD, numbered from 1 again
 *
 * Every file restarts at L1, so a finding's `L42` alone does not say which file it means; see
 * `finding-location.ts` for how it is mapped back.
 */

export const SMD_HEADER = '# Specification (SMD)\n';
export const AMD_HEADER = '\n# Architecture Documents (AMD)\n';
/** The VMD part is ours (0.2.0 added VMDs as read-only context; its exact header is not public). */
export const VMD_HEADER = '\n# Verification Cases (VMD, read-only context)\n';
export const SECTION_SEPARATOR = '\n---\n';

/** One file as the auditor sees it. */
export interface SpecFileText {
  kind: SpecKind;
  /** Absolute path. */
  file: string;
  text: string;
}

/**
 * The lines of a text as editors count them: split on `\r\n`, `\r` or `\n`; a final line terminator does not
 * start another line; an empty text has no lines. (Python's `splitlines` also splits on `\f`, `\v`,
 * `\u2028` and a few others; we do not, so L-numbers always match editor line numbers.)
 */
export function textLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Every line prefixed `L<n>: ` (1-based), joined with `\n`, no trailing newline. */
export function numberLines(text: string): string {
  return textLines(text)
    .map((line, i) => `L${i + 1}: ${line}`)
    .join('\n');
}

export interface SpecAuditInput {
  /** The user prompt text (saved as `audits/<ID>/prompt.md`). */
  text: string;
  /** The files in prompt order: the SMD, its AMDs, its VMDs. */
  files: SpecFileText[];
}

/**
 * Assembles the spec-audit user prompt for one spec. `amds` and `vmds` are the spec's files in the order
 * they should appear (the caller passes them sorted by path).
 */
export function buildSpecAuditInput(
  smd: Omit<SpecFileText, 'kind'>,
  amds: readonly Omit<SpecFileText, 'kind'>[] = [],
  vmds: readonly Omit<SpecFileText, 'kind'>[] = [],
): SpecAuditInput {
  const sections = [SMD_HEADER, numberLines(smd.text)];
  if (amds.length > 0) {
    sections.push(AMD_HEADER);
    for (const amd of amds) sections.push(numberLines(amd.text));
  }
  if (vmds.length > 0) {
    sections.push(VMD_HEADER);
    for (const vmd of vmds) sections.push(numberLines(vmd.text));
  }
  return {
    text: sections.join(SECTION_SEPARATOR),
    files: [
      { kind: 'smd', ...smd },
      ...amds.map((amd) => ({ kind: 'amd' as const, ...amd })),
      ...vmds.map((vmd) => ({ kind: 'vmd' as const, ...vmd })),
    ],
  };
}
