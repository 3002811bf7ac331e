import { existsSync } from 'node:fs';
import {
  type CrossSpecAuditReport,
  createLlmClient,
  EMPTY_USAGE,
  type Env,
  type LlmClient,
  type LlmClientOptions,
  LlmConfigError,
  type SpecAuditReport,
  type UsageSummary,
} from '../../llm';
import type { Manifest } from '../../model/manifest';
import { Workspace } from '../../project/workspace';
import { writeGraphFile } from '../../store/graph-file';
import { writeManifestFile } from '../../store/manifest-file';
import { acquireRunLock, RunLockBusyError } from '../../store/run-lock';
import { auditScope } from '../audit-scope';
import { createManifest } from '../manifest';
import { runBriefs } from './briefs-run';
import { currentSources, detectChanges } from './change-detection';
import { AUDIT_ROLES, type RunContext } from './context';
import { auditCrossSpec, cachedCrossSpecReport, loadCachedCrossSpec } from './cross-spec-audit';
import { type DryRunReport, dryRunOrConfigError } from './dry-run';
import { AuditError } from './errors';
import { type AskFunction, type AuditEventListener, countFindings, type SeverityCounts } from './events';
import type { FixMode } from './fix-cycle';
import { runInterfaces } from './interfaces-run';
import { choosePlanning, type PlanPhaseResult, runPlanPhase } from './plan-phase';
import { AuditProject, specDiagnostics } from './project';
import { writeReportFiles } from './report-files';
import { auditSpec, cachedSpecReport, loadCachedSpec } from './spec-audit';

/**
 * `ossature audit`, the whole run in the order of reference §4.1. The CLI (and later the extension) calls
 * this with a listener for progress; the run prints nothing itself.
 */

export interface AuditRunOptions {
  configFile: string;
  replan?: boolean;
  interactive?: boolean;
  noFix?: boolean;
  dryRun?: boolean;
  /** `--spec ID`: audit this spec even if it has not changed (the changed ones are audited too). */
  spec?: string;
  env?: Env;
  signal?: AbortSignal;
  onEvent?: AuditEventListener;
  /** Required with `interactive`. */
  ask?: AskFunction;
  /** Extra model-client options (tests scale retry delays down). */
  client?: Partial<LlmClientOptions>;
  now?: () => Date;
}

export interface AuditRunResult {
  outcome: 'completed' | 'no-specs' | 'declined' | 'dry-run';
  /** Specs audited this run. */
  audited: string[];
  /** Findings over every spec report and the cross-spec report. */
  counts: SeverityCounts;
  /** ERROR findings left (the exit decision). */
  unresolvedErrors: number;
  usage: UsageSummary;
  plan?: PlanPhaseResult;
  dryRun?: DryRunReport;
  /** Set when `ANTHROPIC_API_KEY` is missing on a dry run (a real run would stop). */
  keyProblem?: string;
}

function fixModeOf(options: AuditRunOptions): FixMode {
  if (options.interactive && options.noFix) {
    throw new AuditError('--interactive and --no-fix are mutually exclusive; use one of them.', 'config');
  }
  return options.noFix ? 'none' : options.interactive ? 'interactive' : 'auto';
}

function loadWorkspace(configFile: string): Workspace {
  const workspace = Workspace.load(configFile);
  const problem = workspace.config.diagnostics.find((d) => d.severity === 'error');
  if (workspace.config.hasErrors && problem) {
    throw new AuditError(
      `ossature.toml: ${problem.message} Run \`ossature validate\` for details.`,
      'config',
    );
  }
  return workspace;
}

/** Spec problems that stop audit: every error except the plan's own and the coverage ledger's. */
function checkSpecs(workspace: Workspace, emit: AuditEventListener): void {
  const relevant = specDiagnostics(workspace);
  if (relevant.some((d) => d.severity === 'error')) {
    throw new AuditError('Specs invalid. Run `ossature validate` to see errors.', 'failure');
  }
  const warnings = relevant.filter((d) => d.severity === 'warning').length;
  if (warnings > 0) {
    emit({
      type: 'log',
      level: 'detail',
      message: `Validation: ${warnings} warning(s) (see \`ossature validate\`)`,
    });
  }
}

function createClient(options: AuditRunOptions, emit: AuditEventListener, workspace: Workspace): LlmClient {
  try {
    return createLlmClient({
      config: workspace.config.config,
      env: options.env ?? process.env,
      roles: AUDIT_ROLES,
      onEvent: (event) => emit({ type: 'llm', event }),
      ...(options.signal ? { signal: options.signal } : {}),
      ...options.client,
    });
  } catch (error) {
    if (error instanceof LlmConfigError) throw new AuditError(error.message, 'config');
    throw error;
  }
}

function totals(
  reports: ReadonlyMap<string, SpecAuditReport>,
  cross: CrossSpecAuditReport | undefined,
): SeverityCounts {
  const all = [...[...reports.values()].flatMap((r) => r.findings), ...(cross?.findings ?? [])];
  return countFindings(all);
}

export async function runAudit(options: AuditRunOptions): Promise<AuditRunResult> {
  const emit = options.onEvent ?? (() => undefined);
  const fixMode = fixModeOf(options);
  if (fixMode === 'interactive' && !options.ask) throw new Error('interactive audit needs an ask function');
  const workspace = loadWorkspace(options.configFile);
  const client = options.dryRun ? undefined : createClient(options, emit, workspace);
  const project = new AuditProject(workspace);
  const base = { audited: [], counts: countFindings([]), unresolvedErrors: 0, usage: { ...EMPTY_USAGE } };

  if (workspace.index.smds.length === 0) {
    emit({ type: 'log', level: 'warn', message: 'No spec files found.' });
    return { outcome: 'no-specs', ...base };
  }
  checkSpecs(workspace, emit);
  const { project: about, output } = workspace.config.config;
  emit({
    type: 'log',
    level: 'info',
    message: `Auditing ${about.name} v${about.version}: ${workspace.index.smds.length} spec(s), ${output.language}`,
  });
  const detection = detectChanges(project);
  const allIds = project.specOrder;
  const planExists = existsSync(project.paths.plan);
  if (options.replan && planExists && fixMode === 'interactive' && !options.dryRun) {
    const go = await options.ask!(
      'This will overwrite the existing plan (discarding manual edits). Continue?',
      false,
    );
    if (!go) return { outcome: 'declined', ...base };
  }

  let changed = detection.changed;
  if (detection.change.kind === 'unchanged') {
    if (fixMode === 'interactive' && !options.dryRun) {
      changed = (await options.ask!('No changes detected. Re-audit anyway?', false)) ? [...allIds] : [];
    } else if (options.spec === undefined) {
      emit({ type: 'log', level: 'info', message: 'No changes detected — skipping re-audit' });
    }
  } else if (detection.change.kind === 'changed') {
    emit({
      type: 'log',
      level: 'info',
      message: `Changed since the last audit: ${detection.change.keys.join(', ')}`,
    });
  }
  if (options.spec !== undefined) {
    const wanted = options.spec.trim().toUpperCase();
    if (!allIds.includes(wanted)) {
      throw new AuditError(`Unknown spec '${options.spec}'. Available: ${allIds.join(', ')}`, 'config');
    }
    if (!changed.includes(wanted)) changed = [...changed, wanted];
  }
  const scope = auditScope({
    allSpecIds: allIds,
    changed,
    hasCachedReport: (id) => cachedSpecReport(project, id) !== undefined,
    hasInterface: (id) => existsSync(project.paths.interface(id)),
  });
  if (scope.missingReport.length > 0) {
    emit({
      type: 'log',
      level: 'info',
      message: `No cached audit for ${scope.missingReport.join(', ')}; auditing it`,
    });
  }
  if (detection.removed.length > 0) {
    emit({
      type: 'log',
      level: 'info',
      message: `Removed since the last audit: ${detection.removed.join(', ')}`,
    });
  }
  const crossSpecNeeded =
    allIds.length > 1 &&
    (scope.audit.length > 0 || detection.removed.length > 0 || cachedCrossSpecReport(project) === undefined);

  if (options.dryRun || !client) {
    const plan = choosePlanning(project, emit, {
      replan: Boolean(options.replan),
      audited: scope.audit,
      findings: new Map(),
    });
    const report = dryRunOrConfigError({
      project,
      env: options.env ?? process.env,
      audit: scope.audit,
      crossSpec: crossSpecNeeded,
      previousManifest: detection.previousManifest,
      plan,
    });
    return { outcome: 'dry-run', ...base, audited: scope.audit, ...report };
  }

  const lock = takeLock(project.paths.ossature);
  try {
    const ctx: RunContext = {
      client,
      project,
      emit,
      fixMode,
      date: (options.now ?? (() => new Date()))(),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.ask ? { ask: options.ask } : {}),
    };
    writeGraphFile(project.paths.graph, detection.graph);
    return await auditAndPlan(ctx, options, {
      scope: scope.audit,
      crossSpecNeeded,
      previous: detection.previousManifest,
    });
  } finally {
    lock.release();
  }
}

async function auditAndPlan(
  ctx: RunContext,
  options: AuditRunOptions,
  input: { scope: string[]; crossSpecNeeded: boolean; previous: Manifest | undefined },
): Promise<AuditRunResult> {
  const { project, emit } = ctx;
  const reports = new Map<string, SpecAuditReport>();
  const audited: string[] = [];
  for (const id of project.specOrder) {
    if (input.scope.includes(id)) {
      reports.set(id, (await auditSpec(ctx, id)).report);
      audited.push(id);
      continue;
    }
    const cached = loadCachedSpec(ctx, id);
    if (cached) reports.set(id, cached);
  }
  emit({
    type: 'summary',
    counts: totals(reports, undefined),
    audited,
    cached: project.specOrder.filter((id) => !audited.includes(id) && reports.has(id)),
  });

  let cross: CrossSpecAuditReport | undefined;
  if (project.specOrder.length > 1) {
    cross = input.crossSpecNeeded ? (await auditCrossSpec(ctx)).report : loadCachedCrossSpec(ctx);
  }
  ctx.signal?.throwIfAborted();

  const specReports = project.specOrder.flatMap((id) => {
    const report = reports.get(id);
    return report ? [[id, report] as const] : [];
  });
  // Rewritten when something was audited (or a file is missing): an unchanged run leaves them as they are.
  const stale = audited.length > 0 || input.crossSpecNeeded;
  if (specReports.length > 0 || cross) writeReportFiles(ctx, specReports, cross, stale);

  const hashes = await runBriefs(ctx, input.previous);
  await runInterfaces(ctx, audited);
  const plan = await runPlanPhase(ctx, {
    replan: Boolean(options.replan),
    audited,
    findings: new Map([...reports].map(([id, report]) => [id, report.findings])),
  });
  ctx.signal?.throwIfAborted();
  writeManifestFile(
    project.paths.manifest,
    createManifest(currentSources(project, input.previous), input.previous, hashes),
  );

  const counts = totals(reports, cross);
  return {
    outcome: 'completed',
    audited,
    counts,
    unresolvedErrors: counts.error,
    usage: ctx.client.usage.total(),
    ...(plan ? { plan } : {}),
  };
}

function takeLock(ossatureDir: string): ReturnType<typeof acquireRunLock> {
  try {
    return acquireRunLock(ossatureDir, 'audit');
  } catch (error) {
    if (error instanceof RunLockBusyError) throw new AuditError(error.message, 'failure');
    throw error;
  }
}
