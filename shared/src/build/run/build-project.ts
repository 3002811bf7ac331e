import { existsSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { COVERAGE_CODES } from '../../diagnostics/codes-coverage';
import type { Diagnostic } from '../../diagnostics/diagnostic';
import type { OssatureConfig } from '../../model/config';
import type { Plan, PlanTask, TaskStatus } from '../../model/plan';
import { type BuildState, emptyState, STATE_VERSION, type TaskState } from '../../model/state';
import { type ProjectPaths, projectPaths } from '../../project/project-paths';
import { Workspace } from '../../project/workspace';
import { loadPlanFile } from '../../store/plan-file';
import { writeTaskStatuses } from '../../store/plan-status-write';
import { readStateFile, writeStateFile } from '../../store/state-file';
import { validateWorkspace } from '../../validate/validate-workspace';
import { BuildError } from './errors';

/**
 * The project as one build sees it: workspace (specs), paths, the plan and the state. Task statuses and
 * task states change only through {@link BuildProject.setStatus} and {@link BuildProject.recordState},
 * which write `plan.toml` (only the task's `status` value, so the user's edits and comments survive) and
 * `state.toml` (atomically, after every task) at once — a kill at any moment leaves both readable.
 */
export class BuildProject {
  readonly paths: ProjectPaths;
  readonly plan: Plan;
  readonly state: BuildState;
  readonly byId: Map<string, PlanTask>;
  /** Problems found while loading that do not stop the build (e.g. an unreadable state.toml). */
  readonly warnings: string[] = [];

  private constructor(
    readonly workspace: Workspace,
    plan: Plan,
    state: BuildState,
  ) {
    this.paths = projectPaths(workspace.root, workspace.config.config);
    this.plan = plan;
    this.state = state;
    this.byId = new Map(plan.task.map((task) => [task.id, task]));
  }

  /**
   * Loads and checks everything a build needs. Throws {@link BuildError} when the configuration, the specs
   * or plan.toml have errors (all of them listed with file:line:col), or when there is no plan.
   */
  static load(configFile: string): BuildProject {
    const workspace = Workspace.load(configFile);
    const configErrors = workspace.config.diagnostics.filter((d) => d.severity === 'error');
    if (workspace.config.hasErrors && configErrors.length > 0) {
      throw new BuildError(
        `${configFile} has errors; fix them and run the build again.`,
        'config',
        configErrors.map((d) => formatDiagnostic(workspace.root, d)),
      );
    }
    const plan = loadPlanFile(workspace.planFile);
    if (plan.kind === 'missing') {
      throw new BuildError('No plan found. Run `ossature audit` first.', 'failure');
    }
    const errors = buildBlockingDiagnostics(workspace);
    if (errors.length > 0) {
      throw new BuildError(
        `Specs or plan invalid (${errors.length} error${errors.length === 1 ? '' : 's'}). Fix them (\`ossature validate\` lists them too) and run the build again.`,
        'failure',
        errors.map((d) => formatDiagnostic(workspace.root, d)),
      );
    }
    if (plan.kind !== 'ok') {
      throw new BuildError(`plan.toml cannot be read: ${plan.error.message}`, 'failure');
    }
    const paths = projectPaths(workspace.root, workspace.config.config);
    const { state, problem } = loadState(paths.state);
    const project = new BuildProject(workspace, plan.document.plan, state);
    if (problem) project.warnings.push(problem);
    return project;
  }

  get config(): OssatureConfig {
    return this.workspace.config.config;
  }

  get root(): string {
    return this.workspace.root;
  }

  get name(): string {
    return this.config.project.name;
  }

  /** Sets task statuses in memory and in plan.toml (one write for all of them). */
  setStatus(statuses: ReadonlyMap<string, TaskStatus>): void {
    if (statuses.size === 0) return;
    for (const [id, status] of statuses) {
      const task = this.byId.get(id);
      if (task) task.status = status;
    }
    writeTaskStatuses(this.paths.plan, statuses);
  }

  /** Stores a finished task's hashes and files in state.toml at once (force-quit safe). */
  recordState(id: string, entry: TaskState): void {
    this.state.tasks[id] = entry;
    this.state.meta.version = STATE_VERSION;
    writeStateFile(this.paths.state, this.state);
  }

  /**
   * After a task changed files that other done tasks created (a fix loop editing an upstream file, a
   * verification task repairing the implementation), those tasks' output hashes are recomputed: the change
   * was made by the build, not by hand, so it must not count as "output modified" next time.
   */
  resealOutputs(
    byTask: string,
    touched: readonly string[],
    hashOf: (files: readonly string[]) => string,
  ): string[] {
    const files = new Set(touched);
    const resealed: string[] = [];
    for (const [id, entry] of Object.entries(this.state.tasks)) {
      if (id === byTask || this.byId.get(id)?.status !== 'done') continue;
      if (!entry.created_files.some((file) => files.has(file))) continue;
      const hash = hashOf(entry.created_files);
      if (hash === entry.output_hash) continue;
      entry.output_hash = hash;
      resealed.push(id);
    }
    if (resealed.length > 0) writeStateFile(this.paths.state, this.state);
    return resealed;
  }

  /** A path relative to the project root, `/`-separated. */
  rootRelative(file: string): string {
    return relative(this.root, file).split(sep).join('/');
  }
}

/** The stored state; an unreadable or older file gives an empty state (hashes are then backfilled). */
function loadState(file: string): { state: BuildState; problem?: string } {
  if (!existsSync(file)) return { state: emptyState() };
  try {
    const stored = readStateFile(file).state;
    return { state: stored.meta.version < STATE_VERSION ? emptyState() : stored };
  } catch (error) {
    return {
      state: emptyState(),
      problem: `${file} could not be read (${(error as Error).message.split('\n')[0]}); it will be rebuilt from the task outputs.`,
    };
  }
}

const COVERAGE = new Set<string>(Object.values(COVERAGE_CODES).map((c) => c.code));

/** Errors that stop a build: spec and plan errors (coverage-ledger problems are validate's business). */
export function buildBlockingDiagnostics(workspace: Workspace): Diagnostic[] {
  return validateWorkspace(workspace).diagnostics.filter(
    (d) => d.severity === 'error' && !COVERAGE.has(d.code),
  );
}

export function formatDiagnostic(root: string, d: Diagnostic): string {
  const file = relative(root, d.file).split(sep).join('/') || d.file;
  return `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code}: ${d.message}`;
}
