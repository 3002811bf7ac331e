import {
  type DiagnosticRelatedInformation,
  DiagnosticSeverity,
  type Diagnostic as LspDiagnostic,
} from 'vscode-languageserver';
import type { Diagnostic, Severity } from '../../../shared/src/diagnostics/diagnostic';
import { pathToUri } from '../paths';

export const DIAGNOSTIC_SOURCE = 'ossature';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

const converted = new WeakMap<Diagnostic, LspDiagnostic>();

/**
 * The LSP form of a validator diagnostic: same range, message and severity, `code` = the OSS code,
 * `source: 'ossature'`, related locations as relatedInformation. Cached per diagnostic object (the
 * validator reuses the objects of unchanged files).
 */
export function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  let lsp = converted.get(d);
  if (!lsp) {
    lsp = {
      range: d.range,
      severity: SEVERITY[d.severity],
      code: d.code,
      source: DIAGNOSTIC_SOURCE,
      message: d.message,
    };
    if (d.related.length > 0) {
      lsp.relatedInformation = d.related.map(
        (r): DiagnosticRelatedInformation => ({
          location: { uri: pathToUri(r.file), range: r.range },
          message: r.message,
        }),
      );
    }
    converted.set(d, lsp);
  }
  return lsp;
}

/** The diagnostics of each file, in the validator's order. Files without any are absent. */
export function groupByFile(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const list = groups.get(d.file);
    if (list) list.push(d);
    else groups.set(d.file, [d]);
  }
  return groups;
}

const keys = new WeakMap<Diagnostic, string>();

/** Everything a client shows of a diagnostic, as one string (fixes excluded: they are not published). */
function publishedKey(d: Diagnostic): string {
  let key = keys.get(d);
  if (key === undefined) {
    key = JSON.stringify([d.code, d.severity, d.range, d.message, d.related]);
    keys.set(d, key);
  }
  return key;
}

/** True when publishing `b` would show exactly what `a` shows. Same objects short-cut the comparison. */
export function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y && publishedKey(x) !== publishedKey(y)) return false;
  }
  return true;
}

export interface DiagnosticsUpdate {
  file: string;
  diagnostics: Diagnostic[];
}

/**
 * What the client has been sent, per file, so only files whose diagnostics changed are published again and
 * files that no longer have any are cleared.
 */
export class PublishedDiagnostics {
  private readonly published = new Map<string, Diagnostic[]>();

  /** The updates that turn what was published into `current` (file → diagnostics). */
  update(current: ReadonlyMap<string, Diagnostic[]>): DiagnosticsUpdate[] {
    const updates: DiagnosticsUpdate[] = [];
    for (const [file, diagnostics] of current) {
      const before = this.published.get(file);
      if (before && sameDiagnostics(before, diagnostics)) continue;
      this.published.set(file, diagnostics);
      updates.push({ file, diagnostics });
    }
    for (const file of this.published.keys()) {
      if (current.has(file)) continue;
      this.published.delete(file);
      updates.push({ file, diagnostics: [] });
    }
    return updates;
  }

  /** Clears everything (the project went away): the updates that empty each file. */
  clear(): DiagnosticsUpdate[] {
    return this.update(new Map());
  }

  files(): IterableIterator<string> {
    return this.published.keys();
  }
}
