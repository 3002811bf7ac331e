import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { AmdSpec } from '../model/amd';
import type { SmdSpec } from '../model/smd';
import type { VmdSpec } from '../model/vmd';
import { parseAmd } from '../parse/amd';
import { parseSmd } from '../parse/smd';
import { parseVmd } from '../parse/vmd/vmd';
import { type LoadedConfig, loadConfigText } from './config-load';
import { buildWorkspaceIndex, patchWorkspaceIndex, type WorkspaceIndex } from './workspace-index';

export type SpecKind = 'smd' | 'amd' | 'vmd';

/** One parsed spec file and the problems its own parse found. */
export interface SpecFile<T> {
  file: string;
  /** The text the model was parsed from (the editor's text for an open document). */
  text: string;
  spec: T;
  diagnostics: Diagnostic[];
  bytes: number;
}

export function specKindOf(file: string): SpecKind | undefined {
  if (file.endsWith('.smd')) return 'smd';
  if (file.endsWith('.amd')) return 'amd';
  if (file.endsWith('.vmd')) return 'vmd';
  return undefined;
}

/** Every `.smd`, `.amd` and `.vmd` under `dir`, recursively, skipping hidden folders and node_modules. */
export function listSpecFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && specKindOf(entry.name)) out.push(path);
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * The in-memory project: config, every parsed spec, the plan text. Updating one file re-parses only that
 * file; the index is rebuilt lazily from the parsed models. The CLI loads it once; the language server
 * keeps it and feeds it edits.
 */
export class Workspace {
  readonly root: string;
  readonly configFile: string;
  config: LoadedConfig;
  configText: string;
  readonly planFile: string;
  planText: string | undefined;
  private readonly smd = new Map<string, SpecFile<SmdSpec>>();
  private readonly amd = new Map<string, SpecFile<AmdSpec>>();
  private readonly vmd = new Map<string, SpecFile<VmdSpec>>();
  private cachedIndex: WorkspaceIndex | undefined;
  /** The index before the last change, whose spec graph the next index reuses when ids and depends agree. */
  private staleIndex: WorkspaceIndex | undefined;

  constructor(configFile: string, configText: string) {
    this.configFile = resolve(configFile);
    this.root = dirname(this.configFile);
    this.configText = configText;
    this.config = loadConfigText(configText, this.configFile);
    this.planFile = join(this.root, '.ossature', 'plan.toml');
  }

  /** Reads ossature.toml, every spec under spec_dir and the plan, from disk. */
  static load(configFile: string): Workspace {
    const workspace = new Workspace(configFile, readFileSync(configFile, 'utf8'));
    for (const file of listSpecFiles(workspace.specDir)) workspace.setFile(file, readFileSync(file, 'utf8'));
    workspace.planText = existsSync(workspace.planFile)
      ? readFileSync(workspace.planFile, 'utf8')
      : undefined;
    return workspace;
  }

  get specDir(): string {
    return resolve(this.root, this.config.config.project.spec_dir);
  }

  setConfigText(text: string): void {
    this.configText = text;
    this.config = loadConfigText(text, this.configFile);
    this.invalidateIndex();
  }

  /** Parses one spec file (by extension) and replaces what was known of it. */
  setFile(file: string, text: string): void {
    const path = resolve(file);
    const bytes = text.length;
    const before = this.file(path)?.spec;
    switch (specKindOf(path)) {
      case 'smd': {
        const { spec, diagnostics } = parseSmd(text, path);
        this.smd.set(path, { file: path, text, spec, diagnostics, bytes });
        break;
      }
      case 'amd': {
        const { spec, diagnostics } = parseAmd(text, path);
        this.amd.set(path, { file: path, text, spec, diagnostics, bytes });
        break;
      }
      case 'vmd': {
        const { spec, diagnostics } = parseVmd(text, path);
        this.vmd.set(path, { file: path, text, spec, diagnostics, bytes });
        break;
      }
      default:
        return;
    }
    const after = this.file(path)!.spec;
    const patched = this.cachedIndex && before && patchWorkspaceIndex(this.cachedIndex, before, after);
    if (patched) this.cachedIndex = patched;
    else this.invalidateIndex();
  }

  removeFile(file: string): void {
    const path = resolve(file);
    if (this.smd.delete(path) || this.amd.delete(path) || this.vmd.delete(path)) this.invalidateIndex();
  }

  private invalidateIndex(): void {
    this.staleIndex = this.cachedIndex ?? this.staleIndex;
    this.cachedIndex = undefined;
  }

  /** The parsed file at `file` (absolute), if it is a spec of this workspace. */
  file(file: string): SpecFile<SmdSpec | AmdSpec | VmdSpec> | undefined {
    const path = resolve(file);
    return this.smd.get(path) ?? this.amd.get(path) ?? this.vmd.get(path);
  }

  /** Every parsed spec file, SMDs first, each group sorted by path. */
  files(): SpecFile<SmdSpec | AmdSpec | VmdSpec>[] {
    const sorted = <T>(m: Map<string, SpecFile<T>>) =>
      [...m.values()].sort((a, b) => (a.file < b.file ? -1 : 1));
    return [...sorted(this.smd), ...sorted(this.amd), ...sorted(this.vmd)];
  }

  get index(): WorkspaceIndex {
    this.cachedIndex ??= buildWorkspaceIndex(
      [...this.smd.values()].map((f) => f.spec),
      [...this.amd.values()].map((f) => f.spec),
      [...this.vmd.values()].map((f) => f.spec),
      this.staleIndex,
    );
    this.staleIndex = undefined;
    return this.cachedIndex;
  }
}
