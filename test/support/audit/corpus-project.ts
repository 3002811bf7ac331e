import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SpecTaskPlan } from '../../../shared/src/audit/types';
import type { Plan } from '../../../shared/src/model/plan';
import { Workspace } from '../../../shared/src/project/workspace';
import { readManifestFile } from '../../../shared/src/store/manifest-file';
import { readPlanFile } from '../../../shared/src/store/plan-file';
import { corpusPath } from '../corpus';

/** A corpus project (test/fixtures/corpus/<name>) loaded for the audit tests. */
export interface CorpusProject {
  name: string;
  root: string;
  workspace: Workspace;
  /** `.ossature/<parts>` as text. */
  read: (...parts: string[]) => string;
  /** Spec ids in the original's file order (the order of manifest.toml [sources]). */
  specOrder: string[];
  /** `./rel` keys of manifest.toml [sources], in file order. */
  manifestOrder: string[];
  depends: Map<string, string[]>;
  plan: () => Plan;
  plannerResponse: (specId: string) => SpecTaskPlan;
}

export function loadCorpusProject(name: 'spenny' | 'markman' | 'yep'): CorpusProject {
  const root = corpusPath(name);
  const workspace = Workspace.load(join(root, 'ossature.toml'));
  const read = (...parts: string[]) => readFileSync(join(root, '.ossature', ...parts), 'utf8');
  const manifest = readManifestFile(join(root, '.ossature', 'manifest.toml'))?.manifest;
  const manifestOrder = Object.keys(manifest?.sources ?? {});
  const key = (file: string) =>
    `./${file
      .slice(root.length + 1)
      .split('\\')
      .join('/')}`;
  const smds = [...workspace.index.smds].sort(
    (a, b) => manifestOrder.indexOf(key(a.file)) - manifestOrder.indexOf(key(b.file)),
  );
  return {
    name,
    root,
    workspace,
    read,
    specOrder: smds.map((s) => s.id!.value),
    manifestOrder,
    depends: new Map(smds.map((s) => [s.id!.value, s.depends.map((d) => d.value)])),
    plan: () => readPlanFile(join(root, '.ossature', 'plan.toml'))!.plan,
    plannerResponse: (specId) => JSON.parse(read('planners', specId, 'response.json')) as SpecTaskPlan,
  };
}
