import type { AmdSpec, Component } from '../../model/amd';
import type { OssatureConfig } from '../../model/config';
import type { Plan, PlanTask } from '../../model/plan';
import type { SmdSpec } from '../../model/smd';
import { type ProjectPaths, projectPaths } from '../../project/project-paths';
import type { Workspace } from '../../project/workspace';
import { normalizeOutputPath } from './text-files';

/**
 * What the build's prompt texts are made from: the configuration, where briefs, interfaces, context files
 * and outputs live, the parsed specs, and the plan (task order decides which task finalises a file). The
 * specs and plan are held; the files are read each time a prompt is assembled, because briefs, interface
 * files, context files and outputs change while a build runs.
 */
export interface BuildPromptContext {
  readonly config: OssatureConfig;
  readonly paths: ProjectPaths;
  /** The plan's tasks, in plan order. */
  readonly tasks: readonly PlanTask[];
  /** The SMD declaring `specId` (the first, when a duplicate id exists). */
  smd(specId: string): SmdSpec | undefined;
  /** The AMDs describing `specId`, in file order (their content is merged). */
  amds(specId: string): readonly AmdSpec[];
  /** Whether an SMD declares `specId` (legacy `SPEC_ID:` ref prefixes are stripped only for those). */
  isKnownSpec(specId: string): boolean;
  /**
   * The outputs of `task` that no later task in the plan also lists (compared as normalised paths): the
   * files this task finalises, whose component contracts apply to it. A task not in the plan finalises
   * all its outputs.
   */
  finalOutputs(task: PlanTask): string[];
}

/** The context of a build over `workspace` with `plan`. Cheap: nothing is read until a prompt is made. */
export function buildPromptContext(workspace: Workspace, plan: Plan): BuildPromptContext {
  const config = workspace.config.config;
  return createPromptContext({
    config,
    paths: projectPaths(workspace.root, config),
    tasks: plan.task,
    smd: (id) => workspace.index.smdById.get(id)?.[0],
    amds: (id) => workspace.index.amdsBySpec.get(id) ?? [],
  });
}

/** The context from plain parts (tests and tools that hold specs without a workspace). */
export function createPromptContext(parts: {
  config: OssatureConfig;
  paths: ProjectPaths;
  tasks: readonly PlanTask[];
  smd: (specId: string) => SmdSpec | undefined;
  amds: (specId: string) => readonly AmdSpec[];
}): BuildPromptContext {
  let lastProducer: Map<string, number> | undefined;
  let firstIndex: Map<string, number> | undefined;
  const index = () => {
    if (!lastProducer || !firstIndex) {
      lastProducer = new Map();
      firstIndex = new Map();
      parts.tasks.forEach((task, at) => {
        if (!firstIndex!.has(task.id)) firstIndex!.set(task.id, at);
        for (const output of task.outputs) lastProducer!.set(normalizeOutputPath(output), at);
      });
    }
    return { lastProducer, firstIndex };
  };
  return {
    config: parts.config,
    paths: parts.paths,
    tasks: parts.tasks,
    smd: parts.smd,
    amds: parts.amds,
    isKnownSpec: (id) => parts.smd(id) !== undefined,
    finalOutputs(task) {
      const { lastProducer, firstIndex } = index();
      const at = firstIndex.get(task.id);
      if (at === undefined) return [...task.outputs];
      return task.outputs.filter((output) => (lastProducer.get(normalizeOutputPath(output)) ?? at) <= at);
    },
  };
}

/**
 * The components of `amds` whose `@path` is one of `paths` (normalised comparison), in AMD then component
 * order: the deterministic link from a task's outputs to the components it owns.
 */
export function componentsForPaths(amds: readonly AmdSpec[], paths: readonly string[]): Component[] {
  const wanted = new Set(paths.map(normalizeOutputPath));
  return amds.flatMap((amd) =>
    amd.components.filter((c) => c.path !== undefined && wanted.has(normalizeOutputPath(c.path.value))),
  );
}
