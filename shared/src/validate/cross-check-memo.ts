import type { Diagnostic } from '../diagnostics/diagnostic';
import type { AmdSpec } from '../model/amd';
import type { Plan } from '../model/plan';
import type { SmdSpec } from '../model/smd';
import type { VmdSpec } from '../model/vmd';
import type { WorkspaceIndex } from '../project/workspace-index';
import { checkComplexity } from './complexity';
import {
  type CoverageContributor,
  type CoverageEntry,
  type SpecCoverage,
  specCoverage,
  vmdContributorsOf,
} from './coverage';
import {
  checkAmdComponents,
  checkAmdSpec,
  checkDependencyCycles,
  checkDuplicateSpecIds,
  checkSmdDependencies,
} from './spec-cross-checks';
import { checkVmdDuplicates, checkVmdSpecRefs, checkVmdTargetsOf, vmdTargetInputs } from './vmd-cross-checks';

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function append<T>(out: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) out.push(items[i]!);
}

interface SmdMemo {
  idsVersion: number;
  dependencies: Diagnostic[];
  complexity: Diagnostic[];
}

interface AmdMemo {
  idsVersion: number;
  spec: Diagnostic[];
}

interface VmdMemo {
  idsVersion: number;
  refs: Diagnostic[];
  contributors: CoverageContributor[];
  targets?: {
    archId: string | undefined;
    smd: SmdSpec | undefined;
    amds: readonly AmdSpec[];
    out: Diagnostic[];
  };
}

/** Results per spec id, each with the inputs it was computed from; ids no longer declared are dropped. */
class SpecIdMemo<V> {
  private readonly entries = new Map<string, { inputs: readonly unknown[]; value: V }>();

  get(id: string, inputs: readonly unknown[], compute: () => V): V {
    const entry = this.entries.get(id);
    if (entry && sameItems(entry.inputs, inputs)) return entry.value;
    const value = compute();
    this.entries.set(id, { inputs, value });
    return value;
  }

  prune(live: ReadonlyMap<string, unknown>): void {
    if (this.entries.size <= live.size * 2 + 64) return;
    for (const id of this.entries.keys()) if (!live.has(id)) this.entries.delete(id);
  }
}

/**
 * The cross-file checks of one workspace, remembered between passes. Parsed models are never changed in
 * place (an edit replaces the file's model), so a check whose inputs are the same objects as last time
 * gives the same diagnostics, and the previous ones (the same objects) are reused. Only the parts touched
 * by an edit run again; every pass returns exactly what running every check from scratch returns, in the
 * same order.
 */
export class CrossCheckMemo {
  private ids: string[] = [];
  /** Bumped whenever the list of declared spec ids changes (unknown-id checks and their hints read it). */
  private idsVersion = 0;
  private readonly smds = new WeakMap<SmdSpec, SmdMemo>();
  private readonly amds = new WeakMap<AmdSpec, AmdMemo>();
  private readonly vmds = new WeakMap<VmdSpec, VmdMemo>();
  private readonly amdComponents = new SpecIdMemo<Diagnostic[]>();
  private readonly vmdDuplicates = new SpecIdMemo<Diagnostic[]>();
  private readonly coverage = new SpecIdMemo<SpecCoverage>();
  private plan?: {
    text: string;
    file: string;
    list: CoverageContributor[];
    bySpec: Map<string, CoverageContributor[]>;
  };

  private smdMemo(smd: SmdSpec, index: WorkspaceIndex): SmdMemo {
    let memo = this.smds.get(smd);
    if (!memo) {
      memo = { idsVersion: -1, dependencies: [], complexity: checkComplexity([smd]) };
      this.smds.set(smd, memo);
    }
    if (memo.idsVersion !== this.idsVersion) {
      memo.dependencies = checkSmdDependencies(smd, index.smdById, this.ids);
      memo.idsVersion = this.idsVersion;
    }
    return memo;
  }

  private vmdMemo(vmd: VmdSpec, index: WorkspaceIndex): VmdMemo {
    let memo = this.vmds.get(vmd);
    if (!memo) {
      memo = { idsVersion: -1, refs: [], contributors: vmdContributorsOf(vmd) };
      this.vmds.set(vmd, memo);
    }
    if (memo.idsVersion !== this.idsVersion) {
      memo.refs = checkVmdSpecRefs(vmd, index.smdById, this.ids);
      memo.idsVersion = this.idsVersion;
    }
    return memo;
  }

  /** checkSpecReferences, checkVmdReferences, checkComplexity and checkVmdTargets, in that order. */
  crossChecks(index: WorkspaceIndex): Diagnostic[] {
    const ids = [...index.smdById.keys()];
    if (!sameItems(ids, this.ids)) {
      this.ids = ids;
      this.idsVersion++;
    }
    const out: Diagnostic[] = checkDuplicateSpecIds(index);
    for (const smd of index.smds) append(out, this.smdMemo(smd, index).dependencies);
    append(out, checkDependencyCycles(index));
    for (const amd of index.amds) {
      let memo = this.amds.get(amd);
      if (memo?.idsVersion !== this.idsVersion) {
        memo = { idsVersion: this.idsVersion, spec: checkAmdSpec(amd, index.smdById, this.ids) };
        this.amds.set(amd, memo);
      }
      append(out, memo.spec);
    }
    for (const [specId, amds] of index.amdsBySpec) {
      append(
        out,
        this.amdComponents.get(specId, amds, () => checkAmdComponents(specId, amds)),
      );
    }
    for (const vmd of index.vmds) append(out, this.vmdMemo(vmd, index).refs);
    for (const [specId, vmds] of index.vmdsBySpec) {
      append(
        out,
        this.vmdDuplicates.get(specId, vmds, () => checkVmdDuplicates(specId, vmds)),
      );
    }
    for (const smd of index.smds) append(out, this.smdMemo(smd, index).complexity);
    for (const vmd of index.vmds) {
      const memo = this.vmdMemo(vmd, index);
      const inputs = vmdTargetInputs(vmd, index);
      const cached = memo.targets;
      if (
        !cached ||
        cached.archId !== inputs.archId ||
        cached.smd !== inputs.smd ||
        !sameItems(cached.amds, inputs.amds)
      ) {
        memo.targets = {
          archId: inputs.archId,
          smd: inputs.smd,
          amds: inputs.amds,
          out: checkVmdTargetsOf(vmd, inputs),
        };
      }
      append(out, memo.targets!.out);
    }
    this.amdComponents.prune(index.amdsBySpec);
    this.vmdDuplicates.prune(index.vmdsBySpec);
    return out;
  }

  /**
   * The coverage ledger (buildCoverageLedger over the VMD contributors, then the plan's), each spec's part
   * reused while its SMD and contributors are the same objects.
   */
  coverageLedger(
    index: WorkspaceIndex,
    plan: { plan: Plan; text: string; file: string } | undefined,
    requireCoverage: boolean,
    planContributors: (plan: Plan, text: string, file: string) => CoverageContributor[],
  ): { entries: CoverageEntry[]; diagnostics: Diagnostic[] } {
    const planned = this.planContributorsFor(plan, planContributors);
    const perSpec = new Map<string, SpecCoverage>();
    for (const [specId, smds] of index.smdById) {
      const smd = smds[0]!;
      const mine: CoverageContributor[] = [];
      for (const vmd of index.vmdsBySpec.get(specId) ?? [])
        append(mine, this.vmdMemo(vmd, index).contributors);
      append(mine, planned?.bySpec.get(specId) ?? []);
      perSpec.set(
        specId,
        this.coverage.get(specId, [smd, requireCoverage, ...mine], () =>
          specCoverage(specId, smd, mine, requireCoverage),
        ),
      );
    }
    this.coverage.prune(index.smdById);

    // Dangling targets in contributor order (every VMD's, in file order, then the plan's), then each spec's
    // advisories and entries: what assembleCoverageLedger gives for the whole contributor list.
    const diagnostics: Diagnostic[] = [];
    const dangling = (c: CoverageContributor) => {
      const problems = perSpec.get(c.specId)?.dangling.get(c);
      if (problems) append(diagnostics, problems);
    };
    for (const vmd of index.vmds) for (const c of this.vmdMemo(vmd, index).contributors) dangling(c);
    for (const c of planned?.list ?? []) dangling(c);
    const entries: CoverageEntry[] = [];
    for (const part of perSpec.values()) {
      append(diagnostics, part.advisories);
      append(entries, part.entries);
    }
    return { entries, diagnostics };
  }

  private planContributorsFor(
    plan: { plan: Plan; text: string; file: string } | undefined,
    build: (plan: Plan, text: string, file: string) => CoverageContributor[],
  ): { list: CoverageContributor[]; bySpec: Map<string, CoverageContributor[]> } | undefined {
    if (!plan) return undefined;
    const cached = this.plan;
    if (cached && cached.text === plan.text && cached.file === plan.file) return cached;
    const list = build(plan.plan, plan.text, plan.file);
    const bySpec = new Map<string, CoverageContributor[]>();
    for (const c of list) {
      const same = bySpec.get(c.specId);
      if (same) same.push(c);
      else bySpec.set(c.specId, [c]);
    }
    this.plan = { text: plan.text, file: plan.file, list, bySpec };
    return this.plan;
  }
}
