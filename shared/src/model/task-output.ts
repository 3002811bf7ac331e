import { z } from 'zod';
import { stringList } from './plan';

/** `.ossature/tasks/<id>-<slug>/output.toml` (reference §2.5): what one task run produced. */

/** Output files written before ownership tracking listed everything under `files`. */
function migrateOutput(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  if ('created_files' in value || !('files' in value)) return value;
  const { files, ...rest } = value as Record<string, unknown>;
  return { ...rest, created_files: files };
}

export const taskOutputSchema = z.preprocess(
  migrateOutput,
  z.looseObject({
    created_files: stringList.default([]),
    success: z.boolean({ error: 'expected true or false' }).default(false),
    verify_output: z.string({ error: 'expected a string' }).default(''),
    edited_files: stringList.default([]),
  }),
);

export type TaskOutput = z.infer<typeof taskOutputSchema>;

export const TASK_OUTPUT_KEYS = ['created_files', 'success', 'verify_output', 'edited_files'] as const;

/**
 * A task's folder-name slug (reference §2.5): title lower-cased, spaces → `-`, `:` removed, `/` → `-`,
 * leading/trailing `-` stripped; other characters (`&`, `,`, `.`, `—`) are kept.
 */
export function taskSlug(title: string): string {
  return title
    .toLowerCase()
    .replaceAll(' ', '-')
    .replaceAll(':', '')
    .replaceAll('/', '-')
    .replace(/^-+|-+$/g, '');
}

/** `<id>-<slug>`, the task's folder under `.ossature/tasks/`. */
export function taskDirName(id: string, title: string): string {
  return `${id}-${taskSlug(title)}`;
}
