// Shared by the tests (test/support re-exports it), the benchmarks and the offline model of `npm run demo`.
import type { ReviewReport } from '../../shared/src/llm/schemas';
import { systemText, userText } from './audit-model';
import type { RecordedRequest } from './messages-server';
import { type Block, reply, type StaticReply, type UsageShape } from './replies';

/**
 * A deterministic stand-in for the model behind `ossature build`, as a `respond` function for the scripted
 * Messages-API server: every reply is computed from the request it answers, so the concurrent calls of a
 * parallel build get the same answers whatever order they arrive in.
 *
 * - implementer (tool loop with write_file…, no `<error_output>`): first turn, one `write_file` per path
 *   under the task's `## Files to Produce`, with `contentFor(path, prompt)`, then one `run_command` per
 *   command of `commandsFor` (if given); once tool results come back, `end_turn` "Done.".
 * - fixer (tool loop whose prompt has `<error_output>`, or the build.fixer system prompt): first turn, one
 *   `write_file` per `<current_file path="…">` with `fixFor(path, prompt)` (skipped when it returns
 *   undefined); then "Done.".
 * - reviewer (forced `ReviewReport` tool): `{passed: true, issues: []}` or what `review` returns.
 * - interface extraction (plain text, user prompt `# Source files for <ID>`): a short markdown interface
 *   naming each `## <path>` of the prompt.
 * - anything else: `other(request)`, or a 400 invalid_request_error naming the request.
 *
 * Every request is recorded in {@link BuildModel.calls} with its kind, turn and task title (or spec id for
 * interface calls); {@link BuildModel.count} counts runs (first turns), e.g. "zero implementer runs".
 */

export type BuildCallKind = 'implement' | 'fix' | 'review' | 'interface' | 'other';

export const BUILD_CALL_KINDS: readonly BuildCallKind[] = [
  'implement',
  'fix',
  'review',
  'interface',
  'other',
];

export interface BuildCall {
  kind: BuildCallKind;
  /** The task title from the prompt's `<task>` block (implement, fix, review). */
  title?: string;
  /** The spec id of an interface extraction. */
  spec?: string;
  /** Model turns before this request in the same run: 0 for the first request of an agent run. */
  turn: number;
  request: RecordedRequest;
}

export interface ReviewCall {
  title: string | undefined;
  prompt: string;
  /** Paths under `<generated_code>` (`### path` headings). */
  files: string[];
  /** Reviews of this title answered before this one (0 for the first). */
  nth: number;
}

export interface BuildModelOptions {
  /** What the implementer writes to `path`; default {@link defaultContent}. */
  contentFor?: (path: string, taskPrompt: string) => string;
  /** Shell commands (`run_command`) the implementer and fixer run after writing `paths` (e.g. `chmod +x`). */
  commandsFor?: (paths: readonly string[], taskPrompt: string) => string[];
  /** What the fixer writes to `path` (undefined: leaves it alone); default `contentFor(path, prompt)`. */
  fixFor?: (path: string, fixPrompt: string) => string | undefined;
  /** The reviewer's report; undefined → passed with no issues. */
  review?: (call: ReviewCall) => ReviewReport | undefined;
  /** The interface extraction's markdown for a spec; default: a list of the source files it was shown. */
  interfaceFor?: (spec: string, files: readonly string[]) => string | undefined;
  /** The answer to a request no other rule recognises. */
  other?: (request: RecordedRequest) => StaticReply | undefined;
  /** Usage of every message reply; default {@link DEFAULT_USAGE} of scripted-replies. */
  usage?: (request: RecordedRequest, content: readonly Block[]) => Partial<UsageShape>;
}

export interface BuildModel {
  /** Pass as the scripted server's `respond` option. */
  respond(request: RecordedRequest): StaticReply;
  /** Every request answered, in arrival order. */
  readonly calls: BuildCall[];
  /** Behaviour; may be changed between runs. */
  options: BuildModelOptions;
  /** Runs (first turns) of `kind`, or of every kind; optionally only those of one task title or spec. */
  count(kind?: BuildCallKind, titleOrSpec?: string): number;
  /** Distinct task titles (spec ids for interface) of the runs of `kind`, in first-seen order. */
  titles(kind: BuildCallKind): string[];
  /** Counts by kind and by title, as JSON (what the standalone server serves). */
  stats(): BuildModelStats;
  /** Forgets the recorded calls. */
  reset(): void;
}

export interface BuildModelStats {
  requests: number;
  runs: Record<BuildCallKind, number>;
  /** Title (or spec id) → kind → runs. */
  byTitle: Record<string, Partial<Record<BuildCallKind, number>>>;
}

const TOOL_LOOP_MARK = 'write_file';
const FIXER_SYSTEM = 'You repair a build task';

export function createBuildModel(options: BuildModelOptions = {}): BuildModel {
  const calls: BuildCall[] = [];
  const model: BuildModel = {
    calls,
    options,
    respond(request) {
      const call = classify(request);
      calls.push(call);
      const chosen = answer(model.options, call, calls);
      const usage = model.options.usage;
      if (usage && chosen.kind === 'message')
        return { ...chosen, usage: { ...chosen.usage, ...usage(request, chosen.content) } };
      return chosen;
    },
    count(kind, titleOrSpec) {
      return calls.filter(
        (c) =>
          c.turn === 0 &&
          (kind === undefined || c.kind === kind) &&
          (titleOrSpec === undefined || (c.title ?? c.spec) === titleOrSpec),
      ).length;
    },
    titles(kind) {
      const seen = new Set<string>();
      for (const c of calls) {
        const name = c.title ?? c.spec;
        if (c.turn === 0 && c.kind === kind && name !== undefined) seen.add(name);
      }
      return [...seen];
    },
    stats() {
      const runs = Object.fromEntries(BUILD_CALL_KINDS.map((k) => [k, model.count(k)])) as Record<
        BuildCallKind,
        number
      >;
      const byTitle: BuildModelStats['byTitle'] = {};
      for (const c of calls) {
        const name = c.title ?? c.spec;
        if (c.turn !== 0 || name === undefined) continue;
        const entry = byTitle[name] ?? {};
        entry[c.kind] = (entry[c.kind] ?? 0) + 1;
        byTitle[name] = entry;
      }
      return { requests: calls.length, runs, byTitle };
    },
    reset() {
      calls.length = 0;
    },
  };
  return model;
}

/** Which build call a request is, from its forced tool, its tools, its system prompt and its user prompt. */
export function classify(request: RecordedRequest): BuildCall {
  const body = request.body;
  const prompt = userText(body);
  const turn = Array.isArray(body?.messages)
    ? body.messages.filter((m: { role?: string }) => m.role === 'assistant').length
    : 0;
  const tools: string[] = Array.isArray(body?.tools) ? body.tools.map((t: { name: string }) => t.name) : [];
  const base = { turn, request };
  const title = taskTitle(prompt);
  const titled = title === undefined ? base : { ...base, title };
  if (body?.tool_choice?.name === 'ReviewReport') return { kind: 'review', ...titled };
  if (tools.includes(TOOL_LOOP_MARK)) {
    const fix = prompt.includes('<error_output>') || systemText(body).includes(FIXER_SYSTEM);
    return { kind: fix ? 'fix' : 'implement', ...titled };
  }
  const spec = /^# Source files for (\S+)/.exec(prompt)?.[1];
  if (tools.length === 0 && spec !== undefined) return { kind: 'interface', spec, ...base };
  return { kind: 'other', ...base };
}

function answer(options: BuildModelOptions, call: BuildCall, calls: readonly BuildCall[]): StaticReply {
  const prompt = userText(call.request.body);
  const contentFor = options.contentFor ?? defaultContent;
  switch (call.kind) {
    case 'implement':
    case 'fix': {
      if (lastTurnHasToolResults(call.request.body)) return reply.text('Done.');
      const writes =
        call.kind === 'implement'
          ? filesToProduce(prompt).map((path) => ({ path, content: contentFor(path, prompt) }))
          : currentFiles(prompt).flatMap((path) => {
              const content = options.fixFor ? options.fixFor(path, prompt) : contentFor(path, prompt);
              return content === undefined ? [] : [{ path, content }];
            });
      const commands =
        options.commandsFor?.(
          writes.map((w) => w.path),
          prompt,
        ) ?? [];
      if (writes.length === 0 && commands.length === 0) return reply.text('Nothing to write.');
      return reply.toolUses([
        ...writes.map((input) => ({ name: 'write_file', input })),
        ...commands.map((command) => ({ name: 'run_command', input: { command } })),
      ]);
    }
    case 'review': {
      const nth =
        calls.filter((c) => c.kind === 'review' && c.turn === 0 && c.title === call.title).length - 1;
      const report = options.review?.({ title: call.title, prompt, files: generatedFiles(prompt), nth }) ?? {
        passed: true,
        issues: [],
      };
      return reply.toolUse('ReviewReport', report);
    }
    case 'interface': {
      const files = sourceFiles(prompt);
      const custom = call.spec === undefined ? undefined : options.interfaceFor?.(call.spec, files);
      return reply.text(
        custom ??
          `## Public interface of ${call.spec}\n\n${files.map((f) => `- \`${f}\`: its exports`).join('\n')}\n`,
      );
    }
    default:
      return (
        options.other?.(call.request) ??
        reply.error(
          400,
          'invalid_request_error',
          `scripted build model: request #${call.request.index + 1} is no build call it knows (system: "${systemText(call.request.body).slice(0, 60)}")`,
        )
      );
  }
}

// biome-ignore lint/suspicious/noExplicitAny: request bodies are free-form JSON
function lastTurnHasToolResults(body: any): boolean {
  const last = body?.messages?.at(-1);
  return (
    last?.role === 'user' &&
    Array.isArray(last.content) &&
    last.content.some((block: { type?: string }) => block.type === 'tool_result')
  );
}

/**
 * The task title in a prompt's last `<task>` block: `## Title` (implementer), `**Title**: …` (fixer) or the
 * block's first line (reviewer).
 */
export function taskTitle(prompt: string): string | undefined {
  const blocks = [...prompt.matchAll(/<task>\n?([\s\S]*?)(?:<\/task>|$(?![\s\S]))/g)];
  const block = blocks.at(-1)?.[1];
  if (block === undefined) return undefined;
  const heading = /^## (.+)$/m.exec(block)?.[1];
  if (heading !== undefined && heading.trim() !== 'Files to Produce') return heading.trim();
  const bold = /^\*\*(.+?)\*\*/m.exec(block)?.[1];
  if (bold !== undefined) return bold.trim();
  return block
    .split('\n')
    .find((line) => line.trim() !== '')
    ?.trim();
}

/** The paths listed under `## Files to Produce` (`` - `path` `` items). */
export function filesToProduce(prompt: string): string[] {
  const at = prompt.lastIndexOf('## Files to Produce');
  if (at === -1) return [];
  const paths: string[] = [];
  for (const line of prompt.slice(at).split('\n').slice(1)) {
    const item = /^\s*[-*] +(.+?)\s*$/.exec(line);
    if (item) paths.push(unquote(item[1]!));
    else if (line.trim() !== '' || paths.length > 0) break;
  }
  return paths;
}

/** The paths of a fix prompt's `<current_file path="…">` blocks. */
export function currentFiles(prompt: string): string[] {
  return [...prompt.matchAll(/<current_file path="([^"]+)"/g)].map((m) => m[1]!);
}

/** `### path` headings of a review prompt's `<generated_code>`. */
function generatedFiles(prompt: string): string[] {
  const section = /<generated_code>([\s\S]*?)(?:<\/generated_code>|$(?![\s\S]))/.exec(prompt)?.[1] ?? '';
  return headingsOutsideFences(section, '### ');
}

/** `## path` headings of an interface-extraction prompt. */
function sourceFiles(prompt: string): string[] {
  return headingsOutsideFences(prompt, '## ');
}

function headingsOutsideFences(text: string, marker: string): string[] {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of text.split('\n')) {
    const open = /^(`{3,}|~{3,})/.exec(line)?.[1];
    if (open && (fence === undefined || open.startsWith(fence))) {
      fence = fence === undefined ? open : undefined;
      continue;
    }
    if (fence === undefined && line.startsWith(marker)) out.push(unquote(line.slice(marker.length).trim()));
  }
  return out;
}

const unquote = (text: string) => text.replace(/^`(.*)`$/, '$1');

/** A small valid file for the path's extension. */
export function defaultContent(path: string): string {
  const ext = /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  switch (ext) {
    case 'js':
    case 'mjs':
    case 'ts':
    case 'mts':
      return 'export const x = 1;\n';
    case 'cjs':
    case 'cts':
      return 'module.exports = { x: 1 };\n';
    case 'py':
      return 'x = 1\n';
    case 'json':
      return '{}\n';
    case 'md':
      return `# ${path}\n`;
    case 'toml':
      return '# generated\n';
    case 'rs':
      return 'pub const X: i32 = 1;\n';
    case 'lua':
      return 'return { x = 1 }\n';
    default:
      return 'generated\n';
  }
}
