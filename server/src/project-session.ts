import { isAbsolute, relative, sep } from 'node:path';
import type { Diagnostic } from '../../shared/src/diagnostics/diagnostic';
import { listSpecFiles, specKindOf, Workspace } from '../../shared/src/project/workspace';
import type { ProjectStatus } from '../../shared/src/protocol';
import { validateWorkspace, type WorkspaceValidation } from '../../shared/src/validate/validate-workspace';
import { type DiagnosticsUpdate, groupByFile, PublishedDiagnostics } from './features/diagnostics';

/** A file's current text: the editor's for an open document, else the disk's; undefined when it is gone. */
export type TextSource = (file: string) => string | undefined;

/** What a file is to a project: its ossature.toml, its .ossature/plan.toml, or one of its specs. */
export type FileRole = 'config' | 'plan' | 'spec';

/**
 * Reads a project the way `ossature validate` does (ossature.toml, every spec under spec_dir, the plan),
 * taking each text from `read` so open documents win over the disk.
 */
export function loadWorkspace(configFile: string, read: TextSource): Workspace {
  const workspace = new Workspace(configFile, read(configFile) ?? '');
  for (const file of listSpecFiles(workspace.specDir)) {
    const text = read(file);
    if (text !== undefined) workspace.setFile(file, text);
  }
  workspace.planText = read(workspace.planFile);
  return workspace;
}

/**
 * One project the server keeps: the shared Workspace (kept current by `apply`), its last validation, and
 * what was published for it.
 */
export class ProjectSession {
  readonly configFile: string;
  workspace: Workspace;
  /** True when an edit has not been validated yet. */
  dirty = true;
  private validation: WorkspaceValidation | undefined;
  private byFile = new Map<string, Diagnostic[]>();
  private readonly published = new PublishedDiagnostics();

  constructor(configFile: string, read: TextSource) {
    this.configFile = configFile;
    this.workspace = loadWorkspace(configFile, read);
  }

  get root(): string {
    return this.workspace.root;
  }

  /**
   * The role of `file` in this project. A spec counts only where `ossature validate` would find it: under
   * spec_dir, outside hidden folders and node_modules.
   */
  roleOf(file: string): FileRole | undefined {
    if (file === this.workspace.configFile) return 'config';
    if (file === this.workspace.planFile) return 'plan';
    if (!specKindOf(file)) return undefined;
    const rel = relative(this.workspace.specDir, file);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
    const hidden = rel.split(sep).some((part) => part.startsWith('.') || part === 'node_modules');
    return hidden ? undefined : 'spec';
  }

  /**
   * Takes the new text of one of the project's files (undefined: the file is gone) and re-parses only that
   * file. A config change that moves spec_dir reloads the project through `read`. Returns whether anything
   * changed; the caller re-validates.
   */
  apply(file: string, text: string | undefined, read: TextSource): boolean {
    const ws = this.workspace;
    let changed = false;
    switch (this.roleOf(file)) {
      case 'config': {
        if (text === undefined || text === ws.configText) break;
        const specDir = ws.specDir;
        ws.setConfigText(text);
        if (ws.specDir !== specDir) this.workspace = loadWorkspace(this.configFile, read);
        changed = true;
        break;
      }
      case 'plan':
        changed = ws.planText !== text;
        ws.planText = text;
        break;
      case 'spec':
        if (text === undefined) {
          changed = ws.file(file) !== undefined;
          ws.removeFile(file);
        } else if (ws.file(file)?.text !== text) {
          ws.setFile(file, text);
          changed = true;
        }
        break;
      default:
        break;
    }
    if (changed) this.dirty = true;
    return changed;
  }

  /** The specs and plan under `folder` that the project holds (for a deleted folder). */
  filesUnder(folder: string): string[] {
    const prefix = folder.endsWith(sep) ? folder : folder + sep;
    const files = this.workspace.files().map((f) => f.file);
    if (this.workspace.planText !== undefined) files.push(this.workspace.planFile);
    return files.filter((f) => f.startsWith(prefix));
  }

  /** Validates (incrementally) and returns the files whose diagnostics changed since the last publish. */
  validate(): DiagnosticsUpdate[] {
    this.validation = validateWorkspace(this.workspace);
    this.byFile = groupByFile(this.validation.diagnostics);
    this.dirty = false;
    return this.published.update(this.byFile);
  }

  /** The updates that clear everything published for this project (it is being closed). */
  clearPublished(): DiagnosticsUpdate[] {
    return this.published.clear();
  }

  /** The last validation's diagnostics in one file. */
  diagnosticsOf(file: string): readonly Diagnostic[] {
    return this.byFile.get(file) ?? [];
  }

  get lastValidation(): WorkspaceValidation | undefined {
    return this.validation;
  }

  status(): ProjectStatus {
    const summary = this.validation?.summary;
    return {
      root: this.root,
      configFile: this.configFile,
      name: this.workspace.config.config.project.name,
      smd: summary?.smd ?? 0,
      amd: summary?.amd ?? 0,
      vmd: summary?.vmd ?? 0,
      errors: summary?.errors ?? 0,
      warnings: summary?.warnings ?? 0,
      infos: summary?.infos ?? 0,
    };
  }
}
