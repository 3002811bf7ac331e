import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The declared outputs a task did not produce (reference §5.4 step 7): when verify fails and one of the
 * task's `outputs` does not exist under the output dir, the task fails with a "Missing Outputs" message
 * instead of entering the fix loop. Outputs holding a `*` wildcard (copy-task patterns) are not checked.
 */
export function missingOutputs(outputs: readonly string[], outputDir: string): string[] {
  return outputs.filter((output) => !output.includes('*') && !existsSync(resolve(outputDir, output)));
}
