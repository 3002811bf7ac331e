import type { Diagnostic } from '../diagnostics/diagnostic';

/** Counts printed in the validate summary (reference §3.5). */
export interface ValidationSummary {
  smd: number;
  amd: number;
  vmd: number;
  errors: number;
  warnings: number;
  infos: number;
}

export interface ValidationResult {
  /** Absolute path of the project root (the folder of ossature.toml). */
  root: string;
  diagnostics: Diagnostic[];
  summary: ValidationSummary;
}
