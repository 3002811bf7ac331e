import { isAbsolute } from 'node:path';
import type { Plan } from '../model/plan';

/**
 * What an incremental re-plan does to the files next to the plan (reference §4.7 step 5), worked out as a
 * plain description; `remap-executor.ts` carries it out.
 *
 * - Task folders `.ossature/tasks/<id>-<slug>/`: folders of old changed-spec tasks that no new task took
 *   over are deleted; every folder whose id is in the remap is renamed `<new id>-<same slug>` (through
 *   temporary `_tmp_` names, so renames cannot collide); other folders are left alone.
 * - `state.toml`: every entry whose id is in the remap is re-keyed to the new id; all others are dropped.
 *   (The original kept entries that were neither remapped nor of a changed spec under their old id, where
 *   they could collide with a renumbered task; only remapped tasks can have valid hashes anyway.)
 * - Orphaned outputs: the planned outputs of old changed-spec tasks that were `done` and that no task of the
 *   new plan lists; they are deleted from the output folder. Patterns (`*`), absolute paths and paths with
 *   `..` are never deleted.
 */

export interface ReplanFilesInput {
  oldPlan: Plan;
  newPlan: Plan;
  changed: ReadonlySet<string>;
  idRemap: ReadonlyMap<string, string>;
  matchedOldIds: ReadonlySet<string>;
  /** Names of the folders under `.ossature/tasks/`. */
  taskDirs: readonly string[];
}

export interface FolderRename {
  from: string;
  to: string;
}

export interface ReplanFilesPlan {
  /** Task folder names to delete. */
  deleteDirs: string[];
  /** Task folder renames (names, not paths). */
  renames: FolderRename[];
  /** Renames left out because another folder that stays already has the target name. */
  conflicts: FolderRename[];
  /** Old id → new id for state.toml entries; entries not listed are dropped. */
  stateRekey: Map<string, string>;
  /** Output-relative paths to delete. */
  orphanOutputs: string[];
}

/** The id part of a task folder name (`012-cli-args` → `012`). */
export function taskDirId(name: string): string {
  const dash = name.indexOf('-');
  return dash === -1 ? name : name.slice(0, dash);
}

/** The folder name for a new id, keeping the old slug. */
export function renamedTaskDir(name: string, newId: string): string {
  const dash = name.indexOf('-');
  return dash === -1 ? newId : `${newId}${name.slice(dash)}`;
}

/** True for an output path that may be deleted: relative, inside the output folder, no wildcard. */
export function isDeletableOutput(path: string): boolean {
  if (path === '' || /[*?[\]]/.test(path) || isAbsolute(path) || /^[A-Za-z]:/.test(path)) return false;
  return !path.split(/[\\/]/).includes('..');
}

export function planReplanFiles(input: ReplanFilesInput): ReplanFilesPlan {
  const oldChanged = new Set(input.oldPlan.task.filter((t) => input.changed.has(t.spec)).map((t) => t.id));
  const deleteDirs: string[] = [];
  const moving: FolderRename[] = [];
  for (const name of input.taskDirs) {
    const id = taskDirId(name);
    if (oldChanged.has(id) && !input.matchedOldIds.has(id)) {
      deleteDirs.push(name);
      continue;
    }
    const newId = input.idRemap.get(id);
    if (newId === undefined) continue;
    const to = renamedTaskDir(name, newId);
    if (to !== name) moving.push({ from: name, to });
  }
  const { renames, conflicts } = resolveRenames(input.taskDirs, deleteDirs, moving);

  const oldFiles = new Set<string>();
  for (const task of input.oldPlan.task) {
    if (input.changed.has(task.spec) && task.status === 'done') for (const f of task.outputs) oldFiles.add(f);
  }
  for (const task of input.newPlan.task) for (const f of task.outputs) oldFiles.delete(f);
  const orphanOutputs = [...oldFiles].filter(isDeletableOutput).sort();

  return { deleteDirs, renames, conflicts, stateRekey: new Map(input.idRemap), orphanOutputs };
}

/** Splits renames into those that can run and those whose target is held by a folder that stays. */
function resolveRenames(
  dirs: readonly string[],
  deleted: readonly string[],
  moving: readonly FolderRename[],
): { renames: FolderRename[]; conflicts: FolderRename[] } {
  const conflicts: FolderRename[] = [];
  for (;;) {
    const blocked = new Set(conflicts.map((r) => r.from));
    const renames = moving.filter((r) => !blocked.has(r.from));
    const leaving = new Set([...deleted, ...renames.map((r) => r.from)]);
    const staying = new Set(dirs.filter((name) => !leaving.has(name)));
    const targets = new Set<string>();
    const clash = renames.find((r) => {
      if (staying.has(r.to) || targets.has(r.to)) return true;
      targets.add(r.to);
      return false;
    });
    if (clash === undefined) return { renames, conflicts };
    conflicts.push(clash);
  }
}
