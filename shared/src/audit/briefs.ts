import { createHash } from 'node:crypto';
import type { SmdSpec } from '../model/smd';

/**
 * Content-addressed briefs (reference §4.4). A brief is regenerated only when the hash of what would be
 * sent — model, system prompt, user prompt — differs from the one stored in `manifest.toml`, or its file is
 * missing. The user prompts carry only titles, ids, dependencies and overviews, so editing requirements
 * leaves briefs (and the task input hashes built on them) unchanged.
 */

export interface BriefProject {
  name: string;
  version: string;
  language: string;
  framework?: string;
}

/** `sha256:<hex>` over the three strings, each followed by a NUL byte. */
export function briefInputHash(model: string, systemPrompt: string, userPrompt: string): string {
  const hash = createHash('sha256');
  for (const part of [model, systemPrompt, userPrompt]) {
    hash.update(part, 'utf8');
    hash.update(Buffer.from([0]));
  }
  return `sha256:${hash.digest('hex')}`;
}

const idOf = (smd: SmdSpec) => smd.id?.value ?? '';
const dependsOf = (smd: SmdSpec) => smd.depends.map((d) => d.value);

/**
 * Specs in dependency order as the original walks them: for each spec in the given order, its known
 * dependencies first (depth first), then the spec. A cycle is skipped where it closes (validation rejects
 * cycles before audit gets here).
 */
export function dependencyOrder(smds: readonly SmdSpec[]): SmdSpec[] {
  const byId = new Map<string, SmdSpec>();
  for (const smd of smds) if (!byId.has(idOf(smd))) byId.set(idOf(smd), smd);
  const done = new Set<string>();
  const active = new Set<string>();
  const out: SmdSpec[] = [];
  const visit = (id: string) => {
    if (done.has(id) || active.has(id)) return;
    const smd = byId.get(id);
    if (!smd) return;
    active.add(id);
    for (const dep of dependsOf(smd)) visit(dep);
    active.delete(id);
    done.add(id);
    out.push(smd);
  };
  for (const smd of smds) visit(idOf(smd));
  return out;
}

/** `Project: <name> v<version> — Language: <lang>[ — Framework: <fw>]`, then every spec's overview. */
export function projectBriefUserPrompt(project: BriefProject, smds: readonly SmdSpec[]): string {
  let header = `Project: ${project.name} v${project.version} — Language: ${project.language}`;
  if (project.framework) header += ` — Framework: ${project.framework}`;
  const parts = dependencyOrder(smds).map((smd) => {
    let meta = `**Priority:** ${smd.priority?.value ?? ''} | **Spec ID:** ${idOf(smd)}`;
    const deps = dependsOf(smd);
    if (deps.length > 0) meta += ` | **Depends on:** ${deps.join(', ')}`;
    return `## ${smd.title?.value ?? ''}\n\n${meta}\n\n${smd.overview}`;
  });
  return `${header}\n\n${parts.join('\n\n')}`;
}

/** `# Title`, spec id, dependencies (`none`) and the overview of one spec. */
export function specBriefUserPrompt(smd: SmdSpec): string {
  const deps = dependsOf(smd);
  return (
    `# ${smd.title?.value ?? ''}\n\n` +
    `**Spec ID:** ${idOf(smd)}\n` +
    `**Depends on:** ${deps.length > 0 ? deps.join(', ') : 'none'}\n\n` +
    `## Overview\n\n${smd.overview}`
  );
}

/** True when a brief must be (re)generated: its file is missing or its input hash changed. */
export function briefNeedsRegeneration(
  storedHash: string | undefined,
  currentHash: string,
  fileExists: boolean,
): boolean {
  return !fileExists || storedHash === undefined || storedHash === '' || storedHash !== currentHash;
}

export interface BriefSystemPrompts {
  project: string;
  spec: string;
}

export interface BriefPlan {
  project: { hash: string; userPrompt: string; regenerate: boolean };
  /** Per spec, in the given order. */
  specs: { specId: string; hash: string; userPrompt: string; regenerate: boolean }[];
}

/**
 * Which briefs to regenerate this run. `model` is the `brief` role's model string; `exists` tells whether a
 * brief file is on disk (`undefined` spec id = the project brief). The new hashes go into the manifest once
 * the briefs are written.
 */
export function planBriefs(input: {
  project: BriefProject;
  smds: readonly SmdSpec[];
  model: string;
  systemPrompts: BriefSystemPrompts;
  stored: { projectBriefInput: string; briefInputs: Readonly<Record<string, string>> };
  exists: (specId: string | undefined) => boolean;
}): BriefPlan {
  const projectPrompt = projectBriefUserPrompt(input.project, input.smds);
  const projectHash = briefInputHash(input.model, input.systemPrompts.project, projectPrompt);
  return {
    project: {
      hash: projectHash,
      userPrompt: projectPrompt,
      regenerate: briefNeedsRegeneration(
        input.stored.projectBriefInput,
        projectHash,
        input.exists(undefined),
      ),
    },
    specs: input.smds.map((smd) => {
      const userPrompt = specBriefUserPrompt(smd);
      const hash = briefInputHash(input.model, input.systemPrompts.spec, userPrompt);
      const specId = idOf(smd);
      return {
        specId,
        hash,
        userPrompt,
        regenerate: briefNeedsRegeneration(input.stored.briefInputs[specId], hash, input.exists(specId)),
      };
    }),
  };
}
