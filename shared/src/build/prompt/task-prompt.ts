import { existsSync } from 'node:fs';
import type { PlanTask } from '../../model/plan';
import { renderComponent } from './arch-sections';
import { type BuildPromptContext, componentsForPaths } from './context';
import { contextFilesBlock } from './context-files';
import { resolveArchRefs, resolveSpecRefs } from './task-refs';
import { normalizeOutputPath, pathWithin, readText } from './text-files';

/**
 * The implementer's task prompt (reference §5.3): XML-tagged sections joined by blank lines, in order
 * project_config, project_brief, spec_brief, specification_context, architecture_context, dependency_files,
 * cross_spec_interfaces, context_files, task. Byte for byte what the original assembles — the prompt is
 * hashed into the task's input hash (§5.6), so any difference re-runs the task — apart from the departures
 * listed in spec-sections.ts, arch-sections.ts and context-files.ts.
 */

const DEPENDENCY_INTRO =
  'The following files from previous tasks are available. Use `grep_file` and `read_lines` to inspect the ' +
  'types, interfaces, and signatures you need.';

const tagged = (tag: string, body: string, attributes = ''): string =>
  `<${tag}${attributes}>\n${body}\n</${tag}>`;

function projectConfig(ctx: BuildPromptContext): string {
  const { project, output } = ctx.config;
  const lines = [`Project: ${project.name} v${project.version}`, `Language: ${output.language}`];
  if (output.framework) lines.push(`Framework: ${output.framework}`);
  return tagged('project_config', lines.join('\n'));
}

/**
 * The architecture blocks: each resolved `arch_refs` entry, then every component the task owns (its
 * `@path` is one of the outputs) that is not already shown — with contracts only for the files the task
 * finalises, so a scaffold is not held to the finished component's guarantees.
 */
function architecture(ctx: BuildPromptContext, task: PlanTask): string[] {
  const parts = resolveArchRefs(ctx, task).flatMap((r) => (r.block === undefined ? [] : [r.block]));
  const finalised = new Set(ctx.finalOutputs(task).map(normalizeOutputPath));
  for (const component of componentsForPaths(ctx.amds(task.spec), task.outputs)) {
    const block = renderComponent(component, finalised.has(normalizeOutputPath(component.path?.value ?? '')));
    if (!parts.some((part) => part.includes(block))) parts.push(block);
  }
  return parts;
}

function taskBlock(task: PlanTask): string {
  let body = `## ${task.title}\n\n${task.description}`;
  if (task.notes) body += `\n\n**Notes:** ${task.notes}`;
  if (task.outputs.length > 0) {
    body += `\n\n## Files to Produce\n\n${task.outputs.map((output) => `- \`${output}\``).join('\n')}`;
  }
  return tagged('task', body);
}

export function taskPrompt(ctx: BuildPromptContext, task: PlanTask): string {
  const { paths } = ctx;
  const sections = [projectConfig(ctx)];

  const brief = readText(paths.projectBrief);
  if (brief !== undefined) sections.push(tagged('project_brief', brief.trim()));
  const specBrief = readText(paths.specBrief(task.spec));
  if (specBrief !== undefined) sections.push(tagged('spec_brief', specBrief.trim(), ` spec="${task.spec}"`));

  const spec = resolveSpecRefs(ctx, task).flatMap((r) => (r.block === undefined ? [] : [r.block]));
  if (spec.length > 0) sections.push(tagged('specification_context', spec.join('\n\n')));
  const arch = architecture(ctx, task);
  if (arch.length > 0) sections.push(tagged('architecture_context', arch.join('\n\n')));

  const injected = task.inject_files.filter((file) => {
    const path = pathWithin(paths.outputDir, file);
    return path !== undefined && existsSync(path);
  });
  if (injected.length > 0) {
    const list = injected.map((file) => `- \`${file}\``).join('\n');
    sections.push(tagged('dependency_files', `${DEPENDENCY_INTRO}\n\n${list}`));
  }

  const interfaces = task.cross_spec_interfaces.flatMap((id) => {
    const text = readText(paths.interface(id));
    return text === undefined ? [] : [tagged('interface', text.trim(), ` spec="${id}"`)];
  });
  if (interfaces.length > 0) sections.push(tagged('cross_spec_interfaces', interfaces.join('\n\n')));

  const context = contextFilesBlock(paths.contextDir, task.context_files);
  if (context !== undefined) sections.push(context);

  sections.push(taskBlock(task));
  return sections.join('\n\n');
}
