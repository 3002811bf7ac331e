import { findConfigFile } from '../project/discovery';
import type { ValidationResult } from '../project/project-api';
import { Workspace } from '../project/workspace';
import { validateWorkspace } from './validate-workspace';

/** Loads the project (walking up from `cwd`, or `configPath`) and validates it. */
export async function validateProject(options: {
  configPath?: string;
  cwd?: string;
}): Promise<ValidationResult> {
  const configFile = findConfigFile(options.cwd ?? process.cwd(), options.configPath);
  return validateWorkspace(Workspace.load(configFile));
}
