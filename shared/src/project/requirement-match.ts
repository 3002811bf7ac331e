import type { Requirement, SmdSpec } from '../model/smd';

/** Lower-case, every run of non-alphanumerics becomes one space, trimmed (reference §3.3/§3.4). */
export function normalizeName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The requirement a coverage target names within one spec: exact anchor match first, else the
 * normalized heading.
 */
export function resolveRequirement(smd: SmdSpec, target: string): Requirement | undefined {
  const byAnchor = smd.requirements.find((r) => r.anchor !== undefined && r.anchor === target);
  if (byAnchor) return byAnchor;
  const wanted = normalizeName(target);
  if (!wanted) return undefined;
  return smd.requirements.find((r) => normalizeName(r.title) === wanted);
}
