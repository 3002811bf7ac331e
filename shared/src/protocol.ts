import {
  NotificationType,
  type Range,
  RequestType,
  RequestType0,
  type TextEdit,
} from 'vscode-languageserver-protocol';

/** The LSP types the requests below use, for the client to import from here too. */
export type { Range, TextEdit };

/**
 * The Ossature requests and notifications beyond LSP, declared once: the client imports these objects, the
 * server registers and sends by their `method`. Method names appear nowhere else.
 *
 * (The server bundle carries its own copy of vscode-jsonrpc, whose parameter-structure markers are not the
 * same objects as this package's; so the server passes `type.method` to its connection, while the client,
 * on the same copy as this file, passes the objects.)
 */

/** One project (one ossature.toml) the server keeps, with the counts of its last validation. */
export interface ProjectStatus {
  /** Absolute path of the project folder (where ossature.toml is). */
  root: string;
  /** Absolute path of ossature.toml. */
  configFile: string;
  /** `[project] name`. */
  name: string;
  smd: number;
  amd: number;
  vmd: number;
  errors: number;
  warnings: number;
  infos: number;
}

export type ServerState =
  /** Reading and validating the projects found at start-up. */
  | 'loading'
  /** Every project is loaded and its diagnostics are published. */
  | 'ready'
  /** No ossature.toml in or near any workspace folder; the server waits for one to appear. */
  | 'noProject';

export interface StatusParams {
  state: ServerState;
  projects: ProjectStatus[];
  /** One line for a status bar tooltip or log. */
  message: string;
}

/** Server → client whenever the state or any project's counts change (and once after the first pass). */
export const StatusNotification = new NotificationType<StatusParams>('ossature/status');

export interface ValidationSummaryParams {
  /** Only the project owning this document (a file: URI); every project when absent. */
  uri?: string;
}

export interface ValidationSummaryResult {
  state: ServerState;
  projects: ProjectStatus[];
}

/** Client → server: the counts of the last validation, validating first if an edit is pending. */
export const ValidationSummaryRequest = new RequestType<
  ValidationSummaryParams,
  ValidationSummaryResult,
  void
>('ossature/validationSummary');

/** Client → server: forget every open project and load them from disk again (e.g. after a git checkout). */
export const ReloadRequest = new RequestType0<ValidationSummaryResult, void>('ossature/reload');

/** The server process's memory and time, for the benchmark and a "server info" command. */
export interface ServerStats {
  /** V8 heap in use now, bytes. */
  heapUsed: number;
  heapTotal: number;
  /** The largest heap in use seen after loading or validating (where the heap peaks), bytes. */
  peakHeapUsed: number;
  /** Resident set size now, bytes. */
  rss: number;
  /** Peak resident set size of the process, bytes. */
  maxRss: number;
  /** Validation passes run so far. */
  validations: number;
  uptimeMs: number;
}

export const ServerStatsRequest = new RequestType0<ServerStats, void>('ossature/serverStats');

// ——— Plan, forecast and status edits (issue 6): the client asks, the server answers from the engine. ———

/** A task's status as plan.toml has it (a missing or unknown value reads as `pending`). */
export type PlanTaskStatus = 'pending' | 'done' | 'failed' | 'skipped' | 'manual';

/** `task`: built by the model; `verify`: the author's `.vmd` cases (`kind = "verify"`); `copy`: `source` set. */
export type PlanTaskKind = 'task' | 'verify' | 'copy';

/** A requirement a task covers: its `### Title` heading in the spec. */
export interface PlanTaskCover {
  /** Absolute path of the `.smd`. */
  file: string;
  /** The heading's title text. */
  range: Range;
  title: string;
}

export interface PlanTaskInfo {
  id: string;
  spec: string;
  title: string;
  status: PlanTaskStatus;
  kind: PlanTaskKind;
  /** The `[[task]]` header line in plan.toml (0-based LSP range). */
  range: Range;
  dependsOn: string[];
  /** Absolute `.ossature/tasks/<id>-<slug>/` (may not exist yet). */
  taskDir: string;
  /** The task's `covers` entries resolved to requirement headings (unresolved entries are left out). */
  covers: PlanTaskCover[];
}

export interface PlanSpecInfo {
  id: string;
  /** Absolute path of the `.smd`. */
  file: string;
  /** The `# Title` line (the frontmatter `id` when the spec has no title). */
  titleRange: Range;
}

export interface PlanProjectInfo {
  configFile: string;
  root: string;
  name: string;
  /** Absolute path of `.ossature/plan.toml` (it may not exist: then `tasks` is empty). */
  planFile: string;
  tasks: PlanTaskInfo[];
  specs: PlanSpecInfo[];
}

export interface PlanTasksParams {
  /** Only this project (its ossature.toml); every project when absent. */
  configFile?: string;
}

export interface PlanTasksResult {
  projects: PlanProjectInfo[];
}

/** Client → server: the plan's tasks with their ranges, as the editor has the plan now (open text wins). */
export const PlanTasksRequest = new RequestType<PlanTasksParams, PlanTasksResult, void>('ossature/planTasks');

export interface BuildForecastParams {
  configFile: string;
  /** `--spec ID`. */
  spec?: string;
  /** `--only ID`. */
  only?: string;
  /** `--force`. */
  force?: boolean;
  /** Forecast `ossature retry [--from ID | --only ID]` instead of `build`. */
  retry?: { from?: string; only?: string };
}

export interface ForecastEstimate {
  inputTokens: number;
  outputTokens: number;
  /** USD; null when a model's price is unknown. */
  costUsd: number | null;
}

export interface BuildForecastRow {
  id: string;
  spec: string;
  title: string;
  kind: PlanTaskKind;
  /** `maybe`: only if an upstream interface changes. */
  run: 'yes' | 'maybe';
  /** Why, as `build --dry-run` says it (e.g. "input changed"). */
  reasons: string[];
  /** Beyond the contract: this task's estimate, and dependencies that are not done and do not run. */
  estimate: ForecastEstimate;
  unmetDependencies: string[];
}

export interface BuildForecastResult {
  rows: BuildForecastRow[];
  /** Selected tasks that would not run. */
  upToDate: number;
  totals: ForecastEstimate;
  /** Set when the project cannot be forecast (no plan, invalid specs, unknown task): what is wrong and what to do. */
  error?: string;
  /** Beyond the contract: held tasks (manual, skipped) that would otherwise run; models without a price. */
  held?: { id: string; hold: string }[];
  unpricedModels?: string[];
  /** For a retry: which tasks go back to pending, e.g. "Reset task 004 to pending (+2 dependents)". */
  reset?: string;
}

/**
 * Client → server: what `ossature build --dry-run` (or `retry --dry-run`) would print, from disk, with the
 * same engine code. Calls no model and writes nothing.
 */
export const BuildForecastRequest = new RequestType<BuildForecastParams, BuildForecastResult, void>(
  'ossature/buildForecast',
);

export interface TaskStatusEditParams {
  configFile: string;
  taskId: string;
  status: PlanTaskStatus;
}

export interface TaskStatusEditResult {
  /** plan.toml's URI. */
  uri: string;
  /** Changing only that task's `status` value (empty when it already has that status). */
  edits: TextEdit[];
}

/**
 * Client → server: the edit setting one task's status in plan.toml (computed on the open document's text if
 * it is open, else the disk's). The client applies it as a WorkspaceEdit and saves. Fails with a message
 * when the task is unknown or the plan is not valid TOML.
 */
export const TaskStatusEditRequest = new RequestType<TaskStatusEditParams, TaskStatusEditResult, void>(
  'ossature/taskStatusEdit',
);
