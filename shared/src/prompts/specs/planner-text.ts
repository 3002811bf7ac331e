import type { ProfileVariable } from '../profiles/types';
import { block } from '../template';
import type { Block } from '../types';

/**
 * The parts `audit.plan_initial` and `audit.plan_replan` share. Every language-specific phrase comes
 * from a profile variable; the text around them is the same for every language.
 */

export const PLANNER_VARIABLES = [
  'language',
  'setupCommandExample',
  'setupManifestExample',
  'scaffoldManifests',
  'buildInvocationExamples',
  'safeVerifyExamples',
  'commonVerifyCommand',
  'workedExamples',
] as const satisfies readonly ('language' | ProfileVariable)[];

export type PlannerPlaceholders = Readonly<Record<(typeof PLANNER_VARIABLES)[number], string>>;

const AGENT_VIEW =
  'Each task is later carried out by a coding agent that starts fresh: it sees the task, the ' +
  'specification and architecture sections the task references, the architecture components whose ' +
  "paths are among the task's outputs, and the names of the files its dependencies wrote — nothing " +
  'else. A good plan lets every one of those agents succeed with only that.';

export function plannerRole(v: PlannerPlaceholders, replan: boolean): Block {
  const opening = replan
    ? `You update the build plan of one specification of a project written in ${v.language}, after the specification changed. The plan is an ordered list of small tasks.`
    : `You plan the build of one specification of a project written in ${v.language}: you split it into an ordered list of small tasks.`;
  return block('role', `${opening} ${AGENT_VIEW}`);
}

export function plannerInstructions(v: PlannerPlaceholders): Block {
  return block(
    'instructions',
    `
## Tasks
- A task writes one to three files and has one responsibility: the manifests, a set of types, one component, the tests of one component.
- Together the tasks write every component of the architecture at its @path and cover every requirement. Plan only the files of this specification; other specifications plan their own.
- The description tells the agent what to build: the types and functions, the behaviour that matters, the decisions already taken. Write it for a reader who has seen nothing else of the plan.
- depends_on lists the positions (1-based, in your list) of the earlier tasks whose files this task needs. A task depends only on tasks before it.
- spec_refs name what the agent needs from the specification: a section (Overview, Goals, Non-Goals, Requirements, Constraints, Examples, Acceptance Criteria, Notes) or the exact heading of one requirement or example. arch_refs name architecture sections (Overview, Components, Data Models, Flow, Dependencies, Notes) or one item, as "Components > Name" or "Data Models > Name". Everything referenced is copied into the agent's prompt, so reference what exists and what the task needs, and no more.
- Audit findings in the user message mark weak spots of the specification. Settle each one in the description of the task it concerns. Never plan work on the specification files themselves.

## Order
1. Scaffold: manifests and project configuration.
2. Shared types and data models.
3. Components, in the order the architecture lists them, each after the components it depends on.
4. The tests of a component, right after that component.
5. Integration and end-to-end tests, last.

## Verification
Each task has a verify list: shell commands run one after another in the output directory once the task is done, all of which must exit 0. For most tasks the everyday check on the task's own files is enough: ${v.commonVerifyCommand}.
- Check only files written by this task or by the tasks it depends on, directly or indirectly. A command that needs a file a later task writes fails.
- A task that writes only manifests (for ${v.language}: ${v.scaffoldManifests}) has nothing to compile yet. Its verify must not build, install or run the project — no ${v.buildInvocationExamples}. Use ${v.safeVerifyExamples}, or leave verify empty.
- One command per item: never chain commands with "&&", "||", ";" or pipes, and never "cd" — every command already starts in the output directory.
- Run a program the project builds by its relative path, never by a bare name looked up on PATH.
- Nothing interactive, long-running (such as a server) or needing the network. When there is no quick, reliable check, use \`test -f <file>\` or an empty list: a flaky check fails the build for nothing.
- The verify of a test task runs exactly that task's tests.

## Setup and outside files
- A project may have a build setup command, such as ${v.setupCommandExample}, that runs once before the first task and creates ${v.setupManifestExample}. Never plan a task that repeats the setup; a task that has to change a file the setup created lists that file among its outputs.
- context_files lists files of the project's context folder the agent needs to read, with the paths the user message gives.
- A file that must reach the output unchanged (an image, a sound, a font, a data file) gets a copy task, which runs without an agent: source holds "context://<path or pattern>" entries paired by position with outputs; a source with a * or ** wildcard (one at most) pairs with an output that has one too; verify is empty and no references are needed.
- covers lists the requirements a test task checks, by anchor or exact heading.
`,
  );
}

const TASK_FIELDS = `
{
  "kind": "task",
  "title": short, and unique within the plan,
  "description": what the agent builds, as above,
  "outputs": [paths relative to the output directory],
  "depends_on": [1-based positions of earlier tasks in this list],
  "spec_refs": [specification sections or headings],
  "arch_refs": [architecture sections or items],
  "verify": [commands, one per item],
  "context_files": [context files to read; optional],
  "source": ["context://..." entries; copy tasks only],
  "covers": [requirements checked; test tasks only]
}`.trim();

export function plannerOutputFormat(replan: boolean): Block {
  const intro =
    'Answer with a SpecTaskPlan: an object whose "tasks" field lists the tasks in build order. ' +
    (replan ? 'A task written in full has these fields:' : 'Each task has these fields:');
  const preserved = replan
    ? '\n\nA previous task kept as it was is written as a reference instead:\n' +
      '{\n  "kind": "preserved",\n  "previous_index": its number in the previous task list,\n' +
      '  "depends_on": [1-based positions of earlier tasks in the new list]\n}'
    : '';
  return block('output_format', `${intro}\n${TASK_FIELDS}${preserved}`);
}

export const EXAMPLES_INTRO =
  'These tasks come from the plan of a small pomodoro timer. They show the shape of tasks and how ' +
  'verification is chosen, not how many tasks a plan has.';

export function plannerExamples(v: PlannerPlaceholders, extra = ''): Block {
  return block('examples', `${EXAMPLES_INTRO}\n\n${v.workedExamples}${extra ? `\n\n${extra}` : ''}`);
}
