import { z } from 'zod';

/** `.ossature/plan.toml` (reference §2.6). Field names are the file's own (snake_case). */

export const TASK_STATUSES = ['pending', 'done', 'failed', 'skipped', 'manual'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_KINDS = ['task', 'verify'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** A list of strings (no coercion: a number in a path list is a mistake worth reporting). */
export const stringList = z.array(z.string({ error: 'expected a string' }), {
  error: 'expected a list of strings',
});

/**
 * `verify`: a list of commands, or (older plans) one command string — coerced to a one-item list; an
 * empty string means no commands.
 */
export const verifyList = z
  .union([z.string(), stringList], { error: 'expected a list of command strings (or one command string)' })
  .transform((value) => (typeof value === 'string' ? (value === '' ? [] : [value]) : value));

export const planTaskSchema = z
  .looseObject({
    id: z
      .string({ error: 'expected a string such as "001"' })
      .describe('The task id: a zero-padded sequence number such as "001", unique in the plan.'),
    spec: z
      .string({ error: 'expected a spec id string' })
      .describe('The id of the spec this task belongs to.'),
    kind: z
      .enum(TASK_KINDS, { error: 'expected "task" or "verify"' })
      .default('task')
      .describe('"task": built by the model; "verify": runs the author\'s .vmd cases.'),
    vmd_file: z
      .string({ error: 'expected a string' })
      .default('')
      .describe('For a verify task: the .vmd file, relative to the project root.'),
    vmd_group: z
      .string({ error: 'expected a string' })
      .default('')
      .describe('For a verify task: the group ("name/arity") or "@scenarios".'),
    title: z.string({ error: 'expected a string' }).describe('A short title (also names the task folder).'),
    description: z.string({ error: 'expected a string' }).describe('What the task does, given to the model.'),
    outputs: stringList.describe('Files the task produces, relative to the output folder.'),
    depends_on: stringList.describe('Ids of the tasks that must be done first.'),
    spec_refs: stringList.describe(
      'Spec sections to inline in the prompt: a section, a requirement or example title, "Requirements > X".',
    ),
    arch_refs: stringList.describe(
      'Architecture sections to inline: a section, a component or data model, "Components > X".',
    ),
    status: z
      .enum(TASK_STATUSES, { error: `expected one of ${TASK_STATUSES.join(', ')}` })
      .default('pending')
      .describe(
        'pending: to build; done: built; failed: the last build failed; skipped: left out; manual: done by hand.',
      ),
    verify: verifyList.describe('Shell commands run in the output folder after the task; all must pass.'),
    inject_files: stringList
      .default([])
      .describe('Outputs of earlier tasks of the same spec that the prompt lists.'),
    cross_spec_interfaces: stringList
      .default([])
      .describe('Spec ids whose interface (.ossature/context/interfaces/<ID>.md) the prompt inlines.'),
    context_files: stringList.default([]).describe('Files under the context folder given to the task.'),
    /** Copy-task sources as written: `context://<pattern>` or a bare pattern (see {@link sourcePattern}). */
    source: stringList
      .default([])
      .describe('Copy task: "context://<pattern>" sources copied to the outputs verbatim, without a model.'),
    covers: stringList.default([]).describe('Requirement anchors or headings this task verifies.'),
    notes: z.string({ error: 'expected a string' }).default('').describe('Free text appended to the prompt.'),
  })
  .describe('One task of the build, in execution order.');

export type PlanTask = z.infer<typeof planTaskSchema>;
/** What `planTaskSchema.parse` accepts: optional fields may be left out, `verify` may be one string. */
export type PlanTaskInput = z.input<typeof planTaskSchema>;

export const planMetaSchema = z
  .looseObject({
    generated_at: z
      .string({ error: 'expected a UTC timestamp string such as "2026-05-13T21:29:48Z"' })
      .describe('When the audit wrote the plan (UTC), e.g. "2026-05-13T21:29:48Z".'),
    total_tasks: z.int({ error: 'expected an integer' }).describe('The number of [[task]] tables.'),
    specs: stringList.describe('The specs that have tasks, in dependency order.'),
  })
  .describe('About the plan.');

export type PlanMeta = z.infer<typeof planMetaSchema>;

export const planSchema = z.looseObject({
  meta: planMetaSchema,
  task: z
    .array(planTaskSchema, { error: 'expected [[task]] tables' })
    .default([])
    .describe('The tasks, in execution order.'),
});

export type Plan = z.infer<typeof planSchema>;

/** Task keys in the order the original writes them (reference §2.6); unknown keys follow these. */
export const PLAN_TASK_KEYS = [
  'id',
  'spec',
  'title',
  'description',
  'outputs',
  'depends_on',
  'spec_refs',
  'arch_refs',
  'status',
  'verify',
  'kind',
  'vmd_file',
  'vmd_group',
  'inject_files',
  'cross_spec_interfaces',
  'context_files',
  'source',
  'covers',
  'notes',
] as const;

export const PLAN_META_KEYS = ['generated_at', 'total_tasks', 'specs'] as const;

const CONTEXT_SCHEME = 'context://';

/** The context-dir pattern of a copy-task source: `context://assets/*.mp3` and `assets/*.mp3` both give `assets/*.mp3`. */
export function sourcePattern(source: string): string {
  return source.startsWith(CONTEXT_SCHEME) ? source.slice(CONTEXT_SCHEME.length) : source;
}

/** The written form of a source: `context://<pattern>` (other schemes are left as they are). */
export function sourceUri(source: string): string {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(source) ? source : `${CONTEXT_SCHEME}${source}`;
}

/** Why a copy-task source is not allowed (another scheme, an absolute path, `..`), or undefined. */
export function sourceProblem(source: string): string | undefined {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(source);
  if (scheme && `${scheme[1]}://` !== CONTEXT_SCHEME) {
    return `uses the scheme ${scheme[1]}://; only context:// is supported`;
  }
  const pattern = sourcePattern(source);
  if (pattern.trim() === '') return 'is empty';
  if (pattern.startsWith('/') || pattern.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(pattern)) {
    return 'is an absolute path; give a path relative to the context directory';
  }
  if (pattern.split(/[\\/]/).includes('..')) return 'leaves the context directory with ..';
  return undefined;
}

/** Splits a legacy `SPEC_ID:ref` into its spec id and ref; no prefix gives `{ ref }`. */
export function splitSpecPrefix(ref: string): { spec?: string; ref: string } {
  const match = /^([A-Za-z0-9_-]+):(.*)$/s.exec(ref);
  if (!match) return { ref };
  return { spec: match[1] as string, ref: match[2] as string };
}

/**
 * Strips a legacy `SPEC_ID:` prefix (plans before 0.0.4 wrote `"EXPENSE_TRACKER:Goals"`) when the prefix
 * is a known spec id; anything else (e.g. a requirement titled `Storage: Add`) is left alone.
 */
export function stripSpecPrefix(ref: string, isKnownSpec: (id: string) => boolean): string {
  const { spec, ref: rest } = splitSpecPrefix(ref);
  return spec !== undefined && isKnownSpec(spec) ? rest : ref;
}

/** Task keys the schema knows; anything else in a `[[task]]` is kept but means nothing to Ossature. */
export const KNOWN_TASK_KEYS: ReadonlySet<string> = new Set(PLAN_TASK_KEYS);
export const KNOWN_META_KEYS: ReadonlySet<string> = new Set(PLAN_META_KEYS);
