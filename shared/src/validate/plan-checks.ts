import { PLAN_CODES } from '../diagnostics/codes-plan';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/make';
import type { AmdSpec } from '../model/amd';
import {
  KNOWN_META_KEYS,
  KNOWN_TASK_KEYS,
  type Plan,
  planSchema,
  sourceProblem,
  TASK_STATUSES,
} from '../model/plan';
import type { SmdSpec } from '../model/smd';
import { locateToml, tomlSyntaxProblem } from '../store/toml-locate';
import { isTomlError, parseTomlDocument } from '../store/toml-read';
import { formatTomlString } from '../store/toml-write';
import { SourceText } from '../text/source-text';
import { closestMatches } from '../util/did-you-mean';
import { describePlanPath, isRecord, PlanEnv, preview, stringItems } from './plan-env';
import { checkPlanSpecs } from './plan-ref-checks';
import { checkTaskDependencies } from './plan-task-graph';

/** Access to the parsed specs the plan refers to. */
export interface PlanCheckContext {
  smdById(id: string): SmdSpec | undefined;
  /** The AMDs describing a spec (several may target one spec); empty when it has none. */
  amdsFor(id: string): AmdSpec[];
  /** Every spec id, for "did you mean" hints (optional). */
  specIds?(): Iterable<string>;
}

export interface PlanCheckResult {
  /** The plan, when the file parses and every field is well-typed (other problems may remain). */
  plan?: Plan;
  diagnostics: Diagnostic[];
}

/**
 * Every check of `.ossature/plan.toml` (reference §2.6), all problems at once, each at the exact value:
 * syntax, schema, unknown keys, task ids and dependencies (unknown, forward, cycles), duplicate list
 * entries, copy tasks, specs and refs, and `[meta]`.
 */
export function checkPlan(text: string, file: string, ctx: PlanCheckContext): PlanCheckResult {
  let raw: Record<string, unknown>;
  try {
    raw = parseTomlDocument(text);
  } catch (error) {
    if (!isTomlError(error)) throw error;
    const problem = tomlSyntaxProblem(error, text);
    const range = problem?.range ?? new SourceText(text).trimmedLineRange(0);
    const message = `plan.toml is not valid TOML: ${problem?.message ?? error.message}. Fix the syntax, or regenerate the plan with \`ossature audit --replan\`.`;
    return { diagnostics: [diag(PLAN_CODES.tomlSyntax, file, range, message)] };
  }
  const env = new PlanEnv(raw, locateToml(text), file);
  const plan = checkSchema(env);
  checkUnknownKeys(env);
  checkTaskDependencies(env);
  checkTaskLists(env);
  checkCopyTasks(env);
  checkMeta(env, ctx);
  checkPlanSpecs(env, ctx);
  return { ...(plan ? { plan } : {}), diagnostics: env.diagnostics };
}

function checkSchema(env: PlanEnv): Plan | undefined {
  const result = planSchema.safeParse(env.raw);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const value = valueAt(env.raw, path);
    const where = describePlanPath(path, env.tasks);
    if (value === undefined) {
      const field = path[path.length - 1];
      const missing =
        path.length === 1 && path[0] === 'meta'
          ? 'plan.toml has no [meta] table; add [meta] with generated_at, total_tasks and specs.'
          : `${describePlanPath(path.slice(0, -1), env.tasks)} has no \`${String(field)}\`; add it.`;
      env.report(PLAN_CODES.missingField, env.range(path.slice(0, -1), 'key'), missing);
      continue;
    }
    const fixes =
      issue.code === 'invalid_value' && path[path.length - 1] === 'status' && typeof value === 'string'
        ? closestMatches(value, TASK_STATUSES, 1).map((s) => env.replaceStringFix(path, s))
        : [];
    env.report(
      PLAN_CODES.invalidValue,
      env.range(path),
      `${where}: ${issue.message} (found ${preview(value)}).`,
      {
        fixes,
      },
    );
  }
  return undefined;
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let node = root;
  for (const part of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

function checkUnknownKeys(env: PlanEnv): void {
  const unknown = (path: (string | number)[], key: string, known: Iterable<string>, where: string) => {
    const hint = closestMatches(key, known, 1)[0];
    const fixes = hint
      ? [
          {
            title: `Rename to ${hint}`,
            edits: [{ file: env.file, range: env.range([...path, key], 'key'), newText: hint }],
            preferred: true,
          },
        ]
      : [];
    env.report(
      PLAN_CODES.unknownKey,
      env.range([...path, key], 'key'),
      `${where}: unknown key \`${key}\` is kept but ignored by Ossature.${hint ? ` Did you mean ${hint}?` : ''}`,
      { fixes },
    );
  };
  for (const key of Object.keys(env.raw)) {
    if (key !== 'meta' && key !== 'task') unknown([], key, ['meta', 'task'], 'plan.toml');
  }
  if (isRecord(env.raw.meta)) {
    for (const key of Object.keys(env.raw.meta)) {
      if (!KNOWN_META_KEYS.has(key)) unknown(['meta'], key, KNOWN_META_KEYS, '[meta]');
    }
  }
  for (const task of env.tasks) {
    for (const key of Object.keys(task.value)) {
      if (!KNOWN_TASK_KEYS.has(key)) unknown(['task', task.index], key, KNOWN_TASK_KEYS, task.label);
    }
  }
}

const DEDUPED_LISTS = [
  'outputs',
  'inject_files',
  'depends_on',
  'spec_refs',
  'arch_refs',
  'cross_spec_interfaces',
  'context_files',
  'covers',
] as const;

function checkTaskLists(env: PlanEnv): void {
  for (const task of env.tasks) {
    for (const key of DEDUPED_LISTS) {
      const first = new Map<string, number>();
      for (const { item, index } of stringItems(task.value, key)) {
        const earlier = first.get(item);
        if (earlier === undefined) {
          first.set(item, index);
          continue;
        }
        env.report(
          PLAN_CODES.duplicateEntry,
          env.range(['task', task.index, key, index]),
          `${task.label}: \`${key}\` lists '${item}' twice; remove the repeat.`,
          { related: [env.related(['task', task.index, key, earlier], 'First listed here')] },
        );
      }
    }
    const verify = task.value.verify;
    if (typeof verify === 'string') {
      const list = verify === '' ? '[]' : `[\n    ${formatTomlString(verify)},\n]`;
      env.report(
        PLAN_CODES.legacyVerifyString,
        env.range(['task', task.index, 'verify']),
        `${task.label}: \`verify\` is one command string (older plan format); it still works, but a list of commands is the current form.`,
        { fixes: [env.replaceValueFix(['task', task.index, 'verify'], list, 'Write verify as a list')] },
      );
    }
  }
}

const WILDCARD = /\*\*|\*/g;
const wildcards = (pattern: string) => pattern.match(WILDCARD)?.length ?? 0;

function checkCopyTasks(env: PlanEnv): void {
  for (const task of env.tasks) {
    const sources = stringItems(task.value, 'source');
    if (sources.length === 0) continue;
    const at = (...rest: (string | number)[]) => ['task', task.index, ...rest];
    const verify = task.value.verify;
    if ((Array.isArray(verify) && verify.length > 0) || (typeof verify === 'string' && verify !== '')) {
      env.report(
        PLAN_CODES.copyTaskVerify,
        env.range(at('verify'), 'key'),
        `${task.label} copies files (\`source\` is set), so its \`verify\` commands are ignored. Set verify = [] to silence this.`,
        { fixes: [env.replaceValueFix(at('verify'), '[]', 'Set verify = []')] },
      );
    }
    for (const { item, index } of sources) {
      const problem = sourceProblem(item);
      if (problem) {
        env.report(
          PLAN_CODES.invalidSource,
          env.range(at('source', index)),
          `${task.label}: source '${item}' ${problem}. Sources are patterns under the context directory, written context://<pattern>.`,
        );
      }
    }
    const outputs = stringItems(task.value, 'outputs');
    const sourceCount = Array.isArray(task.value.source) ? task.value.source.length : 0;
    const outputCount = Array.isArray(task.value.outputs) ? task.value.outputs.length : 0;
    if (Array.isArray(task.value.outputs) && sourceCount !== outputCount) {
      env.report(
        PLAN_CODES.sourceOutputCount,
        env.range(at('source'), 'key'),
        `${task.label}: ${sourceCount} source(s) but ${outputCount} output(s); each source is copied to the output at the same position, so the counts must match.`,
      );
    }
    for (const { item, index } of sources) {
      const output = outputs.find((o) => o.index === index)?.item;
      const inSource = wildcards(item);
      const inOutput = output === undefined ? 0 : wildcards(output);
      const message =
        inSource > 1
          ? `source '${item}' has ${inSource} wildcards; use at most one * or **`
          : inOutput > 1
            ? `output '${output}' has ${inOutput} wildcards; use at most one * or **`
            : output !== undefined && inSource > 0 !== inOutput > 0
              ? `source '${item}' and output '${output}' must both have a wildcard or both be plain paths`
              : undefined;
      if (message)
        env.report(PLAN_CODES.copyWildcard, env.range(at('source', index)), `${task.label}: ${message}.`);
    }
  }
}

function checkMeta(env: PlanEnv, ctx: PlanCheckContext): void {
  const meta = env.raw.meta;
  if (!isRecord(meta)) return;
  const count = Array.isArray(env.raw.task) ? env.raw.task.length : 0;
  if (typeof meta.total_tasks === 'number' && meta.total_tasks !== count) {
    env.report(
      PLAN_CODES.totalTasksMismatch,
      env.range(['meta', 'total_tasks']),
      `[meta] total_tasks is ${meta.total_tasks} but the plan has ${count} [[task]] table(s).`,
      { fixes: [env.replaceValueFix(['meta', 'total_tasks'], String(count), `Set total_tasks = ${count}`)] },
    );
  }
  for (const { item, index } of stringItems(meta, 'specs')) {
    if (ctx.smdById(item)) continue;
    env.report(
      PLAN_CODES.metaUnknownSpec,
      env.range(['meta', 'specs', index]),
      `[meta] specs lists '${item}', but no spec has that id.`,
    );
  }
}
