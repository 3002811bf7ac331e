// The synthetic project's content, drawn from a seeded PRNG: vocabulary, specs, requirements, depends edges.

/** The spec-size band the generator aims for (bytes of one `.smd`). */
export const SMD_TARGET_MIN = 3500;
export const SMD_TARGET_MAX = 4200;

/** Kept well under the 3000-character complexity warning. */
export const COMPLEXITY_BUDGET = 2700;

// ---------------------------------------------------------------- randomness

export type Rng = () => number;

/** mulberry32: tiny, fast, good enough for test data. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Random {
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

export const words = (text: string): readonly string[] => text.trim().split(/\s+/);

export const AREAS =
  words(`billing accounts inventory shipping search auth reporting notifications storage catalog
  scheduling analytics payments support`);
export const SUBAREAS = words('core api jobs import export admin sync policy');
export const CONCEPTS =
  words(`ledger invoice session token order shipment report index queue profile quota webhook
  snapshot schedule tag audit refund coupon channel archive`);
export const VERBS = words(
  'create update delete list find validate merge export import archive restore rename count lock publish expire',
);
export const OBJECTS = words('entry record batch item summary version owner label limit event');
export const TYPES = [
  ['string', 'non-empty'],
  ['integer', '1 to 10000'],
  ['decimal', 'positive'],
  ['boolean', 'default false'],
  ['list of strings', 'may be empty'],
  ['ISO 8601 date', 'not in the future'],
  ['dict', 'JSON values'],
] as const;
export const PARAMS = words('name amount owner_id limit tags since payload reason version key');
export const ERROR_TYPES = words(
  'ValidationError NotFoundError ConflictError QuotaExceededError LockedError',
);
export const STATUSES = [
  'draft',
  'draft',
  'review',
  'approved',
  'approved',
  'implemented',
  'deprecated',
] as const;
export const PRIORITIES = ['low', 'medium', 'medium', 'high', 'critical'] as const;
export const QUALITIES = [
  'idempotent',
  'atomic',
  'deterministic',
  'bounded in memory',
  'safe to retry',
  'observable through structured logs',
  'stable across restarts',
] as const;
export const SUBJECTS = [
  'The module',
  'Every public function',
  'The storage layer',
  'The command-line front end',
  'Each background job',
  'The import path',
  'The public API',
] as const;
export const ACTIONS = [
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

export const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

export function sentence(r: Random, subject?: string): string {
  return `${subject ?? r.pick(SUBJECTS)} ${r.pick(ACTIONS)}, and the behaviour is ${r.pick(QUALITIES)}.`;
}

export function paragraph(r: Random, count: number, subject?: string): string {
  return Array.from({ length: count }, () => sentence(r, subject)).join(' ');
}

// ---------------------------------------------------------------- model of one spec

export interface Param {
  name: string;
  type: string;
  limits: string;
}

export interface ErrorCase {
  condition: string;
  response: string;
  type?: string;
  message: string;
}

export interface Req {
  title: string;
  fn: string;
  anchor?: string;
  params: Param[];
  description: string;
  accepts: string;
  returns: string;
  errors: ErrorCase[];
}

export interface SpecPlan {
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

export function makeRequirement(r: Random, concept: string, verb: string, object: string, vmd: boolean): Req {
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

export function complexityOf(reqs: Req[]): number {
  let total = 0;
  for (const q of reqs) {
    total += q.description.length + q.accepts.length + q.returns.length;
    for (const e of q.errors) total += e.condition.length + e.response.length;
  }
  return total;
}

export function planSpecs(r: Random, count: number): SpecPlan[] {
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

export function dependsYaml(r: Random, depends: string[]): string {
  if (depends.length === 0) return r.chance(0.8) ? 'depends: []' : 'depends:';
  if (r.chance(0.7)) return `depends: [${depends.join(', ')}]`;
  return `depends:\n${depends.map((d) => `  - ${d}`).join('\n')}`;
}

export function requirementHeading(q: Req, vmd: boolean): string {
  const marks = [...(q.anchor ? [`#${q.anchor}`] : []), ...(vmd ? [] : ['.no-verify'])];
  return `### ${q.title}${marks.length ? ` {${marks.join(' ')}}` : ''}`;
}

/** A JSON literal for a parameter, used in SMD examples and VMD table cells alike. */
export function exampleValue(r: Random, p: Param): string {
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
