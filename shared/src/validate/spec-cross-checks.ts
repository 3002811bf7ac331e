import { basename, dirname, join } from 'node:path';
import { CROSS_CODES } from '../diagnostics/codes-cross';
import type { Diagnostic, Fix } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/make';
import type { AmdSpec } from '../model/amd';
import type { Located } from '../model/common';
import type { SmdSpec } from '../model/smd';
import { smdTemplate, titleFromName } from '../project/templates';
import type { WorkspaceIndex } from '../project/workspace-index';
import { range } from '../text/range';
import { closestMatches } from '../util/did-you-mean';

/** Fixes for a reference to an unknown spec id: each close id, and creating the spec. */
export function unknownSpecFixes(file: string, ref: Located<string>, knownIds: Iterable<string>): Fix[] {
  const fixes: Fix[] = closestMatches(ref.value, knownIds).map((id, i) => ({
    title: `Change to '${id}'`,
    edits: [{ file, range: ref.range, newText: id }],
    preferred: i === 0,
  }));
  const newFile = join(dirname(file), `${ref.value.toLowerCase()}.smd`);
  fixes.push({
    title: `Create spec ${ref.value} (${basename(newFile)})`,
    edits: [],
    createFiles: [{ file: newFile, content: smdTemplate(ref.value, titleFromName(ref.value)) }],
  });
  return fixes;
}

/** The edit that removes one item of a `depends` list (inline `[A, B]` or block `- A`). */
function removeDependencyFix(smd: SmdSpec, index: number): Fix {
  const item = smd.depends[index]!;
  const previous = smd.depends[index - 1];
  const next = smd.depends[index + 1];
  let edit = { file: smd.file, range: item.range, newText: '' };
  if (previous && previous.range.end.line === item.range.start.line) {
    edit = {
      ...edit,
      range: range(
        previous.range.end.line,
        previous.range.end.character,
        item.range.end.line,
        item.range.end.character,
      ),
    };
  } else if (next && next.range.start.line === item.range.start.line) {
    edit = {
      ...edit,
      range: range(
        item.range.start.line,
        item.range.start.character,
        next.range.start.line,
        next.range.start.character,
      ),
    };
  } else {
    edit = { ...edit, range: range(item.range.start.line, 0, item.range.start.line + 1, 0) };
  }
  return { title: `Remove duplicate dependency '${item.value}'`, edits: [edit], preferred: true };
}

/**
 * Cross-reference checks between SMDs and AMDs (reference §3.2 items 1–4), all reported at once, plus what
 * the original misses: duplicate spec ids, repeated dependencies, AMD `Depends on` naming no component.
 * Each part is also exported on its own, so the validator can reuse a part's result while its inputs stay
 * the same (see validate-workspace.ts); this function runs them all in order.
 */
export function checkSpecReferences(index: WorkspaceIndex): Diagnostic[] {
  const ids = [...index.smdById.keys()];
  const out: Diagnostic[] = checkDuplicateSpecIds(index);
  for (const smd of index.smds) out.push(...checkSmdDependencies(smd, index.smdById, ids));
  out.push(...checkDependencyCycles(index));
  for (const amd of index.amds) out.push(...checkAmdSpec(amd, index.smdById, ids));
  for (const [specId, amds] of index.amdsBySpec) out.push(...checkAmdComponents(specId, amds));
  return out;
}

/** Spec ids declared by more than one SMD: one error on each declaration. */
export function checkDuplicateSpecIds(index: WorkspaceIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [id, smds] of index.smdById) {
    if (smds.length < 2) continue;
    for (const smd of smds) {
      const others = smds.filter((s) => s !== smd);
      out.push(
        diag(
          CROSS_CODES.duplicateSpecId,
          smd.file,
          smd.id!.range,
          `Spec id '${id}' is also declared in ${others.map((o) => basename(o.file)).join(', ')}; spec ids must be unique. Rename one of them.`,
          {
            related: others.map((o) => ({
              file: o.file,
              range: o.id!.range,
              message: `'${id}' declared here`,
            })),
          },
        ),
      );
    }
  }
  return out;
}

/** One SMD's `depends`: repeated entries and ids no SMD declares (with did-you-mean fixes over `ids`). */
export function checkSmdDependencies(
  smd: SmdSpec,
  smdById: ReadonlyMap<string, unknown>,
  ids: readonly string[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  smd.depends.forEach((dep, i) => {
    if (seen.has(dep.value)) {
      out.push(
        diag(
          CROSS_CODES.duplicateDependency,
          smd.file,
          dep.range,
          `'${dep.value}' is already listed in depends.`,
          {
            fixes: [removeDependencyFix(smd, i)],
          },
        ),
      );
      return;
    }
    seen.add(dep.value);
    if (!smdById.has(dep.value)) {
      out.push(
        diag(
          CROSS_CODES.unknownDependency,
          smd.file,
          dep.range,
          `Spec ${smd.id?.value ?? '?'} has dependency ${dep.value} that doesn't exist. Fix the id or create the spec.`,
          { fixes: unknownSpecFixes(smd.file, dep, ids) },
        ),
      );
    }
  });
  return out;
}

/** Every dependency cycle of the graph: one error on each edge of the cycle. */
export function checkDependencyCycles(index: WorkspaceIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const cycle of index.graph.cycles) {
    const text = cycle.join(' -> ');
    const edges = cycle.slice(0, -1).map((from, i) => {
      const smd = index.smdById.get(from)![0]!;
      const dep = smd.depends.find((d) => d.value === cycle[i + 1])!;
      return { smd, dep };
    });
    for (const { smd, dep } of edges) {
      out.push(
        diag(
          CROSS_CODES.dependencyCycle,
          smd.file,
          dep.range,
          `Circular dependency detected: ${text}. Remove one of these depends entries.`,
          {
            related: edges
              .filter((e) => e.smd !== smd)
              .map((e) => ({
                file: e.smd.file,
                range: e.dep.range,
                message: `${e.smd.id?.value} depends on ${e.dep.value}`,
              })),
          },
        ),
      );
    }
  }
  return out;
}

/** An AMD whose `spec:` names no SMD. */
export function checkAmdSpec(
  amd: AmdSpec,
  smdById: ReadonlyMap<string, unknown>,
  ids: readonly string[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (amd.specId && !smdById.has(amd.specId.value)) {
    out.push(
      diag(
        CROSS_CODES.amdUnknownSpec,
        amd.file,
        amd.specId.range,
        `Architecture for spec ${amd.specId.value} that doesn't exist. Set spec: to the id of an existing .smd.`,
        { fixes: unknownSpecFixes(amd.file, amd.specId, ids) },
      ),
    );
  }
  return out;
}

/** The components of every AMD of one spec: duplicate names, `Depends on` naming no component. */
export function checkAmdComponents(specId: string, amds: readonly AmdSpec[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const components = amds.flatMap((amd) => amd.components.map((component) => ({ amd, component })));
  const firstByName = new Map<string, (typeof components)[number]>();
  for (const entry of components) {
    const key = entry.component.name.toLowerCase();
    const first = firstByName.get(key);
    if (!first) {
      firstByName.set(key, entry);
      continue;
    }
    out.push(
      diag(
        CROSS_CODES.duplicateComponent,
        entry.amd.file,
        entry.component.nameRange,
        `Spec ${specId} has duplicate component name '${entry.component.name}' in its AMD file(s). Rename or merge one of them.`,
        {
          related: [
            { file: first.amd.file, range: first.component.nameRange, message: 'first declared here' },
          ],
        },
      ),
    );
  }
  for (const { amd, component } of components) {
    for (const dep of component.dependsOn) {
      if (firstByName.has(dep.value.toLowerCase())) continue;
      const hints = closestMatches(
        dep.value,
        [...firstByName.values()].map((e) => e.component.name),
      );
      out.push(
        diag(
          CROSS_CODES.unknownComponentDependency,
          amd.file,
          dep.range,
          `Component ${component.name} depends on '${dep.value}', which is no component of spec ${specId}.${hints.length ? ` Did you mean ${hints.join(', ')}?` : ''}`,
          {
            fixes: hints.map((h, i) => ({
              title: `Change to '${h}'`,
              edits: [{ file: amd.file, range: dep.range, newText: h }],
              preferred: i === 0,
            })),
          },
        ),
      );
    }
  }
  return out;
}
