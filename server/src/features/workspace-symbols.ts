import { type SymbolInformation, SymbolKind } from 'vscode-languageserver';
import { planViewFor } from '../../../shared/src/project/plan-view';
import type { Workspace } from '../../../shared/src/project/workspace';
import type { Range } from '../../../shared/src/text/range';
import { pathToUri } from '../paths';

/** At most this many symbols go back for one query (the client filters and ranks them again). */
export const WORKSPACE_SYMBOL_LIMIT = 500;

/**
 * How well `name` matches `query`, case-insensitively: 3 for a prefix, 2 for a substring, between 1 and 2
 * when the query's characters appear in order (`tdstr` finds `TODO_STORE`; the tighter, the higher), 0
 * for no match. An empty query matches everything.
 */
export function matchScore(name: string, query: string): number {
  if (query === '') return 1;
  const n = name.toLowerCase();
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (n.startsWith(q)) return 3;
  if (n.includes(q)) return 2;
  let best = 0;
  for (let first = n.indexOf(q[0] ?? ''); first !== -1; first = n.indexOf(q[0]!, first + 1)) {
    let at = first;
    for (let i = 1; i < q.length && at !== -1; i++) at = n.indexOf(q[i]!, at + 1);
    if (at === -1) break;
    best = Math.max(best, 1 + q.length / (at - first + 1));
  }
  return best;
}

interface Candidate {
  name: string;
  kind: SymbolKind;
  file: string;
  range: Range;
  container?: string;
}

function* candidates(ws: Workspace): Generator<Candidate> {
  const index = ws.index;
  for (const smd of index.smds) {
    const specId = smd.id?.value;
    if (smd.id && specId) {
      const title = smd.title?.value;
      yield {
        name: specId,
        kind: SymbolKind.Module,
        file: smd.file,
        range: smd.id.range,
        ...(title ? { container: title } : {}),
      };
    }
    for (const r of smd.requirements) {
      yield {
        name: r.title,
        kind: SymbolKind.Function,
        file: smd.file,
        range: r.titleRange,
        ...(specId ? { container: specId } : {}),
      };
    }
  }
  for (const amd of index.amds) {
    const specId = amd.specId?.value;
    const container = specId ? { container: `${specId} architecture` } : {};
    for (const c of amd.components)
      yield { name: c.name, kind: SymbolKind.Class, file: amd.file, range: c.nameRange, ...container };
    for (const m of amd.dataModels)
      yield { name: m.name, kind: SymbolKind.Struct, file: amd.file, range: m.nameRange, ...container };
  }
  const plan = planViewFor(ws, ws.planText);
  for (const task of plan?.tasks ?? []) {
    const range = plan?.locator.valueRange(['task', task.index, 'id']) ?? task.tableRange;
    if (task.id === undefined || !range) continue;
    yield {
      name: [task.id, task.title].filter((p) => p !== undefined).join(' '),
      kind: SymbolKind.Event,
      file: ws.planFile,
      range,
      container: task.spec ? `plan · ${task.spec}` : 'plan',
    };
  }
}

/**
 * Workspace symbols over every project: spec ids, requirements, AMD components and data models, and plan
 * tasks (`001 Title`), best matches first (prefix, then substring, then characters in order; then the
 * shorter name).
 */
export function provideWorkspaceSymbols(
  workspaces: readonly Workspace[],
  query: string,
  limit = WORKSPACE_SYMBOL_LIMIT,
): SymbolInformation[] {
  const scored: { score: number; candidate: Candidate }[] = [];
  const q = query.trim();
  for (const ws of workspaces) {
    for (const candidate of candidates(ws)) {
      const score = matchScore(candidate.name, q);
      if (score > 0) scored.push({ score, candidate });
    }
  }
  const byName = (a: Candidate, b: Candidate) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      a.candidate.name.length - b.candidate.name.length ||
      byName(a.candidate, b.candidate),
  );
  return scored.slice(0, limit).map(({ candidate: c }) => {
    const info: SymbolInformation = {
      name: c.name,
      kind: c.kind,
      location: { uri: pathToUri(c.file), range: c.range },
    };
    if (c.container) info.containerName = c.container;
    return info;
  });
}
