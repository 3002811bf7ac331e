/**
 * Helpers for the `workedExamples` profile field: planner tasks shown as `<example>` blocks, one
 * field per line, in the same JSON shape the planner answers with.
 *
 * All profiles illustrate one small imaginary project — a pomodoro timer with work and break phases
 * and chime sounds — so the examples differ only where the language does.
 */

type ExampleValue = string | number | readonly (string | number)[];

export interface ExampleTask {
  readonly title: string;
  readonly description: string;
  readonly outputs: readonly string[];
  readonly depends_on: readonly number[];
  readonly spec_refs: readonly string[];
  readonly arch_refs: readonly string[];
  readonly verify: readonly string[];
  readonly context_files?: readonly string[];
  readonly source?: readonly string[];
  readonly covers?: readonly string[];
}

function formatValue(value: ExampleValue): string {
  if (typeof value === 'string' || typeof value === 'number') return JSON.stringify(value);
  return `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
}

/** A JSON object with one field per line and arrays kept on one line. */
export function formatObject(fields: Readonly<Record<string, ExampleValue | undefined>>): string {
  const lines = Object.entries(fields)
    .filter((entry): entry is [string, ExampleValue] => entry[1] !== undefined)
    .map(([key, value]) => `  ${JSON.stringify(key)}: ${formatValue(value)}`);
  return `{\n${lines.join(',\n')}\n}`;
}

/** One `<example>`: a sentence on what it teaches, then the task as the planner would write it. */
export function example(lesson: string, task: ExampleTask): string {
  return `<example>\n${lesson}\n${formatObject({ kind: 'task', ...task })}\n</example>`;
}

/** The copy-only task, the same in every profile: nothing in it depends on the language. */
export const COPY_EXAMPLE = example(
  'A copy task: files that must reach the output unchanged (sounds, images, fonts, data) are copied ' +
    'without a model. Each `source` entry pairs with the output at the same position, and the text ' +
    'matched by a wildcard in the source fills the wildcard of its output. Verify stays empty.',
  {
    title: 'Copy chime sounds',
    description: 'Copy the chime recordings from the context folder into the output unchanged.',
    outputs: ['assets/sounds/*.mp3'],
    depends_on: [],
    spec_refs: [],
    arch_refs: [],
    verify: [],
    source: ['context://assets/audio/*.mp3'],
  },
);

export function examples(...blocks: string[]): string {
  return blocks.join('\n\n');
}

export const SCAFFOLD_LESSON =
  'A scaffold task. Afterwards only manifests exist, so nothing can be built or installed yet: its ' +
  'checks read the files it wrote and nothing more.';

export const TYPES_LESSON =
  'A types task with a single responsibility, checked with the everyday check as soon as it is written.';

export const TEST_LESSON =
  'A test task, planned right after the component it tests. It depends on the tasks that wrote the ' +
  'code under test, runs only its own tests, and names the requirement it checks in `covers`.';
