import type { ReviewIssue } from '../../llm/schemas/review';
import type { PlanTask } from '../../model/plan';
import { fenceFor } from '../../parse/render-smd';
import { renderComponent } from './arch-sections';
import { type BuildPromptContext, componentsForPaths } from './context';
import { fixPrompt } from './fix-prompt';
import { resolveSpecRefs } from './task-refs';
import { pathWithin, readText } from './text-files';

/**
 * The post-task reviewer's prompts (reference §5.4 step 9). The review prompt holds the task, what it must
 * satisfy — `<specification>` (its spec_refs, rendered as for the implementer) and `<architecture>` (the
 * components of the files it finalises, with their contracts) — and `<generated_code>` (each existing
 * output in full). The review-fix prompt puts the same spec and architecture before a fix prompt whose
 * error text lists the reviewer's issues. Text as the original, fences grown past backtick runs.
 */

/** The components whose contracts this task answers for: those of the files it finalises. */
function contractComponents(ctx: BuildPromptContext, task: PlanTask) {
  return componentsForPaths(ctx.amds(task.spec), ctx.finalOutputs(task));
}

/**
 * Whether the reviewer looks at `task`: it is not a copy task, it has outputs, and there is something to
 * check them against — spec_refs, or the contracts of a component it finalises.
 */
export function isReviewable(ctx: BuildPromptContext, task: PlanTask): boolean {
  if (task.source.length > 0 || task.outputs.length === 0) return false;
  return task.spec_refs.length > 0 || contractComponents(ctx, task).some((c) => c.contracts.length > 0);
}

function conformanceContext(ctx: BuildPromptContext, task: PlanTask): string[] {
  const sections: string[] = [];
  const spec = resolveSpecRefs(ctx, task).flatMap((r) => (r.block === undefined ? [] : [r.block]));
  if (spec.length > 0) sections.push(`<specification>\n${spec.join('\n\n')}\n</specification>`);
  const components = contractComponents(ctx, task).map((c) => renderComponent(c));
  if (components.length > 0) sections.push(`<architecture>\n${components.join('\n\n')}\n</architecture>`);
  return sections;
}

export function reviewPrompt(ctx: BuildPromptContext, task: PlanTask): string {
  const sections = [
    `<task>\n${task.title}\n\n${task.description}\n</task>`,
    ...conformanceContext(ctx, task),
  ];
  const code = task.outputs.flatMap((output) => {
    const file = pathWithin(ctx.paths.outputDir, output);
    const text = file === undefined ? undefined : readText(file, true);
    if (text === undefined) return [];
    const fence = fenceFor(text);
    return [`### ${output}\n\n${fence}\n${text}\n${fence}`];
  });
  if (code.length > 0) sections.push(`<generated_code>\n${code.join('\n\n')}\n</generated_code>`);
  return sections.join('\n\n');
}

const REVIEW_FIX_INTRO =
  'The code compiled and passed verification, but a review against the specification and declared ' +
  'contracts found these problems. Fix each one without breaking the build:';

/** The error text of a review-fix prompt: the reviewer's issues, one `- file -- target: problem` each. */
export function reviewIssuesText(issues: readonly ReviewIssue[]): string {
  const lines = [REVIEW_FIX_INTRO, ''];
  for (const issue of issues) {
    lines.push(`- ${issue.file} -- ${issue.target}: ${issue.problem}`);
    if (issue.suggestion) lines.push(`  Fix: ${issue.suggestion}`);
  }
  return lines.join('\n');
}

/** The fixer's prompt after a failed review: the conformance context, then the issues as a fix prompt. */
export function reviewFixPrompt(
  ctx: BuildPromptContext,
  task: PlanTask,
  issues: readonly ReviewIssue[],
): string {
  const base = fixPrompt({
    task,
    errorOutput: reviewIssuesText(issues),
    outputDir: ctx.paths.outputDir,
    maxInlineLines: ctx.config.build.max_inline_lines,
  });
  return [...conformanceContext(ctx, task), base].join('\n\n');
}
