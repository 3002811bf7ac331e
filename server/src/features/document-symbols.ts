import { basename } from 'node:path';
import { type DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import type { AmdSpec } from '../../../shared/src/model/amd';
import type { Section } from '../../../shared/src/model/common';
import type { SmdSpec } from '../../../shared/src/model/smd';
import type { VmdSpec } from '../../../shared/src/model/vmd';
import { planViewFor } from '../../../shared/src/project/plan-view';
import type { Workspace } from '../../../shared/src/project/workspace';
import { locateToml } from '../../../shared/src/store/toml-locate';
import { isTomlError, parseTomlDocument } from '../../../shared/src/store/toml-read';
import { comparePositions, type Range } from '../../../shared/src/text/range';
import { SourceText } from '../../../shared/src/text/source-text';

/** A symbol whose range is widened to hold its selection range and children, as LSP requires. */
function symbol(
  name: string,
  kind: SymbolKind,
  range: Range,
  selectionRange: Range,
  extra: { detail?: string; children?: DocumentSymbol[] } = {},
): DocumentSymbol {
  let start = range.start;
  let end = range.end;
  for (const r of [selectionRange, ...(extra.children ?? []).map((c) => c.range)]) {
    if (comparePositions(r.start, start) < 0) start = r.start;
    if (comparePositions(r.end, end) > 0) end = r.end;
  }
  const out: DocumentSymbol = {
    name: name.trim() || '(unnamed)',
    kind,
    range: { start, end },
    selectionRange,
  };
  if (extra.detail) out.detail = extra.detail;
  if (extra.children && extra.children.length > 0) out.children = extra.children;
  return out;
}

/**
 * The outline of one project file: SMD title → sections → requirements and examples; AMD title →
 * sections → components and data models; VMD fixtures, groups and scenarios; plan.toml `[meta]` and each
 * task as `001 Title`; ossature.toml tables and keys. Empty for a file the project does not hold.
 */
export function provideDocumentSymbols(ws: Workspace, file: string): DocumentSymbol[] {
  if (file === ws.planFile) return planSymbols(ws);
  if (file === ws.configFile) return tomlTableSymbols(ws.configText);
  const parsed = ws.file(file);
  if (!parsed) return [];
  const docRange: Range = {
    start: { line: 0, character: 0 },
    end: new SourceText(parsed.text).endRange().end,
  };
  switch (parsed.spec.kind) {
    case 'smd':
      return [smdSymbol(parsed.spec, docRange)];
    case 'amd':
      return [amdSymbol(parsed.spec, docRange)];
    case 'vmd':
      return vmdSymbols(parsed.spec);
  }
}

function sectionSymbols(
  sections: Section[],
  childrenOf: (name: string) => DocumentSymbol[],
): DocumentSymbol[] {
  return sections.map((section) =>
    symbol(section.name, SymbolKind.Namespace, section.range, section.headingRange, {
      children: childrenOf(section.name),
    }),
  );
}

function smdSymbol(smd: SmdSpec, docRange: Range): DocumentSymbol {
  const children = sectionSymbols(smd.sections, (name) => {
    if (name === 'Requirements') {
      return smd.requirements.map((r) =>
        symbol(r.title, SymbolKind.Function, r.range, r.titleRange, {
          detail: [r.anchor ? `#${r.anchor}` : '', r.noVerify ? 'no-verify' : ''].filter(Boolean).join(' '),
        }),
      );
    }
    if (name === 'Examples') {
      return smd.examples.map((e) => symbol(e.name, SymbolKind.Object, e.range, e.nameRange));
    }
    return [];
  });
  const title = smd.title ?? smd.id;
  const name = smd.title?.value ?? smd.id?.value ?? basename(smd.file);
  return symbol(name, SymbolKind.Module, docRange, title?.range ?? docRange, {
    ...(smd.id ? { detail: smd.id.value } : {}),
    children,
  });
}

function amdSymbol(amd: AmdSpec, docRange: Range): DocumentSymbol {
  const children = sectionSymbols(amd.sections, (name) => {
    if (name === 'Components') {
      return amd.components.map((c) =>
        symbol(c.name, SymbolKind.Class, c.range, c.nameRange, c.path ? { detail: c.path.value } : {}),
      );
    }
    if (name === 'Data Models') {
      return amd.dataModels.map((m) => symbol(m.name, SymbolKind.Struct, m.range, m.nameRange));
    }
    return [];
  });
  const title = amd.title ?? amd.specId;
  const name = amd.title?.value ?? `Architecture: ${amd.specId?.value ?? basename(amd.file)}`;
  return symbol(name, SymbolKind.Module, docRange, title?.range ?? docRange, {
    ...(amd.specId ? { detail: amd.specId.value } : {}),
    children,
  });
}

function vmdSymbols(vmd: VmdSpec): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const fixture of vmd.fixtures) {
    out.push(
      symbol(fixture.name, SymbolKind.Constant, fixture.range, fixture.nameRange, {
        detail: fixture.opaque ? `opaque${fixture.label ? ` !${fixture.label}` : ''}` : 'fixture',
      }),
    );
  }
  for (const group of vmd.groups) {
    const params = group.params.map((p) => (p.type ? `${p.name}:${p.type}` : p.name)).join(', ');
    out.push(
      symbol(group.name, SymbolKind.Function, group.range, group.nameRange, {
        detail: `(${params})${group.returns ? ` -> ${group.returns}` : ''} · ${group.cases.length} case(s)`,
      }),
    );
  }
  for (const scenario of vmd.scenarios) {
    out.push(
      symbol(`scenario ${scenario.name}`, SymbolKind.Event, scenario.range, scenario.nameRange, {
        detail: scenario.kind,
      }),
    );
  }
  return out.sort((a, b) => comparePositions(a.range.start, b.range.start));
}

function planSymbols(ws: Workspace): DocumentSymbol[] {
  const view = planViewFor(ws, ws.planText);
  if (!view) return [];
  const out: DocumentSymbol[] = [];
  const meta = view.locator.tableRange(['meta']);
  const metaHeader = view.locator.headerRange(['meta']);
  if (meta && metaHeader) out.push(symbol('meta', SymbolKind.Namespace, meta, metaHeader));
  for (const task of view.tasks) {
    if (!task.tableRange) continue;
    const idRange = view.locator.valueRange(['task', task.index, 'id']);
    const header = view.locator.headerRange(['task', task.index]) ?? task.tableRange;
    const name =
      [task.id, task.title].filter((part) => part !== undefined).join(' ') || `task ${task.index + 1}`;
    const detail = [task.spec, task.status].filter(Boolean).join(' · ');
    out.push(symbol(name, SymbolKind.Object, task.tableRange, idRange ?? header, detail ? { detail } : {}));
  }
  return out.sort((a, b) => comparePositions(a.range.start, b.range.start));
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Each table of a TOML document with its keys (ossature.toml). */
export function tomlTableSymbols(text: string): DocumentSymbol[] {
  let raw: Record<string, unknown>;
  try {
    raw = parseTomlDocument(text);
  } catch (error) {
    if (isTomlError(error)) return [];
    throw error;
  }
  const locator = locateToml(text);
  const out: DocumentSymbol[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const range = locator.valueRange([key]);
    const name = locator.keyRange([key]) ?? range;
    if (!range || !name) continue;
    if (!isTable(value)) {
      out.push(symbol(key, SymbolKind.Property, locator.entryRange([key]) ?? range, name));
      continue;
    }
    const children: DocumentSymbol[] = [];
    for (const child of Object.keys(value)) {
      const childRange = locator.entryRange([key, child]);
      const childName = locator.keyRange([key, child]);
      if (childRange && childName) children.push(symbol(child, SymbolKind.Property, childRange, childName));
    }
    const header = locator.headerRange([key]) ?? name;
    out.push(symbol(key, SymbolKind.Namespace, locator.tableRange([key]) ?? range, header, { children }));
  }
  return out.sort((a, b) => comparePositions(a.range.start, b.range.start));
}
