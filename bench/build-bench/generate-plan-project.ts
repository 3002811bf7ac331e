/**
 * A project with a ready plan for the build benchmark: W independent specs ("wide"), each with a chain of D
 * tasks ("deep"). Task k of a spec depends on its task k-1, is given that task's output as `inject_files`,
 * writes `src/<spec>/<k>.mjs` and checks it with `node --check`. No audit is needed: `.ossature/plan.toml`
 * is written directly, so `ossature build` can start at once (against the scripted model server).
 *
 *   node --import tsx bench/build-bench/generate-plan-project.ts <dir> [--wide 4] [--deep 10]
 *
 * Everything follows from (wide, deep): the same options always write the same bytes.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Plan, type PlanTaskInput, planSchema } from '../../shared/src/model/plan';
import { writePlanFile } from '../../shared/src/store/plan-file';

export interface PlanProjectOptions {
  /** Independent specs; default 4. */
  wide?: number;
  /** Tasks in each spec's chain; default 10. */
  deep?: number;
  /** `[project] name`; default `build-bench-<wide>x<deep>`. */
  name?: string;
  /** `[meta] generated_at` of the plan; a fixed timestamp by default. */
  generatedAt?: string;
}

export interface PlanProjectSpec {
  id: string;
  /** The `.smd`, relative to the project root. */
  smd: string;
  /** Its tasks' ids, titles and outputs, in chain order. */
  tasks: { id: string; title: string; output: string }[];
}

export interface PlanProject {
  root: string;
  configPath: string;
  planPath: string;
  /** The output directory (`[output] dir`), absolute. */
  outputDir: string;
  specs: PlanProjectSpec[];
  /** Every task of the plan, in plan order. */
  taskCount: number;
}

export const DEFAULT_WIDE = 4;
export const DEFAULT_DEEP = 10;
const GENERATED_AT = '2026-01-01T00:00:00Z';

/** `0 → A`, `25 → Z`, `26 → AA`: spec ids SPEC_A, SPEC_B, … */
function letters(n: number): string {
  let out = '';
  for (let i = n + 1; i > 0; i = Math.floor((i - 1) / 26))
    out = String.fromCharCode(65 + ((i - 1) % 26)) + out;
  return out;
}

/** The title of task `k` (1-based) of `spec`: unique across the plan, so runs can be counted per title. */
export function stepTitle(spec: string, k: number): string {
  return `${spec} step ${k}`;
}

/** The output of task `k` of `spec`. */
export function stepOutput(spec: string, k: number): string {
  return `src/${spec.toLowerCase()}/${k}.mjs`;
}

function configText(name: string): string {
  return `[project]
name = "${name}"
version = "0.0.1"

[output]
dir = "output"
language = "javascript"

[build]
review = false

[llm]
model = "anthropic:claude-sonnet-4-6"
`;
}

function smdText(id: string, deep: number): string {
  const steps = Array.from({ length: deep }, (_, i) => i + 1).flatMap((k) => [
    `### Step ${k}`,
    '',
    k === 1
      ? 'Export `step1()`, which returns 1.'
      : `Export \`step${k}()\`, which returns one more than \`step${k - 1}()\` of the previous step's module.`,
    '',
    '**Accepts:** Nothing.',
    '',
    `**Returns:** The number ${k}.`,
    '',
    '**Errors:**',
    '',
    '- Previous module missing -> the import fails at load time',
    '',
  ]);
  return [
    '---',
    `id: ${id}`,
    'status: draft',
    'priority: medium',
    'depends: []',
    '---',
    '',
    `# ${id} Counter Chain`,
    '',
    '## Overview',
    '',
    `A chain of ${deep} small ES modules; each step builds on the one before it.`,
    '',
    '## Goals',
    '',
    `- Every step returns its own position in the chain, 1 to ${deep}`,
    '',
    '## Non-Goals',
    '',
    '- No I/O and no dependencies outside the chain',
    '',
    '## Requirements',
    '',
    ...steps,
    '## Constraints',
    '',
    '- Plain ES modules that `node --check` accepts',
    '',
    '## Examples',
    '',
    '### Last Step',
    '',
    '**Input:**',
    '',
    '```',
    `step${deep}()`,
    '```',
    '',
    '**Output:**',
    '',
    '```',
    `${deep}`,
    '```',
    '',
    '## Acceptance Criteria',
    '',
    `- \`step${deep}()\` returns ${deep}`,
    '',
  ].join('\n');
}

/**
 * Writes the project into `dir`, replacing an earlier one there. Refuses a non-empty `dir` that is not an
 * Ossature project (no `ossature.toml`), so a mistyped path cannot wipe unrelated files.
 */
export function generatePlanProject(dir: string, options: PlanProjectOptions = {}): PlanProject {
  const wide = options.wide ?? DEFAULT_WIDE;
  const deep = options.deep ?? DEFAULT_DEEP;
  for (const [name, value] of [
    ['wide', wide],
    ['deep', deep],
  ] as const) {
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`--${name} must be a whole number ≥ 1 (got ${value})`);
  }
  const root = resolve(dir);
  if (existsSync(root) && readdirSync(root).length > 0 && !existsSync(join(root, 'ossature.toml')))
    throw new Error(`${root} is not empty and holds no ossature.toml; choose an empty or new folder.`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, 'specs'), { recursive: true });

  const configPath = join(root, 'ossature.toml');
  writeFileSync(configPath, configText(options.name ?? `build-bench-${wide}x${deep}`));

  const width = Math.max(3, String(wide * deep).length);
  const tasks: PlanTaskInput[] = [];
  const specs: PlanProjectSpec[] = [];
  for (let s = 0; s < wide; s++) {
    const id = `SPEC_${letters(s)}`;
    const smd = `specs/${id.toLowerCase()}.smd`;
    writeFileSync(join(root, smd), smdText(id, deep));
    const spec: PlanProjectSpec = { id, smd, tasks: [] };
    for (let k = 1; k <= deep; k++) {
      const taskId = String(tasks.length + 1).padStart(width, '0');
      const output = stepOutput(id, k);
      const previous = spec.tasks.at(-1);
      tasks.push({
        id: taskId,
        spec: id,
        title: stepTitle(id, k),
        description: `Write ${output}: export step${k}()${previous ? `, built on step${k - 1}() imported from ./${k - 1}.mjs` : ''}.`,
        outputs: [output],
        depends_on: previous ? [previous.id] : [],
        spec_refs: [`Step ${k}`],
        arch_refs: [],
        status: 'pending',
        verify: [`node --check ${output}`],
        inject_files: previous ? [previous.output] : [],
      });
      spec.tasks.push({ id: taskId, title: stepTitle(id, k), output });
    }
    specs.push(spec);
  }
  const plan: Plan = planSchema.parse({
    meta: {
      generated_at: options.generatedAt ?? GENERATED_AT,
      total_tasks: tasks.length,
      specs: specs.map((s) => s.id),
    },
    task: tasks,
  });
  const planPath = join(root, '.ossature', 'plan.toml');
  mkdirSync(join(root, '.ossature'), { recursive: true });
  writePlanFile(planPath, plan);
  return { root, configPath, planPath, outputDir: join(root, 'output'), specs, taskCount: tasks.length };
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      wide: { type: 'string', default: String(DEFAULT_WIDE) },
      deep: { type: 'string', default: String(DEFAULT_DEEP) },
      name: { type: 'string' },
    },
  });
  const dir = positionals[0];
  if (dir === undefined || positionals.length > 1) {
    console.error('usage: generate-plan-project.ts <dir> [--wide 4] [--deep 10] [--name NAME]');
    process.exit(2);
  }
  try {
    const project = generatePlanProject(dir, {
      wide: Number(values.wide),
      deep: Number(values.deep),
      ...(values.name !== undefined ? { name: values.name } : {}),
    });
    console.log(
      `${project.root}: ${project.specs.length} specs × ${project.taskCount / project.specs.length} tasks = ${project.taskCount} tasks`,
    );
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

// Run as a script (not when imported, e.g. bundled into bench/build-bench.mjs).
if (/generate-plan-project\.ts$/.test(process.argv[1] ?? '')) main();
