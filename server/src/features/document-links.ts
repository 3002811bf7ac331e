import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { DocumentLink } from 'vscode-languageserver';
import { type PlanField, planViewFor } from '../../../shared/src/project/plan-view';
import type { Workspace } from '../../../shared/src/project/workspace';
import type { Range } from '../../../shared/src/text/range';
import { pathToUri } from '../paths';

const GLOB = /[*?[\]{}]/;

/** The folder a path value of `field` is relative to (reference §2.6; AMD `@path` is like `outputs`). */
function baseFolder(ws: Workspace, field: PlanField | '@path'): string | undefined {
  const project = ws.config.config.project;
  switch (field) {
    case 'outputs':
    case 'inject_files':
    case '@path':
      return resolve(ws.root, ws.config.config.output.dir);
    case 'context_files':
      return resolve(ws.root, project.context_dir);
    case 'vmd_file':
      return ws.root;
    default:
      return undefined;
  }
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

function link(
  ws: Workspace,
  field: PlanField | '@path',
  value: string,
  range: Range,
): DocumentLink | undefined {
  const base = baseFolder(ws, field);
  if (!base || value.trim() === '' || GLOB.test(value)) return undefined;
  const target = isAbsolute(value) ? value : resolve(base, value);
  if (!isFile(target)) return undefined;
  return { range, target: pathToUri(target), tooltip: `Open ${value}` };
}

/**
 * Links to the files a project file names, when they exist: plan.toml `outputs` and `inject_files` (under
 * the output dir), `context_files` (under context_dir) and `vmd_file` (from the project root); AMD
 * component `@path:` values (under the output dir). Glob patterns and files not built yet get no link.
 */
export function provideDocumentLinks(ws: Workspace, file: string): DocumentLink[] {
  const out: DocumentLink[] = [];
  if (file === ws.planFile) {
    const view = planViewFor(ws, ws.planText);
    for (const value of view?.values ?? []) {
      const found = link(ws, value.field, value.value, value.range);
      if (found) out.push(found);
    }
    return out;
  }
  const parsed = ws.file(file);
  if (parsed?.spec.kind === 'amd') {
    for (const component of parsed.spec.components) {
      if (!component.path) continue;
      const found = link(ws, '@path', component.path.value, component.path.range);
      if (found) out.push(found);
    }
  }
  return out;
}
