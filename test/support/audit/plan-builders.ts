import type { ResolvedPlannerTask } from '../../../shared/src/audit/preserved-refs';
import type { VerifyTaskSpec } from '../../../shared/src/audit/vmd-tasks';

/** A planner task with only what a test cares about. */
export function plannerTask(
  title: string,
  outputs: string[],
  depends_on: number[] = [],
  extra: Partial<ResolvedPlannerTask> = {},
): ResolvedPlannerTask {
  return {
    kind: 'task',
    title,
    description: `${title}.`,
    outputs,
    depends_on,
    spec_refs: [],
    arch_refs: [],
    verify: [],
    ...extra,
  };
}

/** A verify task for `specId` checking `target` (an output path, or '' for none). */
export function verifyTask(specId: string, name: string, target: string): VerifyTaskSpec {
  return {
    specId,
    title: `Verify: ${name}`,
    description: `Checks ${name}.`,
    outputs: [`checks/${name}.1.cases.json`, `tests/test_checks_${name}.py`],
    verify: [`python -m pytest tests/test_checks_${name}.py -q`],
    covers: [name],
    vmdFile: `specs/${specId.toLowerCase()}.vmd`,
    vmdGroup: `${name}/1`,
    targetFile: target,
    caseLabels: [],
  };
}
