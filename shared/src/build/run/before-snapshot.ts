import { readFileSync, rmSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import {
  BEFORE_DIR,
  BEFORE_MANIFEST,
  type BeforeFile,
  type BeforeManifest,
  isSafeRelative,
} from '../../model/before-snapshot';
import { writeFileAtomicSync } from '../../store/atomic-write';

/**
 * The "before" snapshot of one task run (format: model/before-snapshot.ts): created when the task starts,
 * it clears the previous run's `before/` and records, the first time each output file is about to be
 * written (by a tool, a copy task or the verification materials), what that file held — its bytes copied
 * to `before/<path>`, or that it did not exist. Every write is atomic and the snapshot file is written
 * before the manifest names it, so a kill at any moment leaves a manifest whose entries are all on disk.
 */
export class BeforeSnapshot {
  readonly dir: string;
  private readonly manifestFile: string;
  private readonly outputDir: string;
  private readonly manifest: BeforeManifest;
  private readonly seen = new Set<string>();

  /** `taskDir` is the task's `.ossature/tasks/<id>-<slug>/`; `root` the project folder. */
  constructor(taskDir: string, paths: { root: string; outputDir: string }) {
    this.dir = join(taskDir, BEFORE_DIR);
    this.manifestFile = join(taskDir, BEFORE_MANIFEST);
    this.outputDir = paths.outputDir;
    const outputRel = relative(paths.root, paths.outputDir).split(sep).join('/');
    this.manifest = { outputDir: outputRel === '' ? '.' : outputRel, files: [] };
    // The empty manifest first: a kill before the old folder is gone leaves nothing it names.
    this.writeManifest();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** The files noted so far, in order of first touch. */
  get files(): readonly BeforeFile[] {
    return this.manifest.files;
  }

  /**
   * Call before `rel` (relative to the output directory) is written: the first call per path saves its
   * current content. Paths that would leave the output directory are ignored (the writer refuses them).
   */
  note(rel: string): void {
    const path = posix.normalize(rel.replace(/\\/g, '/')).replace(/^(\.\/)+/, '');
    if (!isSafeRelative(path) || this.seen.has(path)) return;
    this.seen.add(path);
    const existed = this.copyCurrent(path);
    this.manifest.files.push({ path, existed });
    this.writeManifest();
  }

  /** Copies the file's bytes into `before/`; false when there is no regular file at `path`. */
  private copyCurrent(path: string): boolean {
    const source = join(this.outputDir, path);
    let bytes: Buffer;
    try {
      if (!statSync(source).isFile()) return false;
      bytes = readFileSync(source);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return false;
      throw error;
    }
    writeFileAtomicSync(join(this.dir, ...path.split('/')), bytes);
    return true;
  }

  private writeManifest(): void {
    writeFileAtomicSync(this.manifestFile, `${JSON.stringify(this.manifest, null, 2)}\n`);
  }
}
