import { amdTemplate, smdTemplate, vmdTemplate } from '../../shared/src/project/templates';
import { MINIMAL_CONFIG, makeProject, validSmd } from '../support/project';

/** An SMD in the pre-0.0.5 format: `@key: value` lines under the title instead of YAML frontmatter. */
export function legacySmd(id: string, depends: string[] = []): string {
  const body = smdTemplate(id, 'Legacy Spec').replace(/^---\n[\s\S]*?\n---\n\n/, '');
  return body.replace(
    '# Legacy Spec\n',
    `# Legacy Spec\n\n@id: ${id}\n@status: draft\n@priority: high\n@depends: ${depends.join(', ')}\n`,
  );
}

/** A plan whose second task depends on a task that does not exist and names an unknown spec. */
export const BROKEN_PLAN = `[meta]
generated_at = "2026-05-13T21:29:48Z"
total_tasks = 2
specs = ["ALPHA"]

[[task]]
id = "001"
spec = "ALPHA"
title = "Scaffold"
description = "Create the package."
outputs = ["src/alpha.py"]
depends_on = []
spec_refs = ["Overview"]
arch_refs = []
status = "pending"
verify = []

[[task]]
id = "002"
spec = "ALPHX"
title = "Main operation"
description = "Implement it."
outputs = ["src/main.py"]
depends_on = ["009"]
spec_refs = ["Requirements > Nothing Like This"]
arch_refs = []
status = "pending"
verify = []
`;

/**
 * Errors and warnings in every kind of file, none of them opened by the tests that use it: an unknown
 * dependency with a close id (did-you-mean), legacy metadata, an AMD for an unknown spec, a VMD with a
 * dangling @covers, an unknown ossature.toml key and a broken plan.
 */
export function brokenProject(): string {
  return makeProject({
    'ossature.toml': `${MINIMAL_CONFIG}\n[build]\nparallel = true\n`,
    'specs/alpha.smd': validSmd('ALPHA', ['BETA', 'GAMA']),
    'specs/beta.smd': validSmd('BETA'),
    'specs/gamma.smd': validSmd('GAMMA'),
    'specs/nested/legacy.smd': legacySmd('LEGACY', ['BETA']),
    'specs/alpha.amd': amdTemplate('ALPHAX', 'Alpha'),
    'specs/alpha.vmd': vmdTemplate('ALPHA').replace(
      '@covers "Main Operation"',
      '@covers "No Such Requirement"',
    ),
    '.ossature/plan.toml': BROKEN_PLAN,
  });
}

/** A dependency cycle, a repeated dependency and a duplicate spec id. */
export function cycleProject(): string {
  return makeProject({
    'specs/a.smd': validSmd('A', ['B', 'B']),
    'specs/b.smd': validSmd('B', ['C']),
    'specs/c.smd': validSmd('C', ['A']),
    'specs/copy/c.smd': validSmd('C'),
  });
}

/** ossature.toml that is not TOML, and a spec whose frontmatter is not YAML. */
export function badSyntaxProject(): string {
  return makeProject({
    'ossature.toml': '[project]\nname = "broken\n\n[llm]\nmodel = "anthropic:claude-sonnet-4-6"\n',
    'specs/a.smd': validSmd('A').replace('status: draft', 'status: [draft'),
  });
}
