import type { Requirement, SmdSpec } from '../model/smd';
import { EMPTY_RANGE } from '../text/range';
import {
  buildCoverageLedger,
  type CoverageContributor,
  type CoverageEntry,
  vmdContributors,
} from '../validate/coverage';
import { planViewFor } from './plan-view';
import type { Workspace } from './workspace';
import { buildWorkspaceIndex } from './workspace-index';

export interface RequirementCoverage {
  entry: CoverageEntry;
  /** The VMD groups/scenarios and plan tasks covering it, with where they are. */
  coveredBy: CoverageContributor[];
}

/**
 * What covers one requirement, by the coverage ledger's own rules (explicit `@covers` / plan `covers`,
 * else name inference), computed over just its spec's VMDs and plan tasks so a hover stays cheap on a
 * large workspace.
 */
export function requirementCoverage(
  ws: Workspace,
  smd: SmdSpec,
  requirement: Requirement,
): RequirementCoverage | undefined {
  const specId = smd.id?.value;
  if (specId === undefined) return undefined;
  const index = buildWorkspaceIndex([smd], [], ws.index.vmdsBySpec.get(specId) ?? []);
  const contributors = [...vmdContributors(index), ...planContributors(ws, specId)];
  const { entries } = buildCoverageLedger(index, contributors, false);
  const entry = entries.find((e) => e.requirement === requirement);
  if (!entry) return undefined;
  const labels = new Set([...entry.groups, ...entry.tasks]);
  return { entry, coveredBy: contributors.filter((c) => labels.has(c.label)) };
}

/** Plan tasks of `specId` with `covers`, as coverage contributors located in plan.toml. */
function planContributors(ws: Workspace, specId: string): CoverageContributor[] {
  const view = planViewFor(ws, ws.planText);
  if (!view) return [];
  return (view.tasksBySpec.get(specId) ?? []).flatMap((task) => {
    const covers = task.values.filter((v) => v.field === 'covers');
    if (task.id === undefined || covers.length === 0) return [];
    return [
      {
        specId,
        label: `task:${task.id}`,
        file: ws.planFile,
        range: task.tableRange ?? EMPTY_RANGE,
        explicit: covers.map((v) => ({ text: v.value, file: ws.planFile, range: v.quotedRange })),
        errorTypes: [],
      },
    ];
  });
}
