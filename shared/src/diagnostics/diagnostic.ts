import type { Range } from '../text/range';

export type Severity = 'error' | 'warning' | 'info';

/** A place in another (or the same) file that explains a diagnostic. */
export interface RelatedLocation {
  /** Absolute path. */
  file: string;
  range: Range;
  message: string;
}

/** One replacement in one file; `range` is in the file's coordinates before any edit. */
export interface FileEdit {
  /** Absolute path. */
  file: string;
  range: Range;
  newText: string;
}

/** A fix a user can apply with one action (an editor quick fix). */
export interface Fix {
  title: string;
  edits: FileEdit[];
  /** Files the fix creates (absolute path → content), e.g. "create the missing spec". */
  createFiles?: { file: string; content: string }[];
  /** The fix an editor should offer first. */
  preferred?: boolean;
}

export interface Diagnostic {
  /** Stable code, e.g. `OSS101`; documented in docs/diagnostics.md. */
  code: string;
  severity: Severity;
  /** Absolute path of the file the problem is in. */
  file: string;
  range: Range;
  message: string;
  related: RelatedLocation[];
  fixes: Fix[];
}
