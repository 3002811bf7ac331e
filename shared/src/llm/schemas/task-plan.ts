import { z } from 'zod';

/**
 * The planner's structured output (reference §2.6 "Planner structured output", §4.7): a list of tasks, each
 * a new `PlannerTask` or, when re-planning, a `PreservedTaskRef` to an unchanged task of the previous plan.
 */

/** A bare string (older models do this) becomes a one-item list; an empty string none. */
const stringList = (description: string) =>
  z
    .preprocess(
      (value) => (typeof value === 'string' ? (value === '' ? [] : [value]) : value),
      z.array(z.string()),
    )
    .describe(description);

const taskIndexList = (description: string) => z.array(z.int().positive()).describe(description);

export const plannerTaskSchema = z.object({
  kind: z.literal('task'),
  title: z.string().describe('Short imperative title'),
  description: z.string().describe('What to build, precisely enough to implement without guessing'),
  outputs: stringList('Files this task creates or finalises, relative to the output directory'),
  depends_on: taskIndexList('1-based indices of earlier tasks in this list that must be done first'),
  spec_refs: stringList('SMD section names whose text the implementer needs, e.g. "Token Format"'),
  arch_refs: stringList('AMD section references the implementer needs'),
  verify: stringList('Shell commands run in the output directory after the task; empty for none'),
  context_files: stringList('Paths under the context directory given to the implementer').default([]),
  source: stringList(
    'Copy-task sources as "context://<pattern>"; such a task copies instead of generating',
  ).default([]),
  covers: stringList('Requirement anchors or headings this task verifies (test tasks)').default([]),
});
export type PlannerTask = z.output<typeof plannerTaskSchema>;

export const preservedTaskRefSchema = z.object({
  kind: z.literal('preserved'),
  previous_index: z
    .int()
    .positive()
    .describe('1-based index of the unchanged task in the previous task plan'),
  depends_on: taskIndexList('1-based indices of earlier tasks in this new list that must be done first'),
});
export type PreservedTaskRef = z.output<typeof preservedTaskRefSchema>;

export const specTaskPlanSchema = z.object({
  tasks: z
    .array(z.discriminatedUnion('kind', [plannerTaskSchema, preservedTaskRefSchema]))
    .describe('The tasks in execution order'),
});
export type SpecTaskPlan = z.output<typeof specTaskPlanSchema>;
export type SpecTaskPlanEntry = SpecTaskPlan['tasks'][number];
