import { definePrompt, registerPrompt } from '../registry';
import { block } from '../template';

/** Infers the public interface of a spec without an architecture, before any code exists. */
export const interfaceInference = registerPrompt(
  definePrompt({
    id: 'audit.interface_inference',
    version: '1.0.0',
    variables: ['language'],
    blocks: (v) => [
      block(
        'role',
        `
You write the public interface of a module that has not been built yet, working only from its specification; the module will be written in ${v.language}. The specifications that depend on this module are planned and built against what you write, so it must be precise, and it must be what the specification implies — not a design of your own.
`,
      ),
      block(
        'instructions',
        `
The user message holds the specification and, when the module has dependencies, their interfaces under "## Dependency Interfaces".

Write a Markdown document listing everything other modules will use:
- public types (records, enumerations, classes, error types) with their fields or variants;
- public functions and methods with full signatures: parameter names and types, the return type, and how errors reach the caller;
- one entry for each error case the requirements list, as the type or value a caller sees;
- shared formats other modules rely on (file layouts, message shapes), when the specification defines them.

Rules:
- Write the declarations in idiomatic ${v.language}, in fenced code blocks tagged "${v.language}", and give each item one short sentence where its purpose is not obvious from its name.
- Take names from the specification (requirement titles, the wording of Accepts and Returns, the examples) and keep them consistent with the examples.
- Refer to types from dependency interfaces by name and by the module path those interfaces give; never redefine them.
- Declarations only: no function bodies (use the declaration form of ${v.language}, or an empty stub where it has none), no private helpers, no tests, no build configuration.
- Where the specification leaves a type open, choose the simplest idiomatic one and say so in a comment.
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
