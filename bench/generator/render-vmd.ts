// A synthetic `.vmd`: one value table per requirement and a command scenario.
import { exampleValue, type Random, type SpecPlan } from './plan';

export function renderVmd(r: Random, s: SpecPlan): string {
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
