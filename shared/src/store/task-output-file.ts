import { join } from 'node:path';
import { TASK_OUTPUT_KEYS, type TaskOutput, taskDirName, taskOutputSchema } from '../model/task-output';
import { nonEmpty, orderedTable, parseTomlWith, writeTomlFile } from './toml-file';
import { readTextIfExists, StoreError } from './toml-read';
import { stringifyToml, type TomlWritable } from './toml-write';

/**
 * `.ossature/tasks/<id>-<slug>/output.toml` (reference §2.5): `created_files`, `success`, `verify_output`,
 * and `edited_files` only when non-empty; no header. Older files listed `files` (read as
 * `created_files`, written back under the current name).
 */

export interface TaskOutputDocument {
  output: TaskOutput;
  header: string[];
}

/** `<ossatureDir>/tasks/<id>-<slug>/output.toml`. */
export function taskOutputPath(ossatureDir: string, id: string, title: string): string {
  return join(ossatureDir, 'tasks', taskDirName(id, title), 'output.toml');
}

export function parseTaskOutputText(text: string, file = 'output.toml'): TaskOutputDocument {
  const { value, header } = parseTomlWith(text, taskOutputSchema, file);
  return { output: value, header };
}

/** Reads output.toml; undefined when missing or unusable (callers fall back to the task's outputs). */
export function readTaskOutputFile(file: string): TaskOutputDocument | undefined {
  const text = readTextIfExists(file);
  if (text === undefined) return undefined;
  try {
    return parseTaskOutputText(text, file);
  } catch (error) {
    if (error instanceof StoreError) return undefined;
    throw error;
  }
}

export function taskOutputToToml(output: TaskOutput): Map<string, TomlWritable> {
  return orderedTable(output, TASK_OUTPUT_KEYS, (key, item) => key !== 'edited_files' || nonEmpty(item));
}

export function renderTaskOutputText(output: TaskOutput, header: readonly string[] = []): string {
  return stringifyToml(taskOutputToToml(output), { header });
}

export function writeTaskOutputFile(file: string, output: TaskOutput, header: readonly string[] = []): void {
  writeTomlFile(file, taskOutputToToml(output), header);
}
