import { existsSync } from 'node:fs';
import type { Manifest } from '../../model/manifest';
import { render } from '../../prompts';
import { writeFileAtomicSync } from '../../store/atomic-write';
import { type BriefPlan, planBriefs } from '../briefs';
import { type RunContext, signalOf } from './context';
import { inStep } from './errors';
import type { AuditProject } from './project';

/**
 * Briefs (reference §4.4): the project brief and one brief per spec, written by the `brief` role and
 * regenerated only when the hash of (model, system prompt, user prompt) changed or the file is missing.
 * The new hashes go into `manifest.toml` when the run completes.
 */

export interface BriefHashes {
  projectBriefInput: string;
  briefInputs: Record<string, string>;
}

/** Which briefs this run would (re)write, from the hashes stored in the previous manifest. */
export function planProjectBriefs(
  project: AuditProject,
  model: string,
  stored: Manifest | undefined,
): BriefPlan {
  const { config, paths } = project;
  return planBriefs({
    project: {
      name: config.project.name,
      version: config.project.version,
      language: config.output.language,
      ...(config.output.framework ? { framework: config.output.framework } : {}),
    },
    smds: project.specOrder.map((id) => project.smd(id)),
    model,
    systemPrompts: { project: render('audit.project_brief'), spec: render('audit.spec_brief') },
    stored: {
      projectBriefInput: stored?.project_brief_input ?? '',
      briefInputs: stored?.brief_inputs ?? {},
    },
    exists: (id) => existsSync(id === undefined ? paths.projectBrief : paths.specBrief(id)),
  });
}

/** Writes the briefs that need it; returns the hashes to store. */
export async function runBriefs(ctx: RunContext, stored: Manifest | undefined): Promise<BriefHashes> {
  const { client, project } = ctx;
  const plan = planProjectBriefs(project, client.model('brief').modelString, stored);
  const write = async (file: string, system: string, user: string, spec?: string) => {
    const { text } = await client.callText('brief', {
      system,
      user,
      labels: { operation: spec ? 'spec-brief' : 'project-brief', ...(spec ? { spec } : {}) },
      ...signalOf(ctx),
    });
    writeFileAtomicSync(file, text.trim());
  };
  const done: string[] = [];
  if (plan.project.regenerate) {
    await inStep('Project brief', ctx.signal, () =>
      write(project.paths.projectBrief, render('audit.project_brief'), plan.project.userPrompt),
    );
    done.push('project');
  }
  for (const spec of plan.specs) {
    if (!spec.regenerate) continue;
    await inStep(`Brief of ${spec.specId}`, ctx.signal, () =>
      write(project.paths.specBrief(spec.specId), render('audit.spec_brief'), spec.userPrompt, spec.specId),
    );
    done.push(spec.specId);
  }
  ctx.emit({
    type: 'log',
    level: done.length > 0 ? 'info' : 'detail',
    message: done.length > 0 ? `Briefs written: ${done.join(', ')}` : 'Briefs up to date',
  });
  return {
    projectBriefInput: plan.project.hash,
    briefInputs: Object.fromEntries(plan.specs.map((s) => [s.specId, s.hash])),
  };
}
