import { definePrompt, registerPrompt } from '../registry';
import { block } from '../template';
import {
  PLANNER_VARIABLES,
  plannerExamples,
  plannerInstructions,
  plannerOutputFormat,
  plannerRole,
} from './planner-text';

const PRESERVED_EXAMPLE = `
<example>
A kept task. Task 3 of the previous plan (the timer) is untouched by the change, but a new task now sits at position 2 and the timer needs it, so its dependencies are given by their positions in the new list.
{
  "kind": "preserved",
  "previous_index": 3,
  "depends_on": [1, 2, 3]
}
</example>`.trim();

/** Re-plans a changed spec, keeping unaffected tasks as PreservedTaskRefs. */
export const planReplan = registerPrompt(
  definePrompt({
    id: 'audit.plan_replan',
    version: '1.0.0',
    variables: PLANNER_VARIABLES,
    blocks: (v) => [
      plannerRole(v, true),
      plannerInstructions(v),
      block(
        'preservation_rules',
        `
The user message also holds the diff of the specification against the version planned last time, and the previous task list ("### Task 1", "### Task 2", …) with the fields of each task.
- Keeping a task is the default. For every previous task the change does not affect, write a reference to it: {"kind": "preserved", "previous_index": N, "depends_on": [...]}. The build then keeps that task's progress and files.
- Write a task in full only when the change affects it (its files, behaviour, references or checks must change) or when the change adds new work.
- Leave out previous tasks whose work the specification no longer asks for.
- Never rename, reword, reorder, split or merge a task the change does not affect. Kept tasks stay in their previous relative order; put new tasks where the build order needs them.
- previous_index is the task's number in the previous list. depends_on, in kept and new tasks alike, holds positions in your new list: recompute it whenever tasks move.
- When you rewrite an affected task that still writes the same files, keep its outputs exactly the same; that is how its earlier progress is recognised.
- Audit findings on their own are no reason to rewrite a task. Only the diff is.
- Everything in the instructions applies to the tasks you write in full.
`,
      ),
      plannerOutputFormat(true),
      plannerExamples(v, PRESERVED_EXAMPLE),
    ],
  }),
);
