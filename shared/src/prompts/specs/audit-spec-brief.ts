import { definePrompt, registerPrompt } from '../registry';
import { block } from '../template';

/** A two-to-three-sentence summary of one spec, shown to that spec's build tasks. */
export const specBrief = registerPrompt(
  definePrompt({
    id: 'audit.spec_brief',
    version: '1.0.0',
    variables: [],
    blocks: () => [
      block(
        'role',
        `
You write a spec brief: a short summary of one module that a build agent reads next to its task.
`,
      ),
      block(
        'instructions',
        `
The user message gives the module's title, its spec id, the specs it depends on and its overview.

Write two or three sentences in the present tense: what the module is for, its main responsibilities, and how it relates to the modules it depends on (or that it stands alone, when it depends on none). Use only facts from the input, in plain prose with no headings, lists or code.
`,
      ),
      block('footer', 'Output only the sentences.'),
    ],
  }),
);
