import type { Location } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { findOccurrences } from '../../../shared/src/project/symbol-occurrences';
import { symbolAt } from '../../../shared/src/project/symbols';
import type { Workspace } from '../../../shared/src/project/workspace';
import type { Position } from '../../../shared/src/text/range';

/**
 * Find references: every place the spec id is written (SMD, AMD, VMD, plan.toml); a task id's `id` and
 * `depends_on` entries; a requirement's heading, `@covers` targets, plan `covers` and `spec_refs`; a
 * component's heading, `**Depends on:**` names and plan `arch_refs`. `includeDeclaration` keeps or drops
 * the defining occurrence (SMD `id`, task `id`, the heading).
 */
export function provideReferences(
  ws: Workspace,
  file: string,
  position: Position,
  includeDeclaration: boolean,
): Location[] {
  const symbol = symbolAt(ws, file, position);
  if (!symbol) return [];
  return findOccurrences(ws, symbol)
    .filter((o) => includeDeclaration || o.role !== 'declaration')
    .map((o) => ({ uri: URI.file(o.file).toString(), range: o.range }));
}
