import { existsSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { TaskState } from '../model/state';
import { readStateFile, writeStateFile } from '../store/state-file';
import type { ReplanFilesPlan } from './remap';

/**
 * Carries out a {@link ReplanFilesPlan}: deletes and renames task folders (two-phase, through `_tmp_`
 * names), rewrites `state.toml` atomically through the store, and deletes orphaned outputs together with
 * the folders they leave empty (up to, not including, the output folder).
 */

export interface ReplanPaths {
  /** `.ossature/tasks`. */
  tasksDir: string;
  /** `.ossature/state.toml`. */
  stateFile: string;
  /** The project's output folder. */
  outputDir: string;
}

export interface ReplanFilesResult {
  deletedDirs: string[];
  renamed: { from: string; to: string }[];
  /** State entries re-keyed / dropped (0 when there is no state file). */
  stateKept: number;
  stateDropped: number;
  /** Output-relative paths actually removed ("Removed stale output: …"). */
  removedOutputs: string[];
}

/** The folder names under `.ossature/tasks/` (none when it does not exist). */
export function listTaskDirs(tasksDir: string): string[] {
  if (!existsSync(tasksDir)) return [];
  return readdirSync(tasksDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function applyReplanFiles(paths: ReplanPaths, plan: ReplanFilesPlan): ReplanFilesResult {
  const result: ReplanFilesResult = {
    deletedDirs: [],
    renamed: [],
    stateKept: 0,
    stateDropped: 0,
    removedOutputs: [],
  };

  if (existsSync(paths.tasksDir)) {
    for (const name of plan.deleteDirs) {
      rmSync(join(paths.tasksDir, name), { recursive: true, force: true });
      result.deletedDirs.push(name);
    }
    const staged: { temp: string; from: string; to: string }[] = [];
    for (const rename of plan.renames) {
      const source = join(paths.tasksDir, rename.from);
      if (!existsSync(source)) continue;
      const temp = join(paths.tasksDir, `_tmp_${rename.from}`);
      renameSync(source, temp);
      staged.push({ temp, ...rename });
    }
    for (const { temp, from, to } of staged) {
      renameSync(temp, join(paths.tasksDir, to));
      result.renamed.push({ from, to });
    }
  }

  if (existsSync(paths.stateFile)) {
    const { state, header } = readStateFile(paths.stateFile);
    const tasks: Record<string, TaskState> = {};
    for (const [oldId, entry] of Object.entries(state.tasks)) {
      const newId = plan.stateRekey.get(oldId);
      if (newId === undefined) {
        result.stateDropped++;
        continue;
      }
      tasks[newId] = entry;
      result.stateKept++;
    }
    writeStateFile(paths.stateFile, { ...state, tasks }, header);
  }

  const outputRoot = resolve(paths.outputDir);
  for (const rel of plan.orphanOutputs) {
    const file = resolve(outputRoot, rel);
    if (!isInside(outputRoot, file) || !isFile(file)) continue;
    unlinkSync(file);
    result.removedOutputs.push(rel);
    for (let folder = dirname(file); isInside(outputRoot, folder) && folder !== outputRoot; ) {
      try {
        rmdirSync(folder); // only succeeds when empty
      } catch {
        break;
      }
      folder = dirname(folder);
    }
  }
  return result;
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
