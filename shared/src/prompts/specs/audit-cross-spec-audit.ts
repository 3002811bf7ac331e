import { definePrompt, registerPrompt } from '../registry';
import { block } from '../template';

/** Checks how the specs of a project fit together; answers with a CrossSpecAuditReport. */
export const crossSpecAudit = registerPrompt(
  definePrompt({
    id: 'audit.cross_spec_audit',
    version: '1.0.0',
    variables: ['language'],
    blocks: (v) => [
      block(
        'role',
        `
You audit how the specifications of one ${v.language} project fit together. Each specification has already passed its own audit. Each will be built separately, by an agent that knows only that specification and the published interfaces of the specifications it depends on. Your job is to find the places where the separately built parts will not fit.
`,
      ),
      block(
        'input_format',
        `
The user message contains:
- "## Spec Dependency Graph": one line per specification, giving its id and the ids it depends on.
- "## Spec Summaries": for each specification, "### ID: Title", its overview and requirement titles; for a specification with an architecture also its components (description, dependencies, interface code, contracts), data models and external dependencies.
You see summaries, not whole specifications: a detail a summary leaves out is not missing from the specification.
`,
      ),
      block(
        'instructions',
        `
Look for:
- Dependency gaps: a specification uses something (a type, function, file, piece of data, service) from another one without depending on it, or depends on one that does not provide what it expects.
- Contract mismatches: a provider and its consumer disagree on names, signatures, types, units, formats, error values or who owns a resource; or a dependent expects something that a declared contract (precondition, postcondition, invariant) of its provider rules out.
- Hidden circularity: the graph has no cycle but the behaviour does — A needs a result of B that B can only produce by using A.
- Integration ambiguity: two specifications claim the same responsibility, file, path or piece of state, or none does; or a shared format (file layout, message, schema) is described differently in two places.

Apply the two-teams test: report a problem only if two teams, each building one side faithfully from its own text, would produce parts that do not work together.

Do not report problems that lie within a single specification (they were audited already), style or wording, or details the summaries do not show.

Severity:
- error: the parts will not work together as written.
- warning: they may well not.
- info: worth aligning; low risk.

The suggestion names the specification to change and the concrete change, so that an automatic fixer can apply it. No findings is a good outcome: return an empty list rather than inventing problems.
`,
      ),
      block(
        'output_format',
        `
Answer with a CrossSpecAuditReport: an object whose only field, "findings", is a list (possibly empty). Each finding has:
- "severity": "error", "warning" or "info"
- "specs": the ids of the specifications involved, exactly as written in the graph, the one to change first
- "issue": the problem, in one to three sentences
- "suggestion": the change to make
`,
      ),
      block(
        'examples',
        `
<example>
CLI prints "removed: <url>" after deleting a bookmark, but the STORAGE interface of remove_bookmark returns nothing on success.
{
  "findings": [
    {
      "severity": "error",
      "specs": ["STORAGE", "CLI"],
      "issue": "CLI's remove subcommand prints the URL of the removed bookmark, but STORAGE's remove_bookmark(id) returns only success or NotFound, so CLI has no way to learn the URL without an extra lookup that neither specification mentions.",
      "suggestion": "In STORAGE, make remove_bookmark return the removed bookmark; or, in CLI, change the output of remove to 'removed: <id>'."
    }
  ]
}
</example>
<example>
Specifications whose interfaces and contracts agree:
{
  "findings": []
}
</example>
`,
      ),
    ],
  }),
);
