import type { Diagnostic } from '../diagnostics/diagnostic';

/** What every parser returns: a model filled as far as the text allows, and every problem found. */
export interface ParseResult<T> {
  spec: T;
  diagnostics: Diagnostic[];
}
