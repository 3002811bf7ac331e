// A synthetic `.amd` architecture whose interfaces declare every requirement's function.
import { ACTIONS, cap, paragraph, type Random, type Req, type SpecPlan, sentence } from './plan';

export function renderAmd(r: Random, s: SpecPlan): string {
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
