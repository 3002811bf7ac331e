import { PLAN_CODES } from '../diagnostics/codes-plan';
import type { Fix } from '../diagnostics/diagnostic';
import type { AmdSpec } from '../model/amd';
import { splitSpecPrefix } from '../model/plan';
import type { SmdSpec } from '../model/smd';
import { archRefCandidates, resolveArchRef, resolveSpecRef, specRefCandidates } from '../project/refs';
import { closestMatches } from '../util/did-you-mean';
import type { PlanCheckContext } from './plan-checks';
import { type PlanEnv, type RawTask, stringItems } from './plan-env';

/**
 * Specs and refs: each task's `spec`, its `spec_refs` (sections, requirements, examples of that spec),
 * its `arch_refs` (sections, components, data models of the spec's AMDs), `cross_spec_interfaces`.
 */
export function checkPlanSpecs(env: PlanEnv, ctx: PlanCheckContext): void {
  const specIds = ctx.specIds ? [...ctx.specIds()] : [];
  for (const task of env.tasks) {
    const at = (...rest: (string | number)[]) => ['task', task.index, ...rest];
    const spec = task.value.spec;
    if (typeof spec === 'string') {
      const smd = ctx.smdById(spec);
      if (smd) {
        checkSpecRefs(env, ctx, task, spec, smd);
        checkArchRefs(env, ctx, task, spec);
      } else {
        const hint = closestMatches(spec, specIds, 1)[0];
        env.report(
          PLAN_CODES.unknownSpec,
          env.range(at('spec')),
          `${task.label} belongs to spec '${spec}', but no spec has that id.${hint ? ` Did you mean ${hint}?` : ''}`,
          { fixes: hint ? [env.replaceStringFix(at('spec'), hint)] : [] },
        );
      }
    }
    for (const { item, index } of stringItems(task.value, 'cross_spec_interfaces')) {
      if (ctx.smdById(item)) continue;
      const hint = closestMatches(item, specIds, 1)[0];
      env.report(
        PLAN_CODES.unknownInterfaceSpec,
        env.range(at('cross_spec_interfaces', index)),
        `${task.label}: cross_spec_interfaces names '${item}', but no spec has that id.${hint ? ` Did you mean ${hint}?` : ''}`,
        { fixes: hint ? [env.replaceStringFix(at('cross_spec_interfaces', index), hint)] : [] },
      );
    }
  }
}

/**
 * A ref's target spec: a legacy `SPEC_ID:` prefix naming a known spec picks that spec (reported as an
 * info with a fix to drop it when it is the task's own spec).
 */
function target(
  env: PlanEnv,
  ctx: PlanCheckContext,
  task: RawTask,
  path: (string | number)[],
  ref: string,
  ownSpec: string,
): { spec: string; ref: string } {
  const { spec, ref: rest } = splitSpecPrefix(ref);
  if (spec === undefined || !ctx.smdById(spec)) return { spec: ownSpec, ref };
  const fixes = spec === ownSpec ? [env.replaceStringFix(path, rest, `Drop the ${spec}: prefix`)] : [];
  env.report(
    PLAN_CODES.legacyRefPrefix,
    env.range(path),
    `${task.label}: '${ref}' uses the older SPEC_ID: prefix; refs now name the section directly${spec === ownSpec ? ` ('${rest}')` : ''}.`,
    { fixes },
  );
  return { spec, ref: rest };
}

function checkSpecRefs(
  env: PlanEnv,
  ctx: PlanCheckContext,
  task: RawTask,
  ownSpec: string,
  own: SmdSpec,
): void {
  for (const { item, index } of stringItems(task.value, 'spec_refs')) {
    const path = ['task', task.index, 'spec_refs', index];
    const { spec, ref } = target(env, ctx, task, path, item, ownSpec);
    const smd = spec === ownSpec ? own : (ctx.smdById(spec) as SmdSpec);
    const resolved = resolveSpecRef(ref, smd);
    if (!resolved) {
      const hint = closestMatches(ref, specRefCandidates(smd), 1)[0];
      env.report(
        PLAN_CODES.unknownSpecRef,
        env.range(path),
        `${task.label}: spec_refs entry '${item}' names no section, requirement or example of ${spec}.${hint ? ` Did you mean '${hint}'?` : ''}`,
        { fixes: suggestion(env, path, hint, item, ref) },
      );
    } else if (resolved.kind === 'section' && !resolved.section) {
      env.report(
        PLAN_CODES.emptyRef,
        env.range(path),
        `${task.label}: spec ${spec} has no ## ${resolved.name} section, so spec_refs entry '${item}' adds nothing to the prompt.`,
      );
    }
  }
}

function checkArchRefs(env: PlanEnv, ctx: PlanCheckContext, task: RawTask, ownSpec: string): void {
  for (const { item, index } of stringItems(task.value, 'arch_refs')) {
    const path = ['task', task.index, 'arch_refs', index];
    const { spec, ref } = target(env, ctx, task, path, item, ownSpec);
    const amds: AmdSpec[] = ctx.amdsFor(spec);
    if (amds.length === 0) {
      env.report(
        PLAN_CODES.unknownArchRef,
        env.range(path),
        `${task.label}: arch_refs entry '${item}' points at nothing, because spec ${spec} has no architecture (.amd) file. Remove it or add an AMD for ${spec}.`,
      );
      continue;
    }
    const resolved = resolveArchRef(ref, amds);
    if (!resolved) {
      const hint = closestMatches(ref, archRefCandidates(amds), 1)[0];
      env.report(
        PLAN_CODES.unknownArchRef,
        env.range(path),
        `${task.label}: arch_refs entry '${item}' names no section, component or data model of ${spec}'s architecture.${hint ? ` Did you mean '${hint}'?` : ''}`,
        { fixes: suggestion(env, path, hint, item, ref) },
      );
    } else if (resolved.kind === 'section' && !resolved.section) {
      env.report(
        PLAN_CODES.emptyRef,
        env.range(path),
        `${task.label}: the architecture of ${spec} has no ## ${resolved.name} section, so arch_refs entry '${item}' adds nothing to the prompt.`,
      );
    }
  }
}

/** A fix to the suggested ref, keeping a prefix the entry had. */
function suggestion(
  env: PlanEnv,
  path: (string | number)[],
  hint: string | undefined,
  item: string,
  ref: string,
): Fix[] {
  if (!hint) return [];
  const prefix = item.slice(0, item.length - ref.length);
  return [env.replaceStringFix(path, `${prefix}${hint}`)];
}
