import { existsSync } from 'node:fs';
import { render } from '../../prompts';
import { writeFileAtomicSync } from '../../store/atomic-write';
import {
  type InterfaceStep,
  inferredInterfaceFile,
  interfaceFromAmds,
  interfaceInferenceUserPrompt,
  planInterfaces,
} from '../interfaces';
import { readTextFile } from './artifacts';
import { type RunContext, signalOf } from './context';
import { inStep } from './errors';
import type { AuditProject } from './project';

/**
 * Interfaces at audit time (reference §4.5): for the specs audited this run and those without an interface
 * file (plus the SMD-only specs downstream of them), in level order — written from the AMDs, or inferred
 * by the `interface` role for specs without one, given the interfaces of their dependencies.
 */

export function interfaceSteps(project: AuditProject, audited: readonly string[]): InterfaceStep[] {
  const ids = project.specOrder;
  return planInterfaces({
    levels: project.levels,
    depends: project.depends,
    amdBacked: new Set(ids.filter((id) => project.amds(id).length > 0)),
    audited,
    missing: ids.filter((id) => !existsSync(project.paths.interface(id))),
  });
}

/** The user prompt of an interface inference: the spec and the interface files of its dependencies. */
export function inferenceUserPrompt(project: AuditProject, id: string): string {
  const deps = new Map<string, string>();
  for (const dep of project.smd(id).depends) {
    const text = readTextFile(project.paths.interface(dep.value));
    if (text !== undefined) deps.set(dep.value, text);
  }
  return interfaceInferenceUserPrompt(project.smd(id), deps);
}

export async function runInterfaces(ctx: RunContext, audited: readonly string[]): Promise<InterfaceStep[]> {
  const { project, client } = ctx;
  const language = project.config.output.language;
  const steps = interfaceSteps(project, audited);
  const system = render('audit.interface_inference', { language });
  for (const step of steps) {
    const file = project.paths.interface(step.specId);
    if (step.source === 'amd') {
      writeFileAtomicSync(file, interfaceFromAmds(step.specId, project.amds(step.specId), language));
      continue;
    }
    await inStep(`Interface inference for ${step.specId}`, ctx.signal, async () => {
      const { text } = await client.callText('interface', {
        system,
        user: inferenceUserPrompt(project, step.specId),
        labels: { spec: step.specId, operation: 'interface-inference' },
        ...signalOf(ctx),
      });
      writeFileAtomicSync(file, inferredInterfaceFile(step.specId, text.trim()));
    });
  }
  if (steps.length > 0) {
    ctx.emit({
      type: 'log',
      level: 'info',
      message: `Interfaces written: ${steps.map((s) => `${s.specId} (${s.source === 'amd' ? 'from AMD' : 'inferred'})`).join(', ')}`,
    });
  }
  return steps;
}
