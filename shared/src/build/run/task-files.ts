import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PlanTask } from '../../model/plan';
import { taskDirName } from '../../model/task-output';
import { writeFileAtomicSync } from '../../store/atomic-write';
import { writeTaskOutputFile } from '../../store/task-output-file';

/**
 * `.ossature/tasks/<id>-<slug>/` (reference §2.5): the record of one task's last run — `prompt.md`,
 * `response.md`, `fix-N-*`, `review-N-*`, `review-fix-N-*`, `output.toml`. Written atomically, so a kill
 * never leaves half a file.
 */
export class TaskFiles {
  readonly dir: string;

  constructor(ossatureDir: string, task: Pick<PlanTask, 'id' | 'title'>) {
    this.dir = join(ossatureDir, 'tasks', taskDirName(task.id, task.title));
    mkdirSync(this.dir, { recursive: true });
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
