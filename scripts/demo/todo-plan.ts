// What the offline demo model answers to `ossature audit` on the bundled example examples/todo: the briefs,
// the inferred interface of TODO_CLI, and a small plan of real tasks per spec (the planner's SpecTaskPlan).
// Specs it does not know (one a person adds in the walkthrough) get the generic one-task-per-requirement plan.
import { isReplan, planFor, previousTaskTitles, specOf, userText } from '../scripted-model/audit-model';
import type { RecordedRequest } from '../scripted-model/messages-server';

interface PlannedTask {
  title: string;
  description: string;
  outputs: string[];
  depends_on: number[];
  spec_refs: string[];
  arch_refs: string[];
  verify: string[];
  covers?: string[];
}

/** The demo plan of each spec of examples/todo, in execution order (depends_on: 1-based positions). */
export const TODO_PLAN: Readonly<Record<string, readonly PlannedTask[]>> = {
  TODO_STORE: [
    {
      title: 'Write the store error type',
      description:
        'Create the package `todo` (src/todo/__init__.py with a one-line docstring) and src/todo/errors.py with ' +
        '`StoreCorruptError(Exception)`, built from the path of the damaged file and naming it in its message.',
      outputs: ['src/todo/__init__.py', 'src/todo/errors.py'],
      depends_on: [],
      spec_refs: ['Load Items'],
      arch_refs: ['Components > Errors'],
      verify: ['python -m py_compile src/todo/__init__.py src/todo/errors.py'],
    },
    {
      title: 'Implement the JSON store',
      description:
        'Write src/todo/store.py: `add_item(items, title)` (trimmed title of 1–200 characters, next id = highest ' +
        'id + 1, ValueError otherwise) and `Store(path)` with `load`, `add` and `complete`. A missing file ' +
        'loads as []; invalid JSON raises StoreCorruptError and leaves the file alone; every write goes to a ' +
        'temporary file in the same folder that is then renamed over the store.',
      outputs: ['src/todo/store.py'],
      depends_on: [1],
      spec_refs: ['Add Item', 'Complete Item', 'Load Items', 'Constraints'],
      arch_refs: ['Components > Store', 'Data Models > Item'],
      verify: ['python -m py_compile src/todo/store.py'],
    },
    {
      title: 'Test the store',
      description:
        'Write tests/test_store.py (pytest, tmp_path): ids 1, 2, 3 for three adds; completing twice; KeyError ' +
        'for an unknown id; a missing file is empty; a damaged file raises StoreCorruptError and is unchanged.',
      outputs: ['tests/test_store.py'],
      depends_on: [2],
      spec_refs: ['Acceptance Criteria'],
      arch_refs: ['Components > Store'],
      verify: ['python -m pytest tests/test_store.py -q'],
      covers: ['complete', 'Load Items'],
    },
  ],
  TODO_CLI: [
    {
      title: 'Implement the todo command',
      description:
        'Write src/todo/cli.py with `main(argv=None) -> int` (argparse subcommands add, done, list over ' +
        '`Store("todo.json")`; `add` without words prints a usage line on stderr and returns 1; errors print ' +
        '`todo: <reason>` on stderr and return 1) and the executable launcher bin/todo, which puts src/ on ' +
        'sys.path and exits with main()\u2019s status.',
      outputs: ['src/todo/cli.py', 'bin/todo'],
      depends_on: [],
      spec_refs: ['List Items', 'Add From Command Line', 'Constraints', 'Examples'],
      arch_refs: [],
      verify: ['python -m py_compile src/todo/cli.py', 'python bin/todo list'],
    },
  ],
};

/** The project brief, spec briefs and the inferred interface, by request. */
export const TODO_BRIEFS = {
  project:
    'todo is a small Python project: a JSON-file store for todo items (TODO_STORE) and the `todo` command ' +
    'line on top of it (TODO_CLI). Standard library only; the store writes atomically and reports damaged files.',
  spec: {
    TODO_STORE:
      'TODO_STORE keeps todo items in one JSON file with stable integer ids. It adds, completes and loads ' +
      'items, writes atomically and raises StoreCorruptError for a damaged file.',
    TODO_CLI:
      'TODO_CLI is the `todo` command: add, done and list over the store in ./todo.json, exit status 0 on ' +
      'success and 1 with the reason on stderr.',
  } as Record<string, string>,
};

const EXTENSIONS: Record<string, string> = {
  python: 'py',
  javascript: 'mjs',
  typescript: 'ts',
  rust: 'rs',
  go: 'go',
  lua: 'lua',
};

/** The file extension of the project's language, from the planner prompt's `# Project: name v1 (language)`. */
export function languageExtension(request: RecordedRequest): string {
  const language = /^# Project: .*\((\w+)\)\s*$/m.exec(userText(request.body))?.[1]?.toLowerCase() ?? '';
  return EXTENSIONS[language] ?? 'txt';
}

/**
 * The planner's answer: the demo plan for a spec of the example (on a re-plan, tasks whose titles the
 * previous plan has become PreservedTaskRefs, so their status and hand edits survive), else the generic
 * plan of one task per requirement.
 */
export function todoPlanFor(request: RecordedRequest): unknown {
  const spec = specOf(request);
  const tasks = spec === undefined ? undefined : TODO_PLAN[spec];
  if (tasks === undefined) return planFor(request, languageExtension(request));
  const previous = isReplan(request) ? previousTaskTitles(userText(request.body)) : [];
  return {
    tasks: tasks.map((task) => {
      const index = previous.indexOf(task.title);
      if (index !== -1) return { kind: 'preserved', previous_index: index + 1, depends_on: task.depends_on };
      return {
        kind: 'task',
        ...task,
        context_files: [],
        source: [],
        covers: task.covers ?? [],
      };
    }),
  };
}
