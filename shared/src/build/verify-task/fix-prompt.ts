import type { PlanTask } from '../../model/plan';
import { fenceFor } from '../../parse/render-smd';
import { currentFileBlock } from '../prompt/fix-prompt';
import type { VerifyTaskMaterials } from './prepare';

/**
 * The fixer's prompt when the author's VMD cases fail (reference §5.9 step 5): the expected values are
 * authoritative and the fixture and harness are read-only, so the fixer is pointed at the spec's
 * implementation files. Sections as the original: `<verify_task_context>`, `<error_output>` (fenced),
 * `<verify_command>` (commands joined with ` && `), a `<current_file>` per implementation file (inline, or a
 * stub with `total_lines` past `max_inline_lines`), and the task as `**title**: description`.
 */

export interface VerifyFixPromptInput {
  materials: Pick<VerifyTaskMaterials, 'implementationFiles'>;
  task: Pick<PlanTask, 'title' | 'description' | 'outputs' | 'verify'>;
  /** What the failed verify printed. */
  errorOutput: string;
  outputDir: string;
  /** `[build] max_inline_lines`. */
  maxInlineLines: number;
}

export function verifyFixPrompt(input: VerifyFixPromptInput): string {
  const { task } = input;
  const fence = fenceFor(input.errorOutput);
  const sections = [
    '<verify_task_context>\n' +
      'The verification cases the spec author wrote for this project failed. Their expected values are ' +
      'authoritative: the author wrote them and they define correct behavior. Fix the implementation so ' +
      'the cases pass.\n' +
      `The fixture and harness files (${task.outputs.join(', ')}) are generated and read-only; do not edit ` +
      'them, and do not hardcode case-specific values in the implementation.\n' +
      '</verify_task_context>',
    `<error_output>\n${fence}\n${input.errorOutput}\n${fence}\n</error_output>`,
  ];
  const verify = task.verify.join(' && ');
  if (verify) sections.push(`<verify_command>\n${verify}\n</verify_command>`);
  for (const path of input.materials.implementationFiles) {
    const block = currentFileBlock(input.outputDir, path, input.maxInlineLines);
    if (block !== undefined) sections.push(block);
  }
  sections.push(`<task>\n**${task.title}**: ${task.description}\n</task>`);
  return sections.join('\n\n');
}
