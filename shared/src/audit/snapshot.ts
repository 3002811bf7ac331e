import { structuredPatch } from 'diff';
import type { AmdSpec } from '../model/amd';
import type { SmdSpec } from '../model/smd';
import { renderAmd } from '../parse/render-amd';
import { renderSmd } from '../parse/render-smd';

/**
 * Planner snapshots (reference §4.7 step 3): the canonical rendering of a spec and its AMDs, saved as
 * `.ossature/snapshots/<ID>.md` and diffed against on the next re-plan.
 */

export const SNAPSHOT_AMD_HEADER = '\n## Architecture Documents (AMD)\n';

/** Rendered SMD, then (with AMDs) `\n## Architecture Documents (AMD)\n` and each rendered AMD, joined by `\n`. */
export function renderSnapshot(smd: SmdSpec, amds: readonly AmdSpec[] = []): string {
  const sections = [renderSmd(smd)];
  if (amds.length > 0) {
    sections.push(SNAPSHOT_AMD_HEADER);
    for (const amd of amds) sections.push(renderAmd(amd));
  }
  return sections.join('\n');
}

/** `difflib`'s unified range: `start` for one line, `start-1,0` for none, else `start,length`. */
function unifiedRange(start: number, length: number): string {
  if (length === 1) return `${start}`;
  if (length === 0) return `${start - 1},0`;
  return `${start},${length}`;
}

/**
 * A unified diff from the previous snapshot to the new one (`--- before` / `+++ after`, three lines of
 * context), or undefined when they are the same. Every diff line ends with a newline (the original glued a
 * last line without one to the next diff line); "no newline at end of file" markers are left out.
 */
export function snapshotDiff(before: string, after: string): string | undefined {
  if (before === after) return undefined;
  const patch = structuredPatch('before', 'after', before, after, undefined, undefined, { context: 3 });
  if (patch.hunks.length === 0) return undefined;
  const out = ['--- before\n', '+++ after\n'];
  for (const hunk of patch.hunks) {
    out.push(
      `@@ -${unifiedRange(hunk.oldStart, hunk.oldLines)} +${unifiedRange(hunk.newStart, hunk.newLines)} @@\n`,
    );
    for (const line of hunk.lines) if (!line.startsWith('\\')) out.push(`${line}\n`);
  }
  return out.join('');
}
