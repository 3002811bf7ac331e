import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';

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
