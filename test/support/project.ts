import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { smdTemplate, titleFromName } from '../../shared/src/project/templates';

export const MINIMAL_CONFIG = `[project]
name = "fixture"

[llm]
model = "anthropic:claude-sonnet-4-6"
`;

/** Writes `files` (relative path → content) into a fresh temp folder and returns its path. */
export function makeProject(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'ossature-test-'));
  const all = { 'ossature.toml': MINIMAL_CONFIG, ...files };
  for (const [rel, content] of Object.entries(all)) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return root;
}

/** A valid SMD with the given id and dependencies (inline YAML list). */
export function validSmd(id: string, depends: string[] = []): string {
  return smdTemplate(id, titleFromName(id)).replace('depends: []', `depends: [${depends.join(', ')}]`);
}
