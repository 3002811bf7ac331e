import type { Example, Requirement, SmdSpec } from '../../model/smd';
import { fenceFor } from '../../parse/render-smd';
import { resolveSpecRef } from '../../project/refs';

/**
 * A task's `spec_refs` rendered for its prompts (reference §5.3 step 4), text for text as the original:
 * a section as `### Name` (Goals, Non-Goals, Constraints, Acceptance Criteria as `- ` bullets; Overview,
 * Notes as text), all requirements or all examples under `## Requirements` / `## Examples`, one requirement
 * or example as its own `### ` block (Accepts, Returns, Errors with ` -> `; Input and Output fenced).
 *
 * Departure (the §9 quirk): refs resolve through `project/refs.ts`, the resolver plan validation uses, so
 * `Requirements > Title`, `Requirements > #anchor` and `Examples > Name` resolve too, case- and
 * whitespace-insensitively. Fences grow past any backtick run in the content.
 */

function titleWithMarkers(r: Requirement): string {
  const markers = [r.anchor ? `#${r.anchor}` : '', r.noVerify ? '.no-verify' : ''].filter(Boolean);
  return markers.length > 0 ? `${r.title} {${markers.join(' ')}}` : r.title;
}

export function renderRequirement(r: Requirement): string {
  const lines = [
    `### ${titleWithMarkers(r)}`,
    '',
    r.description,
    '',
    `**Accepts:** ${r.accepts?.value ?? ''}`,
    '',
    `**Returns:** ${r.returns?.value ?? ''}`,
  ];
  if (r.errors.length > 0) {
    lines.push('', '**Errors:**', '');
    for (const e of r.errors) lines.push(`- ${e.condition} -> ${e.response}`);
  }
  return lines.join('\n');
}

function fenced(content: string): string[] {
  const fence = fenceFor(content);
  return [fence, content, fence];
}

export function renderExample(e: Example): string {
  const input = e.input ?? '';
  const output = e.output ?? '';
  return [
    `### ${e.name}`,
    '',
    '**Input:**',
    '',
    ...fenced(input),
    '',
    '**Output:**',
    '',
    ...fenced(output),
  ].join('\n');
}

const bullets = (title: string, items: readonly { value: string }[]): string | undefined =>
  items.length > 0 ? `### ${title}\n\n${items.map((item) => `- ${item.value}`).join('\n')}` : undefined;

/** One named section's block, or undefined when the spec has nothing under it. */
function renderSection(smd: SmdSpec, name: string): string | undefined {
  switch (name) {
    case 'Overview':
      return `### Overview\n\n${smd.overview}`;
    case 'Goals':
      return bullets('Goals', smd.goals);
    case 'Non-Goals':
      return bullets('Non-Goals', smd.nonGoals);
    case 'Constraints':
      return bullets('Constraints', smd.constraints);
    case 'Acceptance Criteria':
      return bullets('Acceptance Criteria', smd.acceptanceCriteria);
    case 'Notes':
      return smd.notes ? `### Notes\n\n${smd.notes}` : undefined;
    case 'Requirements':
      return smd.requirements.length > 0
        ? `## Requirements\n\n${smd.requirements.map(renderRequirement).join('\n\n')}`
        : undefined;
    case 'Examples':
      return smd.examples.length > 0
        ? `## Examples\n\n${smd.examples.map(renderExample).join('\n\n')}`
        : undefined;
    default:
      return undefined;
  }
}

/** The requirement or example whose title is exactly `ref` (e.g. a title that contains `>`). */
function renderTitled(smd: SmdSpec, ref: string): string | undefined {
  const found = resolveSpecRef(`Requirements > ${ref}`, smd) ?? resolveSpecRef(`Examples > ${ref}`, smd);
  if (found?.kind === 'requirement') return renderRequirement(found.requirement);
  if (found?.kind === 'example') return renderExample(found.example);
  return undefined;
}

/**
 * The prompt block for one `spec_refs` entry (without a legacy prefix), or undefined when it names nothing
 * in `smd` or names a section the spec leaves empty. As in the original, a section name that renders
 * nothing falls through to a requirement or example of that title.
 */
export function renderSpecRef(smd: SmdSpec, ref: string): string | undefined {
  const text = ref.trim();
  const target = resolveSpecRef(text, smd);
  switch (target?.kind) {
    case 'requirement':
      return renderRequirement(target.requirement);
    case 'example':
      return renderExample(target.example);
    case 'section':
      return renderSection(smd, target.name) ?? renderTitled(smd, text);
    default:
      return text.includes('>') ? renderTitled(smd, text) : undefined;
  }
}
