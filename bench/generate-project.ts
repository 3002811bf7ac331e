// Synthetic but realistic Ossature project for the validation benchmark (bench/README.md).
// Everything is derived from the seed, so the same (specs, seed) always writes the same bytes.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GenerateOptions {
  /** Number of `.smd` specs. */
  specs: number;
  /** PRNG seed; the same seed writes byte-identical files. */
  seed: number;
  /** Project name written to ossature.toml; defaults to `bench-<specs>`. */
  name?: string;
}

export interface GeneratedSpec {
  id: string;
  /** Path of the `.smd`, relative to the project root (posix separators). */
  smd: string;
  amd?: string;
  vmd?: string;
  depends: string[];
  requirements: string[];
  /** Requirement-text characters as the complexity check counts them (reference §3.3). */
  complexity: number;
}

export interface GeneratedProject {
  root: string;
  configPath: string;
  specs: GeneratedSpec[];
  /** Every written spec file (.smd/.amd/.vmd), relative to the root. */
  files: string[];
  /** Total bytes of those spec files. */
  bytes: number;
}

/** The spec-size band the generator aims for (bytes of one `.smd`). */
export const SMD_TARGET_MIN = 3500;
export const SMD_TARGET_MAX = 4200;
/** Kept well under the 3000-character complexity warning. */
const COMPLEXITY_BUDGET = 2700;

// ---------------------------------------------------------------- randomness

type Rng = () => number;

/** mulberry32: tiny, fast, good enough for test data. */
function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  constructor(readonly next: Rng) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (out.length < count && copy.length > 0) {
      out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]!);
    }
    return out;
  }
}

// ---------------------------------------------------------------- vocabulary

const words = (text: string): readonly string[] => text.trim().split(/\s+/);

const AREAS = words(`billing accounts inventory shipping search auth reporting notifications storage catalog
  scheduling analytics payments support`);
const SUBAREAS = words('core api jobs import export admin sync policy');
const CONCEPTS = words(`ledger invoice session token order shipment report index queue profile quota webhook
  snapshot schedule tag audit refund coupon channel archive`);
const VERBS = words(
  'create update delete list find validate merge export import archive restore rename count lock publish expire',
);
const OBJECTS = words('entry record batch item summary version owner label limit event');
const TYPES = [
  ['string', 'non-empty'],
  ['integer', '1 to 10000'],
  ['decimal', 'positive'],
  ['boolean', 'default false'],
  ['list of strings', 'may be empty'],
  ['ISO 8601 date', 'not in the future'],
  ['dict', 'JSON values'],
] as const;
const PARAMS = words('name amount owner_id limit tags since payload reason version key');
const ERROR_TYPES = words('ValidationError NotFoundError ConflictError QuotaExceededError LockedError');
const STATUSES = ['draft', 'draft', 'review', 'approved', 'approved', 'implemented', 'deprecated'] as const;
const PRIORITIES = ['low', 'medium', 'medium', 'high', 'critical'] as const;
const QUALITIES = [
  'idempotent',
  'atomic',
  'deterministic',
  'bounded in memory',
  'safe to retry',
  'observable through structured logs',
  'stable across restarts',
] as const;
const SUBJECTS = [
  'The module',
  'Every public function',
  'The storage layer',
  'The command-line front end',
  'Each background job',
  'The import path',
  'The public API',
] as const;
const ACTIONS = [
  'reads its settings once at start-up and never from global state',
  'logs one structured line per operation with the elapsed time in milliseconds',
  'keeps all timestamps in UTC and formats them as ISO 8601 strings',
  'treats identifiers as opaque strings and never parses their structure',
  'returns copies of stored values so callers cannot mutate internal state',
  'rejects unknown fields in input dictionaries instead of silently dropping them',
  'sorts listings by creation time, newest first, with the identifier as a tie-breaker',
  'uses the shared clock abstraction so tests can freeze time',
  'writes files atomically by writing a temporary file and renaming it into place',
  'caps every list it returns at the page size given by the caller',
] as const;

const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

function sentence(r: Random, subject?: string): string {
  return `${subject ?? r.pick(SUBJECTS)} ${r.pick(ACTIONS)}, and the behaviour is ${r.pick(QUALITIES)}.`;
}

function paragraph(r: Random, count: number, subject?: string): string {
  return Array.from({ length: count }, () => sentence(r, subject)).join(' ');
}

// ---------------------------------------------------------------- model of one spec

interface Param {
  name: string;
  type: string;
  limits: string;
}

interface ErrorCase {
  condition: string;
  response: string;
  type?: string;
  message: string;
}

interface Req {
  title: string;
  fn: string;
  anchor?: string;
  params: Param[];
  description: string;
  accepts: string;
  returns: string;
  errors: ErrorCase[];
}

interface SpecPlan {
  index: number;
  id: string;
  title: string;
  area: string;
  concept: string;
  folder: string;
  base: string;
  depends: string[];
  reqs: Req[];
  amd: boolean;
  vmd: boolean;
}

function makeRequirement(r: Random, concept: string, verb: string, object: string, vmd: boolean): Req {
  const title = `${cap(verb)} ${cap(concept)} ${cap(object)}`;
  const fn = `${verb}_${concept}_${object}`;
  const params = r.sample(PARAMS, r.int(2, 3)).map((name) => {
    const [type, limits] = r.pick(TYPES);
    return { name, type, limits };
  });
  const description =
    `${cap(verb)}${/(sh|ch|x)$/.test(verb) ? 'es' : 's'} the ${object} of the ${concept} named by \`${params[0]!.name}\` and records it in the audit trail. ` +
    `It is ${r.pick(QUALITIES)}.`;
  const accepts = params.map((p) => `\`${p.name}\` (${p.type}, ${p.limits})`).join(', ');
  const returns = r.pick([
    `a dict with \`id\` and \`status\` ("ok" or "queued")`,
    `the updated ${object} as a dict, or \`None\` if unchanged`,
    `a list of ${object} dicts, newest first`,
    `the number of ${concept} records changed`,
  ]);
  const errors: ErrorCase[] = [];
  const types = r.sample(ERROR_TYPES, r.int(1, 2));
  for (const [i, type] of types.entries()) {
    const p = params[i % params.length]!;
    const message = `${p.name} ${type === 'ValidationError' ? 'is invalid' : 'was rejected'}`;
    errors.push({
      condition: `\`${p.name}\` ${type === 'NotFoundError' ? `names no ${concept}` : 'is out of range'}`,
      response: `raises \`${type}\` ("${message}")`,
      type,
      message,
    });
  }
  if (!vmd && r.chance(0.5)) {
    errors.push({
      condition: 'The store is unavailable',
      response: 'returns `None` and logs a warning',
      message: '',
    });
  }
  const req: Req = { title, fn, params, description, accepts, returns, errors };
  if (r.chance(0.3)) req.anchor = `${verb}-${object}`;
  return req;
}

function complexityOf(reqs: Req[]): number {
  let total = 0;
  for (const q of reqs) {
    total += q.description.length + q.accepts.length + q.returns.length;
    for (const e of q.errors) total += e.condition.length + e.response.length;
  }
  return total;
}

function planSpecs(r: Random, count: number): SpecPlan[] {
  const plans: SpecPlan[] = [];
  for (let index = 0; index < count; index++) {
    const area = r.pick(AREAS);
    const concept = r.pick(CONCEPTS);
    const n = String(index + 1).padStart(4, '0');
    const id = `${area.toUpperCase()}_${concept.toUpperCase()}_${n}`;
    const depth = r.int(1, 3);
    const folder = [
      'specs',
      area,
      ...(depth >= 2 ? [r.pick(SUBAREAS)] : []),
      ...(depth >= 3 ? [concept] : []),
    ].join('/');
    // Dependencies only point at earlier specs, so the graph is a DAG; mostly recent neighbours.
    const depCount = Math.min(index, r.int(0, 3));
    const deps = new Set<number>();
    while (deps.size < depCount) {
      deps.add(r.chance(0.7) ? Math.max(0, index - r.int(1, 40)) : r.int(0, index - 1));
    }
    const vmd = r.chance(0.25);
    const amd = r.chance(0.5);
    const reqs: Req[] = [];
    const want = r.int(3, 6);
    const pairs = r.sample(
      VERBS.flatMap((v) => OBJECTS.map((o) => [v, o] as const)),
      want,
    );
    for (const [verb, object] of pairs) {
      const req = makeRequirement(r, concept, verb, object, vmd);
      if (complexityOf([...reqs, req]) > COMPLEXITY_BUDGET) break;
      reqs.push(req);
    }
    plans.push({
      index,
      id,
      title: `${cap(area)} ${cap(concept)} ${index + 1}`,
      area,
      concept,
      folder,
      base: `${concept}_${n}`,
      depends: [...deps].sort((a, b) => a - b).map((d) => plans[d]!.id),
      reqs,
      amd,
      vmd,
    });
  }
  return plans;
}

// ---------------------------------------------------------------- SMD

function dependsYaml(r: Random, depends: string[]): string {
  if (depends.length === 0) return r.chance(0.8) ? 'depends: []' : 'depends:';
  if (r.chance(0.7)) return `depends: [${depends.join(', ')}]`;
  return `depends:\n${depends.map((d) => `  - ${d}`).join('\n')}`;
}

function requirementHeading(q: Req, vmd: boolean): string {
  const marks = [...(q.anchor ? [`#${q.anchor}`] : []), ...(vmd ? [] : ['.no-verify'])];
  return `### ${q.title}${marks.length ? ` {${marks.join(' ')}}` : ''}`;
}

/** A JSON literal for a parameter, used in SMD examples and VMD table cells alike. */
function exampleValue(r: Random, p: Param): string {
  switch (p.type) {
    case 'integer':
      return String(r.int(1, 5000));
    case 'decimal':
      return `${r.int(1, 999)}.${String(r.int(0, 99)).padStart(2, '0')}`;
    case 'boolean':
      return r.chance(0.5) ? 'true' : 'false';
    case 'list of strings':
      return `["${r.pick(CONCEPTS)}", "${r.pick(OBJECTS)}"]`;
    case 'ISO 8601 date':
      return `"2025-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}"`;
    case 'dict':
      return `{"${r.pick(OBJECTS)}": ${r.int(1, 99)}}`;
    default:
      return `"${r.pick(CONCEPTS)}-${r.int(1, 999)}"`;
  }
}

function renderSmd(r: Random, s: SpecPlan): string {
  const out: string[] = [];
  out.push(
    '---',
    `id: ${s.id}`,
    `status: ${r.pick(STATUSES)}`,
    `priority: ${r.pick(PRIORITIES)}`,
    dependsYaml(r, s.depends),
    '---',
    '',
    `# ${s.title}`,
    '',
    '## Overview',
    '',
    `${s.title} owns the **${s.concept}** records of the ${s.area} area: it stores them, enforces their limits and exposes a small Python API that the rest of the system calls. ${paragraph(r, 1)}`,
    '',
  );
  if (s.depends.length > 0) {
    out.push(
      `It builds on ${s.depends.map((d) => `\`${d}\``).join(', ')} and never reaches around them.`,
      '',
    );
  }
  out.push('## Goals', '');
  for (let i = r.int(2, 4); i > 0; i--)
    out.push(`- ${cap(r.pick(VERBS))} ${s.concept} ${r.pick(OBJECTS)}s reliably`);
  out.push('', '## Non-Goals', '');
  for (let i = r.int(1, 3); i > 0; i--)
    out.push(
      `- No ${r.pick(['UI', 'caching layer', 'multi-tenant isolation', 'streaming API', 'migration tooling'])} in this spec`,
    );
  out.push('', '## Requirements', '');
  for (const q of s.reqs) {
    out.push(
      requirementHeading(q, s.vmd),
      '',
      q.description,
      '',
      `**Accepts:** ${q.accepts}`,
      '',
      `**Returns:** ${q.returns}`,
      '',
    );
    if (q.errors.length > 0) {
      out.push('**Errors:**', '');
      for (const e of q.errors) out.push(`- ${e.condition} ${r.chance(0.9) ? '->' : '→'} ${e.response}`);
      out.push('');
    }
  }
  out.push('## Constraints', '');
  for (let i = r.int(1, 3); i > 0; i--) out.push(`- ${sentence(r)}`);
  out.push('', '## Examples', '');
  for (const q of r.sample(s.reqs, r.int(1, Math.min(2, s.reqs.length)))) {
    const args = q.params.map((p) => exampleValue(r, p)).join(', ');
    out.push(
      `### ${q.title} with valid input`,
      '',
      '**Input:**',
      '',
      '```python',
      `${q.fn}(${args})`,
      '```',
      '',
      '**Output:**',
      '',
      '```',
      `{"id": "${s.concept}-${r.int(1, 999)}", "status": "ok"}`,
      '```',
      '',
    );
  }
  out.push('## Acceptance Criteria', '');
  for (const q of s.reqs) out.push(`- ${r.chance(0.5) ? '[ ] ' : ''}\`${q.fn}\` handles every listed error`);
  out.push('', '## Notes', '', paragraph(r, 1));
  // Pad the optional Notes section so the spec lands in the target size band.
  const target = r.int(SMD_TARGET_MIN, SMD_TARGET_MAX);
  let text = `${out.join('\n')}\n`;
  while (Buffer.byteLength(text) < target) {
    text += `\n${paragraph(r, r.int(1, 3))}\n`;
  }
  return text;
}

// ---------------------------------------------------------------- AMD

function renderAmd(r: Random, s: SpecPlan): string {
  const concept = cap(s.concept);
  const names = r.sample(['Store', 'Service', 'Validator', 'Cli', 'Exporter', 'Scheduler'], r.int(2, 4));
  const components = names.map((suffix) => `${concept}${suffix}`);
  // Every requirement's function is declared by exactly one component (VMD target check, reference §3.3).
  const owned = components.map(() => [] as Req[]);
  s.reqs.forEach((q, i) => {
    owned[i % components.length]!.push(q);
  });
  const out: string[] = [
    '---',
    `spec: ${s.id}`,
    `status: ${r.pick(['draft', 'review', 'approved'])}`,
    '---',
    '',
    `# Architecture: ${s.title}`,
    '',
    '## Overview',
    '',
    `${components.length} Python modules under \`src/${s.area}/\`: ${components.join(', ')}. ${paragraph(r, 1)}`,
    '',
    '## Components',
    '',
  ];
  components.forEach((name, i) => {
    const reqs = owned[i]!;
    const module = `${s.concept}_${names[i]!.toLowerCase()}_${s.index + 1}`;
    out.push(
      `### ${name}`,
      '',
      `@path: src/${s.area}/${module}.py`,
      '',
      `${name} ${r.pick(ACTIONS)}. ${sentence(r, 'It')}`,
      '',
    );
    out.push(
      '**Interface:**',
      '',
      '```python',
      `class ${name}:`,
      '    def __init__(self, clock: Clock, store: Store) -> None: ...',
    );
    for (const q of reqs) {
      out.push(
        `    def ${q.fn}(self, ${q.params.map((p) => `${p.name}: ${pyType(p.type)}`).join(', ')}) -> dict: ...`,
      );
    }
    if (reqs.length === 0) out.push(`    def describe(self) -> str: ...`);
    out.push('```', '');
    if (reqs.length === 0 || r.chance(0.15)) {
      out.push('**Contracts:** None', '');
    } else {
      out.push('**Contracts:**', '');
      for (const q of reqs) {
        const e = q.errors[0];
        out.push(
          `- ${q.fn} ${e?.type ? `raises ${e.type} when ${e.condition.replace(/`/g, '')}` : 'never raises'}`,
        );
        if (r.chance(0.3)) out.push(`  and leaves stored ${s.concept} records untouched in that case`);
      }
      out.push('');
    }
    const deps = components.slice(0, i);
    out.push(
      `**Depends on:** ${deps.length ? r.sample(deps, r.int(1, deps.length)).join(', ') : 'None'}`,
      '',
    );
  });
  out.push(
    '## Data Models',
    '',
    `### ${concept}Record`,
    '',
    '```python',
    '@dataclass(frozen=True)',
    `class ${concept}Record:`,
  );
  out.push(
    '    id: str',
    '    owner_id: str',
    '    created_at: datetime',
    '    tags: tuple[str, ...] = ()',
    '```',
    '',
  );
  out.push('## Flow', '', '```');
  for (const name of components) out.push(`${name}.handle() -> ${components[0]}.save()`);
  out.push('```', '', '## Dependencies', '');
  out.push('- Python standard library: dataclasses, datetime and json for records and persistence');
  if (r.chance(0.5)) out.push('- structlog: structured logging of every operation');
  out.push('', '## Notes', '', paragraph(r, r.int(1, 2)), '');
  return out.join('\n');
}

function pyType(type: string): string {
  switch (type) {
    case 'integer':
      return 'int';
    case 'decimal':
      return 'Decimal';
    case 'boolean':
      return 'bool';
    case 'list of strings':
      return 'list[str]';
    case 'dict':
      return 'dict[str, object]';
    default:
      return 'str';
  }
}

// ---------------------------------------------------------------- VMD

function renderVmd(r: Random, s: SpecPlan): string {
  const out: string[] = [`@spec ${s.id}`];
  if (r.chance(0.5)) out.push(`@status ${r.pick(['draft', 'review', 'approved'])}`);
  out.push(
    '',
    `# Value tables for ${s.title}: one group per requirement, then a command-line smoke test.`,
    '',
  );
  for (const q of s.reqs) {
    // Explicit @covers by heading or anchor, or inferred from the group name (reference §2.3).
    const how = r.int(0, 2);
    if (how === 0) out.push(`@covers "${q.title}"`);
    else if (how === 1 && q.anchor) out.push(`@covers ${q.anchor}`);
    else if (how === 1) out.push(`@covers "${q.title}"`);
    const names = q.params.map((p) => p.name);
    out.push(`${q.fn}(${names.join(', ')}) -> result`);
    for (let i = 1, rows = r.int(2, 4); i <= rows; i++) {
      out.push(
        `case_${i} | ${q.params.map((p) => exampleValue(r, p)).join(' | ')} | {"status": "ok", "count": ${r.int(0, 50)}}`,
      );
    }
    for (const e of q.errors) {
      if (!e.type) continue;
      out.push(
        `rejects_${e.type.toLowerCase()} | ${q.params.map((p) => exampleValue(r, p)).join(' | ')} | !${e.type}: ${e.message}`,
      );
    }
    out.push('');
  }
  const prog = `${s.area}-${s.concept}`;
  const first = s.reqs[0]!;
  out.push(
    `@covers "${first.title}"`,
    `scenario ${first.title.toLowerCase()} from the command line:`,
    `when $ ${prog} ${first.fn.replace(/_/g, '-')} --${first.params[0]!.name.replace(/_/g, '-')} "${s.concept} 1"`,
    'then exit 0',
    `then stdout has "${r.pick(['ok', 'updated', 'queued'])}"`,
    '',
  );
  if (r.chance(0.5)) {
    out.push(
      `scenario running the ${s.concept} tool without arguments prints usage:`,
      `when $ ${prog}`,
      'then exit 2',
      'then stderr has "usage"',
      '',
    );
  }
  return out.join('\n');
}

// ---------------------------------------------------------------- project

function configToml(name: string): string {
  return `# Ossature Configuration (synthetic benchmark project)

[project]
name = "${name}"
version = "0.0.1"
spec_dir = "specs"
context_dir = "context"

[output]
dir = "output"
language = "python"

[llm]
model = "anthropic:claude-sonnet-4-6"
`;
}

/**
 * Writes a synthetic project into `dir` (emptied first): ossature.toml and `specs` `.smd` files of about
 * 4 KB each in nested folders, an `.amd` for about half and a `.vmd` for about a quarter of them, with
 * `depends` edges that only point at earlier specs (a DAG).
 */
export function generateProject(dir: string, options: GenerateOptions): GeneratedProject {
  const r = new Random(mulberry32(options.seed));
  rmSync(join(dir, 'specs'), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const configPath = join(dir, 'ossature.toml');
  writeFileSync(configPath, configToml(options.name ?? `bench-${options.specs}`));

  const files: string[] = [];
  let bytes = 0;
  const write = (rel: string, text: string) => {
    const path = join(dir, rel);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    files.push(rel);
    bytes += Buffer.byteLength(text);
  };

  const specs: GeneratedSpec[] = [];
  for (const s of planSpecs(r, options.specs)) {
    const smd = `${s.folder}/${s.base}.smd`;
    write(smd, renderSmd(r, s));
    const spec: GeneratedSpec = {
      id: s.id,
      smd,
      depends: s.depends,
      requirements: s.reqs.map((q) => q.title),
      complexity: complexityOf(s.reqs),
    };
    if (s.amd) {
      spec.amd = `${s.folder}/${s.base}.amd`;
      write(spec.amd, renderAmd(r, s));
    }
    if (s.vmd) {
      spec.vmd = `${s.folder}/${s.base}.vmd`;
      write(spec.vmd, renderVmd(r, s));
    }
    specs.push(spec);
  }
  return { root: dir, configPath, specs, files, bytes };
}
