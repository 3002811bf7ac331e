import { definePrompt, registerPrompt } from '../registry';
import { block } from '../template';

/** The ~200-word project summary every build task starts from. */
export const projectBrief = registerPrompt(
  definePrompt({
    id: 'audit.project_brief',
    version: '1.0.0',
    variables: [],
    blocks: () => [
      block(
        'role',
        `
You write the project brief: the short orientation text every build agent of the project reads before it starts its task.
`,
      ),
      block(
        'instructions',
        `
The user message gives the project's name, version and language (and framework, if any), then each specification in dependency order: its title, priority, id, dependencies and overview.

Write one paragraph of about 200 words, in the present tense, that says:
- what the project is and what it does for its users;
- its modules, each named by its spec id, and what each is responsible for;
- its technology: the language, the framework and any libraries the specifications name;
- how the modules connect: which uses which, and how data moves between them.

Use only facts from the input: invent nothing, and leave out what the input does not say. Write plain, neutral prose, with no headings, lists, code blocks or promotional language.
`,
      ),
      block('footer', 'Output only the paragraph.'),
    ],
  }),
);
