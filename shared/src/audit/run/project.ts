import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { COVERAGE_CODES } from '../../diagnostics/codes-coverage';
import type { Diagnostic } from '../../diagnostics/diagnostic';
import type { AmdSpec } from '../../model/amd';
import type { OssatureConfig } from '../../model/config';
import type { SmdSpec } from '../../model/smd';
import type { VmdSpec } from '../../model/vmd';
import { type ProjectPaths, projectPaths } from '../../project/project-paths';
import type { Workspace } from '../../project/workspace';
import { validateWorkspace } from '../../validate/validate-workspace';
import type { SpecFileText } from '../numbered-input';

/**
 * The project as one audit run sees it: the workspace (re-parsed when the fixer edits a file), the paths,
 * and lookups by spec id. Spec order is the project's file order (`graph.toml` order), levels come from
 * the spec graph.
 */
export class AuditProject {
  readonly paths: ProjectPaths;
  /** Spec ids in file order (set once graph.toml's order is known). */
  specOrder: string[] = [];

  constructor(readonly workspace: Workspace) {
    this.paths = projectPaths(workspace.root, workspace.config.config);
  }

  get config(): OssatureConfig {
    return this.workspace.config.config;
  }

  get root(): string {
    return this.workspace.root;
  }

  get levels(): string[][] {
    return this.workspace.index.graph.levels;
  }

  /** Spec id → its SMD `depends` as written. */
  get depends(): Map<string, string[]> {
    const map = new Map<string, string[]>();
    for (const id of this.specOrder)
      map.set(
        id,
        this.smd(id).depends.map((d) => d.value),
      );
    return map;
  }

  smd(id: string): SmdSpec {
    const smd = this.workspace.index.smdById.get(id)?.[0];
    if (!smd) throw new Error(`no SMD for spec ${id}`);
    return smd;
  }

  amds(id: string): AmdSpec[] {
    return this.workspace.index.amdsBySpec.get(id) ?? [];
  }

  vmds(id: string): VmdSpec[] {
    return this.workspace.index.vmdsBySpec.get(id) ?? [];
  }

  /** The text a spec file was parsed from. */
  text(file: string): string {
    return this.workspace.file(file)?.text ?? readFileSync(file, 'utf8');
  }

  fileText(file: string): Omit<SpecFileText, 'kind'> {
    return { file, text: this.text(file) };
  }

  /** The files of a spec the fixer may edit: its SMD, then its AMDs. */
  editableFiles(id: string): string[] {
    return [this.smd(id).file, ...this.amds(id).map((amd) => amd.file)];
  }

  /** A path relative to the spec folder, `/`-separated (how the fixer's tools name files). */
  specRelative(file: string): string {
    return relative(this.paths.specDir, file).split(sep).join('/');
  }

  /** A path relative to the project root, `/`-separated. */
  rootRelative(file: string): string {
    return relative(this.root, file).split(sep).join('/');
  }

  /** Re-reads a spec file after an edit, so later steps see the new content. */
  reload(file: string, text: string): void {
    this.workspace.setFile(file, text);
  }
}

const COVERAGE = new Set<string>(Object.values(COVERAGE_CODES).map((c) => c.code));

/**
 * The diagnostics that decide whether the specs can be audited: everything `ossature validate` reports
 * except problems of plan.toml (audit rewrites it) and of the coverage ledger (planning adds coverage).
 */
export function specDiagnostics(workspace: Workspace): Diagnostic[] {
  return validateWorkspace(workspace).diagnostics.filter(
    (d) => d.file !== workspace.planFile && !COVERAGE.has(d.code),
  );
}

/** Keys of the spec errors of a workspace, to compare before and after an edit. */
export function specErrorKeys(workspace: Workspace): Set<string> {
  return new Set(
    specDiagnostics(workspace)
      .filter((d) => d.severity === 'error')
      .map((d) => `${d.code}\u0000${d.file}\u0000${d.message}`),
  );
}
