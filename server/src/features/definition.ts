import type { Location } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { symbolDefinition } from '../../../shared/src/project/symbol-resolve';
import { symbolAt } from '../../../shared/src/project/symbols';
import type { Workspace } from '../../../shared/src/project/workspace';
import type { Position } from '../../../shared/src/text/range';

/**
 * Go to definition: a spec id → the `id` in its SMD frontmatter; a plan `spec_refs`/`arch_refs` entry →
 * the heading it names; `depends_on` → the task's `id`; `outputs`/`inject_files` (and `context_files`,
 * `vmd_file`) → the file, when it exists; a VMD `@covers` or plan `covers` target → the requirement
 * heading; an AMD `**Depends on:**` name → the component heading.
 */
export function provideDefinition(ws: Workspace, file: string, position: Position): Location[] {
  const symbol = symbolAt(ws, file, position);
  if (!symbol) return [];
  return symbolDefinition(ws, symbol).map((loc) => ({
    uri: URI.file(loc.file).toString(),
    range: loc.range,
  }));
}
