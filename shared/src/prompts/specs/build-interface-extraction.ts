import { definePrompt, registerPrompt } from '../registry';
import { block } from '../template';

/** Documents the public interface of a finished spec from its source files. */
export const interfaceExtraction = registerPrompt(
  definePrompt({
    id: 'build.interface_extraction',
    version: '1.0.0',
    variables: ['language'],
    blocks: (v) => [
      block(
        'role',
        `
You document the public interface of a finished ${v.language} module from its source code. Modules of other specifications are built against your document instead of reading the code, so it must match the code exactly.
`,
      ),
      block(
        'instructions',
        `
The user message lists the module's source files, each under "## <path>" with its content.

Write a Markdown document covering what other modules can use:
- public types with their fields or variants, including error types;
- public functions and methods, with their signatures copied exactly as written;
- where each item lives: its file, and the import or module path a dependent uses.

Rules:
- Report the code as it is. Do not rename, tidy, correct or add anything, and do not describe what the code ought to do.
- Declarations only, in fenced code blocks tagged "${v.language}": no bodies, no private or internal items, no tests, no build or package configuration.
- Add one short sentence to an item whose purpose its name does not make clear, taken from its doc comment when there is one.
- Leave contracts out: the declared contracts are appended after your document.
`,
      ),
      block(
        'footer',
        `
Output only the document, starting at its first "## " heading. No title line (one is added for you), no preface, no closing remarks.
`,
      ),
    ],
  }),
);
