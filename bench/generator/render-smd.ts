// A synthetic `.smd` spec of about 4 KB.
import {
  cap,
  dependsYaml,
  exampleValue,
  OBJECTS,
  PRIORITIES,
  paragraph,
  type Random,
  requirementHeading,
  SMD_TARGET_MAX,
  SMD_TARGET_MIN,
  type SpecPlan,
  STATUSES,
  sentence,
  VERBS,
} from './plan';

export function renderSmd(r: Random, s: SpecPlan): string {
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
