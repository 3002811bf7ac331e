import { createLlmClient, type Env, LlmConfigError, priceOf, resolveModel } from '../../llm';
import type { LlmRole } from '../../model/config';
import type { Manifest } from '../../model/manifest';
import { render } from '../../prompts';
import type { InterfaceStep } from '../interfaces';
import { planProjectBriefs } from './briefs-run';
import { AUDIT_ROLES } from './context';
import { crossSpecSystemPrompt, crossSpecUserPrompt } from './cross-spec-audit';
import { AuditError } from './errors';
import { inferenceUserPrompt, interfaceSteps } from './interfaces-run';
import type { PlanChoice } from './plan-phase';
import { contextInventory, plannerRequest, verifyTasksOf } from './planning-run';
import type { AuditProject } from './project';
import { cachedSpecReport, specAuditInput, specAuditSystemPrompt } from './spec-audit';

/**
 * `--dry-run`: what a run would audit and plan, and an estimate of its tokens and cost — without calling a
 * model or writing a file. Input tokens are the rendered prompts (system + user) at 4 characters per token;
 * output tokens are a typical answer size per kind of call. Fix cycles are not counted (they depend on
 * what the audit finds), nor is prompt caching (it lowers the real input cost).
 */

/** Typical answer sizes, in tokens, used for the output estimate. */
export const TYPICAL_OUTPUT_TOKENS = {
  'spec-audit': 900,
  'cross-spec-audit': 700,
  'project-brief': 300,
  'spec-brief': 120,
  'interface-inference': 900,
  planner: 2000,
} as const;

export type EstimatedOperation = keyof typeof TYPICAL_OUTPUT_TOKENS;

export const CHARS_PER_TOKEN = 4;

export interface EstimatedCall {
  operation: EstimatedOperation;
  /** Spec id, `cross-spec` or `project`. */
  scope: string;
  role: LlmRole;
  model: string;
  promptId: string;
  inputTokens: number;
  outputTokens: number;
  /** USD, null when the model's price is unknown. */
  costUsd: number | null;
}

export interface DryRunReport {
  audit: string[];
  crossSpec: boolean;
  briefs: string[];
  interfaces: InterfaceStep[];
  plan?: { mode: string; specs: string[]; reason: string };
  calls: EstimatedCall[];
  totals: { inputTokens: number; outputTokens: number; costUsd: number | null; unpricedModels: string[] };
}

export interface DryRunInput {
  project: AuditProject;
  env: Env;
  audit: readonly string[];
  crossSpec: boolean;
  previousManifest: Manifest | undefined;
  plan: PlanChoice;
}

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

export function dryRun(input: DryRunInput): DryRunReport {
  const { project } = input;
  const config = project.config;
  const calls: EstimatedCall[] = [];
  const add = (
    operation: EstimatedOperation,
    scope: string,
    role: LlmRole,
    promptId: string,
    system: string,
    user: string,
  ) => {
    const model = resolveModel(config, role, input.env);
    const inputTokens = estimateTokens(system) + estimateTokens(user);
    const outputTokens = TYPICAL_OUTPUT_TOKENS[operation];
    const price = priceOf(model.provider, model.model);
    const costUsd = price ? (inputTokens * price.input + outputTokens * price.output) / 1_000_000 : null;
    calls.push({
      operation,
      scope,
      role,
      model: model.modelString,
      promptId,
      inputTokens,
      outputTokens,
      costUsd,
    });
  };

  const auditSystem = specAuditSystemPrompt(project);
  for (const id of input.audit)
    add('spec-audit', id, 'audit', 'audit.spec_audit', auditSystem, specAuditInput(project, id).text);
  if (input.crossSpec) {
    add(
      'cross-spec-audit',
      'cross-spec',
      'audit',
      'audit.cross_spec_audit',
      crossSpecSystemPrompt(project),
      crossSpecUserPrompt(project),
    );
  }

  const briefModel = resolveModel(config, 'brief', input.env).modelString;
  const briefs = planProjectBriefs(project, briefModel, input.previousManifest);
  const briefNames: string[] = [];
  if (briefs.project.regenerate) {
    briefNames.push('project');
    add(
      'project-brief',
      'project',
      'brief',
      'audit.project_brief',
      render('audit.project_brief'),
      briefs.project.userPrompt,
    );
  }
  for (const spec of briefs.specs.filter((s) => s.regenerate)) {
    briefNames.push(spec.specId);
    add('spec-brief', spec.specId, 'brief', 'audit.spec_brief', render('audit.spec_brief'), spec.userPrompt);
  }

  const interfaces = interfaceSteps(project, input.audit);
  const inferenceSystem = render('audit.interface_inference', { language: config.output.language });
  for (const step of interfaces.filter((s) => s.source === 'llm')) {
    add(
      'interface-inference',
      step.specId,
      'interface',
      'audit.interface_inference',
      inferenceSystem,
      inferenceUserPrompt(project, step.specId),
    );
  }

  const { plan } = input;
  if (plan.mode) {
    const contextFiles = contextInventory(project.paths.contextDir);
    const verify = verifyTasksOf(project);
    for (const specId of plan.specs) {
      const request = plannerRequest(project, specId, {
        mode: plan.mode,
        oldPlan: plan.oldPlan,
        findings: cachedSpecReport(project, specId)?.findings ?? [],
        verifyTasks: verify.bySpec.get(specId) ?? [],
        contextFiles,
      });
      add('planner', specId, 'planner', request.promptId, request.system, request.user);
    }
  }

  const unpriced = [...new Set(calls.filter((c) => c.costUsd === null).map((c) => c.model))];
  return {
    audit: [...input.audit],
    crossSpec: input.crossSpec,
    briefs: briefNames,
    interfaces,
    ...(plan.mode ? { plan: { mode: plan.mode, specs: plan.specs, reason: plan.reason } } : {}),
    calls,
    totals: {
      inputTokens: calls.reduce((sum, c) => sum + c.inputTokens, 0),
      outputTokens: calls.reduce((sum, c) => sum + c.outputTokens, 0),
      costUsd: unpriced.length > 0 ? null : calls.reduce((sum, c) => sum + (c.costUsd ?? 0), 0),
      unpricedModels: unpriced,
    },
  };
}

/**
 * The dry run, with the key check a real run would make reported rather than thrown (a dry run needs no
 * key); a configuration that no run could use (an unsupported provider) is still an {@link AuditError}.
 */
export function dryRunOrConfigError(input: DryRunInput): { dryRun: DryRunReport; keyProblem?: string } {
  let keyProblem: string | undefined;
  try {
    createLlmClient({ config: input.project.config, env: input.env, roles: AUDIT_ROLES });
  } catch (error) {
    if (!(error instanceof LlmConfigError)) throw error;
    keyProblem = error.message.split('\n', 1)[0];
  }
  try {
    return { dryRun: dryRun(input), ...(keyProblem ? { keyProblem } : {}) };
  } catch (error) {
    if (error instanceof LlmConfigError) throw new AuditError(error.message, 'config');
    throw error;
  }
}
