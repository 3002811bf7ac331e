import { reviewReportSchema } from '../../llm';
import type { PlanTask } from '../../model/plan';
import { render } from '../../prompts';
import { reviewFixPrompt, reviewPrompt } from '../prompt';
import type { TaskSandbox } from '../tools';
import { runAgentStep } from './agent-step';
import type { BuildContext } from './context';
import { firstLine, isAbort } from './errors';
import { isFatalModelError, type LoopResult } from './fix-loop';
import type { TaskFiles } from './task-files';
import { verifyTask } from './verify-step';

/**
 * The post-task review (reference §5.4 step 9): the reviewer judges the task's files against its spec and
 * contracts; when it finds problems, up to `max_review_attempts` rounds of fix (build model) → re-verify →
 * re-review. A reviewer that errors accepts the task (noted in `review-N-response.md`).
 */
export async function reviewStep(
  ctx: BuildContext,
  task: PlanTask,
  files: TaskFiles,
  sandbox: TaskSandbox,
  verifyOutput: string,
): Promise<LoopResult> {
  const config = ctx.project.config;
  const system = render('build.reviewer', { language: config.output.language });
  const rounds = config.build.max_review_attempts;
  let output = verifyOutput;
  for (let round = 1; ; round++) {
    const prompt = reviewPrompt(ctx.prompts, task);
    files.write(`review-${round}-prompt.md`, prompt);
    ctx.emitter.emit({ type: 'task-phase', id: task.id, phase: 'review', attempt: round });
    let report: {
      passed: boolean;
      issues: { file: string; target: string; problem: string; suggestion: string }[];
    };
    try {
      const result = await ctx.client().callStructured('reviewer', {
        system,
        user: prompt,
        schema: reviewReportSchema,
        name: 'ReviewReport',
        labels: { spec: task.spec, task: task.id, operation: 'review' },
        maxTokens: config.build.max_output_tokens,
        signal: ctx.signal,
      });
      report = result.value;
    } catch (error) {
      if (isAbort(error, ctx.signal)) return { kind: 'aborted', output };
      if (isFatalModelError(error)) throw error;
      files.write(
        `review-${round}-response.md`,
        `[reviewer error] ${firstLine(error)}\nThe task was accepted without review.\n`,
      );
      return { kind: 'pass', output };
    }
    files.write(`review-${round}-response.json`, `${JSON.stringify(report, null, 2)}\n`);
    if (report.passed || report.issues.length === 0) return { kind: 'pass', output };
    if (round > rounds) {
      const lines = report.issues.map(
        (i) => `- ${i.file} -- ${i.target}: ${i.problem}\n  Fix: ${i.suggestion}`,
      );
      return {
        kind: 'fail',
        output: `Review found problems:\n${lines.join('\n')}`,
        error: `Review failed after ${rounds} fix round${rounds === 1 ? '' : 's'}: ${report.issues.length} problem${report.issues.length === 1 ? '' : 's'} left (see review-${round}-response.json).`,
      };
    }
    const fix = reviewFixPrompt(ctx.prompts, task, report.issues);
    files.write(`review-fix-${round}-prompt.md`, fix);
    ctx.emitter.emit({ type: 'task-phase', id: task.id, phase: 'review-fix', attempt: round });
    try {
      const result = await runAgentStep(ctx, {
        kind: 'fixer',
        user: fix,
        taskId: task.id,
        spec: task.spec,
        operation: 'review-fix',
        sandbox,
      });
      files.write(`review-fix-${round}-response.md`, result.text);
    } catch (error) {
      if (isAbort(error, ctx.signal)) return { kind: 'aborted', output };
      if (isFatalModelError(error)) throw error;
      files.write(`review-fix-${round}-response.md`, `[agent error] ${firstLine(error)}\n`);
    }
    if (task.verify.length > 0) {
      const verdict = await verifyTask(ctx, task);
      if (verdict.kind === 'aborted') return verdict;
      if (verdict.kind !== 'pass') {
        return {
          kind: 'fail',
          output: verdict.output,
          error: `Verify failed after the review fix of round ${round}.`,
        };
      }
      output = verdict.output;
    }
  }
}
