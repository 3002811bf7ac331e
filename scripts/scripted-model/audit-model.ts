// Shared by the tests (test/support re-exports it), the benchmarks and the offline model of `npm run demo`.
import type { RecordedRequest, ScriptedServer } from './messages-server';
import { type Block, reply, type StaticReply, type UsageShape } from './replies';

/**
 * A deterministic stand-in for the model behind `ossature audit`: every reply is computed from the request
 * it answers (which prompt it is, which spec it is about), so a whole audit run can be scripted without
 * counting calls. Tests override single kinds of call (a finding here, a fault there).
 */

export type CallKind =
  | 'spec-audit'
  | 'cross-spec-audit'
  | 'fixer'
  | 'project-brief'
  | 'spec-brief'
  | 'interface'
  | 'planner'
  | 'unknown';

// biome-ignore lint/suspicious/noExplicitAny: request bodies are free-form JSON
type Body = any;

export function systemText(body: Body): string {
  const system = body?.system;
  if (typeof system === 'string') return system;
  if (Array.isArray(system)) return system.map((block: { text?: string }) => block.text ?? '').join('');
  return '';
}

/** The text of the first user message (the prompt the run built). */
export function userText(body: Body): string {
  const first = body?.messages?.[0];
  if (!first) return '';
  if (typeof first.content === 'string') return first.content;
  return first.content.map((block: { text?: string }) => block.text ?? '').join('');
}

export function callKind(request: RecordedRequest): CallKind {
  const body = request.body;
  const forced = body?.tool_choice?.name;
  if (forced === 'SpecAuditReport') return 'spec-audit';
  if (forced === 'CrossSpecAuditReport') return 'cross-spec-audit';
  if (forced === 'SpecTaskPlan') return 'planner';
  if (body?.tools?.some((tool: { name: string }) => tool.name === 'edit_file')) return 'fixer';
  const system = systemText(body);
  if (system.includes('You write the project brief')) return 'project-brief';
  if (system.includes('You write a spec brief')) return 'spec-brief';
  if (system.includes('You write the public interface of a module')) return 'interface';
  return 'unknown';
}

/** The spec a request is about (undefined for the cross-spec audit, the project brief and the fixer). */
export function specOf(request: RecordedRequest): string | undefined {
  const text = userText(request.body);
  return (
    /^L\d+: id: *(\S+)/m.exec(text)?.[1] ??
    /\*\*Spec ID:\*\* *(\S+)/.exec(text)?.[1] ??
    /^id: *(\S+)/m.exec(text)?.[1]
  );
}

export function isReplan(request: RecordedRequest): boolean {
  return systemText(request.body).includes('You update the build plan');
}

/** `### ` headings of the `## Requirements` section of a (rendered) spec. */
export function requirementTitles(text: string): string[] {
  const section = /^## Requirements\n([\s\S]*?)(?=^## )/m.exec(text)?.[1] ?? '';
  return [...section.matchAll(/^### (.+?)(?: \{[^}]*\})?$/gm)].map((m) => m[1]!.trim());
}

/** Titles of the previous tasks listed in a re-plan prompt (`### Task N` / `- title: …`). */
export function previousTaskTitles(text: string): string[] {
  const section = /^## Previous Task Plan\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(text)?.[1] ?? '';
  return [...section.matchAll(/^### Task \d+\n- title: (.*)$/gm)].map((m) => m[1]!);
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

/** A SpecTaskPlan with one task per requirement; on a re-plan, unchanged titles become PreservedTaskRefs. */
export function planFor(request: RecordedRequest, extension = 'rs'): unknown {
  const text = userText(request.body);
  const spec = (specOf(request) ?? 'spec').toLowerCase();
  const previous = isReplan(request) ? previousTaskTitles(text) : [];
  const tasks = requirementTitles(text).map((title, i) => {
    const depends = i === 0 ? [] : [i];
    const taskTitle = `Implement ${title}`;
    const index = previous.indexOf(taskTitle);
    if (index !== -1) return { kind: 'preserved', previous_index: index + 1, depends_on: depends };
    const output = `src/${spec}/${slug(title)}.${extension}`;
    return {
      kind: 'task',
      title: taskTitle,
      description: `Implement the requirement "${title}".`,
      outputs: [output],
      depends_on: depends,
      spec_refs: [title],
      arch_refs: [],
      verify: [`test -f ${output}`],
    };
  });
  return { tasks };
}

export type Override = (request: RecordedRequest, kind: CallKind) => StaticReply | undefined;

export interface ScriptedModel {
  /** Requests answered so far, with their kind and spec. */
  calls: { kind: CallKind; spec?: string; request: RecordedRequest }[];
  /** Replaces the default reply of some requests (return undefined to keep the default). */
  override: Override | undefined;
  /** Usage reported by every message reply, from the request and the reply's content (default: fixed). */
  usage?: (request: RecordedRequest, content: readonly Block[]) => Partial<UsageShape>;
  extension: string;
}

/** The default reply for a request. */
export function defaultReply(
  model: Pick<ScriptedModel, 'extension'>,
  request: RecordedRequest,
  kind: CallKind,
): StaticReply {
  const spec = specOf(request);
  switch (kind) {
    case 'spec-audit':
      return reply.toolUse('SpecAuditReport', { findings: [] });
    case 'cross-spec-audit':
      return reply.toolUse('CrossSpecAuditReport', { findings: [] });
    case 'planner':
      return reply.toolUse('SpecTaskPlan', planFor(request, model.extension));
    case 'project-brief':
      return reply.text('A small project, described in one paragraph.');
    case 'spec-brief':
      return reply.text(`${spec}: what this module does, in two sentences.`);
    case 'interface':
      return reply.text(`## Public API of ${spec}\n\n- \`run()\``);
    case 'fixer':
      return reply.text('No edit needed.');
    default:
      return reply.error(400, 'invalid_request_error', 'scripted model: unknown request');
  }
}

/** Serves the scripted model on `server` for up to `limit` requests. */
export function serveModel(
  server: ScriptedServer,
  options: Partial<ScriptedModel> = {},
  limit = 2000,
): ScriptedModel {
  const model: ScriptedModel = { calls: [], override: undefined, extension: 'rs', ...options };
  const answer = (request: RecordedRequest): StaticReply => {
    const kind = callKind(request);
    const spec = specOf(request);
    model.calls.push({ kind, ...(spec ? { spec } : {}), request });
    const chosen = model.override?.(request, kind) ?? defaultReply(model, request, kind);
    if (
      model.usage &&
      (chosen.kind === 'message' || chosen.kind === 'cut' || chosen.kind === 'stream-error')
    ) {
      return { ...chosen, usage: { ...chosen.usage, ...model.usage(request, chosen.content) } };
    }
    return chosen;
  };
  server.enqueue(...Array.from({ length: limit }, () => answer));
  return model;
}

/** Calls of one kind (optionally for one spec). */
export function callsOf(model: ScriptedModel, kind: CallKind, spec?: string): number {
  return model.calls.filter((c) => c.kind === kind && (spec === undefined || c.spec === spec)).length;
}
