import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PlanTask } from '../../model/plan';
import { taskDirName } from '../../model/task-output';
import type { ProjectPaths } from '../../project/project-paths';
import { writeFileAtomicSync } from '../../store/atomic-write';
import { writeTaskOutputFile } from '../../store/task-output-file';
import { BeforeSnapshot } from './before-snapshot';

/**
 * `.ossature/tasks/<id>-<slug>/` (reference §2.5): the record of one task's last run — `prompt.md`,
 * `response.md`, `fix-N-*`, `review-N-*`, `review-fix-N-*`, `output.toml`, and the `before/` snapshot of the
 * files it touches (before-snapshot.ts). Written atomically, so a kill never leaves half a file.
 */
export class TaskFiles {
  readonly dir: string;
  /** Started (the previous run's snapshot cleared) when the task starts; every writer notes files in it. */
  readonly before: BeforeSnapshot;

  constructor(
    paths: Pick<ProjectPaths, 'ossature' | 'root' | 'outputDir'>,
    task: Pick<PlanTask, 'id' | 'title'>,
  ) {
    this.dir = join(paths.ossature, 'tasks', taskDirName(task.id, task.title));
    mkdirSync(this.dir, { recursive: true });
    this.before = new BeforeSnapshot(this.dir, paths);
  }

  write(name: string, text: string): void {
    writeFileAtomicSync(join(this.dir, name), text);
  }

  writeOutput(output: { created: string[]; edited: string[]; success: boolean; verifyOutput: string }): void {
    writeTaskOutputFile(join(this.dir, 'output.toml'), {
      created_files: output.created,
      edited_files: output.edited,
      success: output.success,
      verify_output: output.verifyOutput,
    });
  }
}
