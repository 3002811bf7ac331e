import { CROSS_CODES } from '../diagnostics/codes-cross';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/make';
import type { SmdSpec } from '../model/smd';
import { EMPTY_RANGE } from '../text/range';

/** Above this many characters of requirement text a spec is flagged (reference §3.3). */
export const COMPLEXITY_THRESHOLD = 3000;

/** Characters of description, accepts, returns and error conditions/responses over all requirements. */
export function requirementComplexity(smd: SmdSpec): number {
  let total = 0;
  for (const r of smd.requirements) {
    total += r.description.length + (r.accepts?.value.length ?? 0) + (r.returns?.value.length ?? 0);
    for (const e of r.errors) total += e.condition.length + e.response.length;
  }
  return total;
}

export function checkComplexity(smds: SmdSpec[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const smd of smds) {
    const score = requirementComplexity(smd);
    if (score <= COMPLEXITY_THRESHOLD) continue;
    out.push(
      diag(
        CROSS_CODES.highComplexity,
        smd.file,
        smd.title?.range ?? smd.id?.range ?? EMPTY_RANGE,
        `${smd.id?.value ?? 'This spec'} has high requirement complexity (${score} characters of requirement text, over ${COMPLEXITY_THRESHOLD}). Complex specs may fail during planning. Consider splitting into multiple specs linked with \`depends\`.`,
      ),
    );
  }
  return out;
}
