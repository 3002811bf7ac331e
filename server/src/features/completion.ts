import { relative } from 'node:path';
import { type CompletionItem, CompletionItemKind } from 'vscode-languageserver';
import {
  type CompletionContext,
  completionContext,
  VMD_DIRECTIVES,
} from '../../../shared/src/project/completion-context';
import { planViewFor } from '../../../shared/src/project/plan-view';
import { archRefCandidates, specRefCandidates } from '../../../shared/src/project/refs';
import { specById } from '../../../shared/src/project/symbol-resolve';
import { componentScope } from '../../../shared/src/project/symbols';
import type { Workspace } from '../../../shared/src/project/workspace';
import type { Position, Range } from '../../../shared/src/text/range';

/**
 * Completion, from the text at the cursor: spec ids (SMD `depends`, AMD `spec:`, VMD `@spec`/`@arch`,
 * plan `spec`/`cross_spec_interfaces`/`[meta] specs`), status/priority values in frontmatter, section
 * names after `## `, component names after `**Depends on:**`, VMD directives and `@covers` targets, and in
 * plan.toml: task and meta keys, `status`/`kind` values, task ids in `depends_on`, `spec_refs`/`arch_refs`
 * values of the task's spec, `covers` targets, `inject_files` from other tasks' outputs, VMD paths.
 */
export function provideCompletion(ws: Workspace, file: string, position: Position): CompletionItem[] {
  const context = completionContext(ws, file, position);
  return context ? itemsFor(ws, context) : [];
}

/** An item replacing `replace` with `text` (quoted as a TOML string when asked). */
function item(
  label: string,
  kind: CompletionItemKind,
  replace: Range,
  quote: boolean,
  extra: Partial<CompletionItem> = {},
  text = label,
): CompletionItem {
  const newText = quote ? JSON.stringify(text) : text;
  return { label, kind, textEdit: { range: replace, newText }, filterText: newText, ...extra };
}

/** Sort keys keep the order the candidates are given in. */
const order = (i: number) => String(i).padStart(5, '0');

function itemsFor(ws: Workspace, ctx: CompletionContext): CompletionItem[] {
  switch (ctx.kind) {
    case 'specId': {
      const exclude = new Set(ctx.exclude);
      return specChoices(ws).flatMap((spec) =>
        exclude.has(spec.id)
          ? []
          : [
              item(spec.id, CompletionItemKind.Reference, ctx.replace, ctx.quote, {
                detail: spec.title,
                labelDetails: { description: spec.path },
              }),
            ],
      );
    }
    case 'enum':
      return ctx.values.map((v, i) =>
        item(v, CompletionItemKind.EnumMember, ctx.replace, ctx.quote, { sortText: order(i) }),
      );
    case 'frontmatterKey':
      return ctx.keys.map((k, i) =>
        item(k, CompletionItemKind.Property, ctx.replace, false, { sortText: order(i) }, `${k}: `),
      );
    case 'section':
      return ctx.names.map((n, i) =>
        item(n, CompletionItemKind.Module, ctx.replace, false, { sortText: order(i) }),
      );
    case 'componentName': {
      const exclude = new Set(ctx.exclude.map((n) => n.toLowerCase()));
      return componentScope(ws, ctx.specId, ctx.file)
        .flatMap((amd) => amd.components)
        .filter((c) => !exclude.has(c.name.toLowerCase()))
        .map((c) =>
          item(c.name, CompletionItemKind.Class, ctx.replace, false, c.path ? { detail: c.path.value } : {}),
        );
    }
    case 'vmdDirective':
      return VMD_DIRECTIVES.map((d, i) =>
        item(d, CompletionItemKind.Keyword, ctx.replace, false, { sortText: order(i) }, `${d} `),
      );
    case 'coversTarget':
      return coversItems(ws, ctx);
    case 'planKey':
      return ctx.keys.map((k, i) =>
        item(k, CompletionItemKind.Property, ctx.replace, false, { sortText: order(i) }, `${k} = `),
      );
    case 'taskId':
      return taskIdItems(ws, ctx);
    case 'specRef': {
      const smd = ctx.specId === undefined ? undefined : specById(ws, ctx.specId);
      return unique(smd ? specRefCandidates(smd) : []).map((ref, i) =>
        item(ref, CompletionItemKind.Reference, ctx.replace, ctx.quote, { sortText: order(i) }),
      );
    }
    case 'archRef': {
      const amds = ctx.specId === undefined ? [] : (ws.index.amdsBySpec.get(ctx.specId) ?? []);
      const names = amds.flatMap((amd) => amd.components.map((c) => c.name));
      return unique([...archRefCandidates(amds), ...names]).map((ref, i) =>
        item(ref, CompletionItemKind.Reference, ctx.replace, ctx.quote, { sortText: order(i) }),
      );
    }
    case 'taskOutput': {
      const view = planViewFor(ws, ws.planText);
      const sameSpec = ctx.specId === undefined ? [] : (view?.tasksBySpec.get(ctx.specId) ?? []);
      const paths = sameSpec
        .filter((t) => ctx.taskId === undefined || t.id !== ctx.taskId)
        .flatMap((t) => t.values.filter((v) => v.field === 'outputs').map((v) => v.value));
      return unique(paths).map((p, i) =>
        item(p, CompletionItemKind.File, ctx.replace, ctx.quote, { sortText: order(i) }),
      );
    }
    case 'vmdFile':
      return ws.index.vmds.map((vmd) =>
        item(
          relative(ws.root, vmd.file).replace(/\\/g, '/'),
          CompletionItemKind.File,
          ctx.replace,
          ctx.quote,
        ),
      );
  }
}

/** Spec ids with title and path, computed once per index (the index is rebuilt after an edit). */
const specChoiceCache = new WeakMap<object, { id: string; title: string; path: string }[]>();

function specChoices(ws: Workspace): { id: string; title: string; path: string }[] {
  const index = ws.index;
  let choices = specChoiceCache.get(index);
  if (!choices) {
    choices = [...index.smdById].map(([id, smds]) => ({
      id,
      title: smds[0]!.title?.value ?? id,
      path: relative(ws.root, smds[0]!.file),
    }));
    specChoiceCache.set(index, choices);
  }
  return choices;
}

/** How many task ids `depends_on` completion offers at most (the nearest earlier tasks). */
const MAX_TASK_IDS = 200;

/**
 * Task ids for `depends_on`: the tasks before this one (a task may only depend on earlier tasks), nearest
 * first; every task when this one's id is not known yet.
 */
function taskIdItems(ws: Workspace, ctx: Extract<CompletionContext, { kind: 'taskId' }>): CompletionItem[] {
  const view = planViewFor(ws, ws.planText);
  if (!view) return [];
  const own = ctx.exclude.flatMap((id) => view.tasksById.get(id) ?? [])[0];
  const end = own ? own.index : view.tasks.length;
  const out: CompletionItem[] = [];
  for (let i = end - 1; i >= 0 && out.length < MAX_TASK_IDS; i--) {
    const t = view.tasks[i]!;
    if (t.id === undefined || ctx.exclude.includes(t.id)) continue;
    out.push(
      item(t.id, CompletionItemKind.Reference, ctx.replace, ctx.quote, {
        detail: t.title ?? '',
        sortText: order(out.length),
      }),
    );
  }
  return out;
}

/** Requirement anchors (bare) and headings (quoted in a VMD; every target is a string in plan.toml). */
function coversItems(
  ws: Workspace,
  ctx: Extract<CompletionContext, { kind: 'coversTarget' }>,
): CompletionItem[] {
  const smd = ctx.specId === undefined ? undefined : specById(ws, ctx.specId);
  if (!smd) return [];
  const out: CompletionItem[] = [];
  smd.requirements.forEach((r, i) => {
    if (r.anchor) {
      out.push(
        item(r.anchor, CompletionItemKind.Reference, ctx.replace, ctx.quote, {
          detail: r.title,
          sortText: `0${order(i)}`,
        }),
      );
    }
    const text = ctx.quote ? r.title : JSON.stringify(r.title);
    out.push(
      item(text, CompletionItemKind.Reference, ctx.replace, ctx.quote, {
        detail: r.noVerify ? 'exempt (.no-verify)' : 'requirement heading',
        sortText: `1${order(i)}`,
      }),
    );
  });
  return out;
}

const unique = (values: string[]): string[] => [...new Set(values)];
