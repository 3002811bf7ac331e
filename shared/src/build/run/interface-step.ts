import { existsSync } from 'node:fs';
import { LlmConfigError } from '../../llm';
import type { PlanTask } from '../../model/plan';
import { extractInterface, interfaceExtractionDue } from '../interface-extract';
import type { BuildContext } from './context';
import { firstLine, isAbort } from './errors';
import { isFatalModelError } from './fix-loop';

/**
 * After a task completes or is confirmed done: when it finishes its spec (reference §5.7), the spec's
 * interface is extracted from the code, so dependents see what was really built. A failed extraction is a
 * warning, and the spec then counts as not refreshed (its dependents rebuild: the interface gate).
 */
export async function maybeExtractInterface(
  ctx: BuildContext,
  task: PlanTask,
  rebuiltSpecs: ReadonlySet<string>,
): Promise<{ refreshed: boolean; changed: boolean } | undefined> {
  const plan = ctx.project.plan;
  const interfaceFile = ctx.project.paths.interface(task.spec);
  const due = interfaceExtractionDue({
    plan,
    task,
    rebuiltSpecs,
    interfaceExists: existsSync(interfaceFile),
  });
  if (!due) return undefined;
  try {
    const result = await extractInterface(ctx.client(), {
      specId: task.spec,
      plan,
      outputDir: ctx.project.paths.outputDir,
      interfaceFile,
      amds: ctx.project.workspace.index.amdsBySpec.get(task.spec) ?? [],
      language: ctx.project.config.output.language,
      signal: ctx.signal,
    });
    ctx.emitter.emit({
      type: 'interface',
      spec: task.spec,
      result: !result.written ? 'no-sources' : result.changed ? 'written' : 'unchanged',
    });
    return { refreshed: result.written, changed: result.changed };
  } catch (error) {
    if (isAbort(error, ctx.signal)) return { refreshed: false, changed: false };
    if (isFatalModelError(error) && !(error instanceof LlmConfigError)) throw error;
    ctx.emitter.emit({ type: 'interface', spec: task.spec, result: 'failed', message: firstLine(error) });
    return { refreshed: false, changed: false };
  }
}
