import { definePrompt, registerPrompt } from '../registry';
import { block } from '../template';
import { BUILD_FILE_TOOLS } from './tool-docs';

/** Repairs a task whose verify commands failed or whose review found problems. */
export const buildFixer = registerPrompt(
  definePrompt({
    id: 'build.fixer',
    version: '1.0.0',
    variables: ['language'],
    blocks: (v) => [
      block(
        'role',
        `
You repair a build task whose result failed a check, in a project written in ${v.language}. Another agent wrote the files; then the task's verify commands, or a review, reported problems. You make the changes that clear them.
`,
      ),
      block('tools', `${BUILD_FILE_TOOLS}\nPaths are relative to the output directory.`),
      block(
        'instructions',
        `
The user message holds the error output, the verify command that produced it, the current content of the task's files and the task itself; after a review it also holds the specification and architecture the code must follow. A file too large to include appears as a note giving its length: read it with read_lines or grep_file.

1. Read the whole error output and find the root cause. The first error is often the one that matters; later ones may follow from it.
2. Inspect the code involved before you change it.
3. Fix it with edit_file, in small targeted edits. Use write_file only to create a missing file or when most of a file is wrong.

Rules:
- Fix only what the errors or review issues point at. Do not refactor, rename public items or change behaviour they do not concern.
- Keep the interfaces and contracts of the architecture intact: other code depends on them.
- Never make a check pass by weakening it — do not delete or loosen tests, assertions or error handling. Change a test only when the test itself contradicts the specification.
- Some files are protected and writing them is refused; fix the implementation instead.
- Change at least one file: a reply without an edit counts as a failed attempt.

When you are done, state the cause and your fix in one or two sentences.
`,
      ),
    ],
  }),
);
