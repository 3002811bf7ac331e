import type { PlanTask } from '../../model/plan';
import { sourcePattern } from '../../model/plan';
import { sortedPaths } from '../hashing';
import type { BuildPromptContext } from './context';

/**
 * The synthetic prompt of a copy task (reference §5.6, §5.8): no model sees it, it only seeds the input
 * hash, so it names what decides the copy — id, title, the `context://` sources, the outputs and the
 * context files the sources match now (sorted, each once). Text as the original writes it.
 */
export function copyTaskPrompt(
  _ctx: BuildPromptContext,
  task: PlanTask,
  matchedFiles: readonly string[],
): string {
  const matched = sortedPaths([...new Set(matchedFiles)]);
  return [
    '<copy_task>',
    `id: ${task.id}`,
    `title: ${task.title}`,
    'source:',
    ...task.source.map((source) => `- context://${sourcePattern(source)}`),
    'outputs:',
    ...task.outputs.map((output) => `- ${output}`),
    'matched_sources:',
    ...matched.map((file) => `- ${file}`),
    '</copy_task>',
  ].join('\n');
}
