import type { PlanTask } from '../../model/plan';
import { splitSpecPrefix } from '../../model/plan';
import { renderArchRef } from './arch-sections';
import type { BuildPromptContext } from './context';
import { renderSpecRef } from './spec-sections';

/**
 * A task's `spec_refs` and `arch_refs` resolved against its spec, entry by entry. A legacy `SPEC_ID:`
 * prefix (plans before 0.0.4) that names a known spec is stripped and the ref looked up in that spec, as
 * plan validation does; the original silently dropped such refs.
 */

export interface ResolvedRef {
  /** The entry as written in plan.toml. */
  ref: string;
  /** Its prompt block; undefined when it names nothing, or a section that is empty. */
  block: string | undefined;
}

function target(ctx: BuildPromptContext, task: PlanTask, ref: string): { spec: string; ref: string } {
  const { spec, ref: rest } = splitSpecPrefix(ref.trim());
  return spec !== undefined && ctx.isKnownSpec(spec) ? { spec, ref: rest } : { spec: task.spec, ref };
}

export function resolveSpecRefs(ctx: BuildPromptContext, task: PlanTask): ResolvedRef[] {
  return task.spec_refs.map((entry) => {
    const { spec, ref } = target(ctx, task, entry);
    const smd = ctx.smd(spec);
    return { ref: entry, block: smd ? renderSpecRef(smd, ref) : undefined };
  });
}

export function resolveArchRefs(ctx: BuildPromptContext, task: PlanTask): ResolvedRef[] {
  return task.arch_refs.map((entry) => {
    const { spec, ref } = target(ctx, task, entry);
    return { ref: entry, block: renderArchRef(ctx.amds(spec), ref) };
  });
}

/**
 * The `spec_refs` and `arch_refs` entries of `task` that add nothing to its prompt — they name no section,
 * requirement, example, component or data model of the spec (or the spec has no AMD), or name a section
 * the spec leaves empty — so the build can say so instead of dropping them silently.
 */
export function unresolvedRefs(ctx: BuildPromptContext, task: PlanTask): string[] {
  return [...resolveSpecRefs(ctx, task), ...resolveArchRefs(ctx, task)]
    .filter((r) => r.block === undefined)
    .map((r) => r.ref);
}
