// The Ossature projects of the workspace (one per ossature.toml): from the language server, which keeps them,
// or from a file search while it is not running.
import { basename, dirname } from 'node:path';
import { workspace } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ValidationSummaryRequest } from '../../../shared/src/protocol';

export interface ProjectRef {
  /** Absolute path of ossature.toml. */
  configFile: string;
  /** `[project] name`, or the folder's name. */
  name: string;
  root: string;
}

export async function listProjects(client: LanguageClient): Promise<ProjectRef[]> {
  if (client.isRunning()) {
    try {
      const summary = await client.sendRequest(ValidationSummaryRequest, {});
      if (summary.projects.length > 0) {
        return summary.projects
          .map(({ configFile, name, root }) => ({ configFile, name: name || basename(root), root }))
          .sort((a, b) => a.configFile.localeCompare(b.configFile));
      }
    } catch {
      // Fall back to the file search below.
    }
  }
  const files = await workspace.findFiles('**/ossature.toml', '**/node_modules/**');
  return files
    .map((uri) => uri.fsPath)
    .sort()
    .map((configFile) => ({ configFile, name: basename(dirname(configFile)), root: dirname(configFile) }));
}

/** The project's name for titles ("Build markman"). */
export async function projectName(client: LanguageClient, configFile: string): Promise<string> {
  const found = (await listProjects(client)).find((p) => p.configFile === configFile);
  return found?.name ?? basename(dirname(configFile));
}
