// The "Get started with Ossature" walkthrough (package.json contributes.walkthroughs): its steps come in the
// order of the workflow, every button runs a command that exists, and every step's page ships in the .vsix.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { commandTable } from '../../client/src/commands/table';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string; altText?: string };
  completionEvents?: string[];
}

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { walkthroughs?: { id: string; title: string; steps: Step[] }[] };
};
const walkthrough = manifest.contributes.walkthroughs?.[0];
const steps = walkthrough?.steps ?? [];

/** The `[label](command:id?args)` links of a step description. */
function links(step: Step): { label: string; command: string; args: unknown }[] {
  return [...step.description.matchAll(/\[([^\]]+)\]\(command:([\w.]+)(?:\?([^)]*))?\)/g)].map((m) => ({
    label: m[1]!,
    command: m[2]!,
    args: m[3] === undefined ? undefined : JSON.parse(decodeURIComponent(m[3])),
  }));
}

test('the walkthrough goes init → new spec → validate → audit → review plan → build', () => {
  assert.equal(walkthrough?.title, 'Get started with Ossature');
  assert.deepEqual(
    steps.map((s) => s.id),
    ['init', 'newSpec', 'validate', 'audit', 'reviewPlan', 'build'],
  );
});

test('the init and new steps type the ossature command into the terminal', () => {
  const typed = steps.slice(0, 2).map((step) => {
    const [link] = links(step);
    assert.equal(link?.command, 'workbench.action.terminal.sendSequence', `${step.id}: ${step.description}`);
    return (link.args as { text: string }).text;
  });
  assert.deepEqual(typed, ['ossature init\r', 'ossature new ']);
});

test('the other steps each have one button for their Ossature command, and complete when it runs', () => {
  const ids = new Set<string>(commandTable.map((c) => c.id));
  const expected = ['ossature.validate', 'ossature.audit', 'ossature.reviewPlan', 'ossature.build'];
  steps.slice(2).forEach((step, i) => {
    const found = links(step);
    assert.deepEqual(
      found.map((l) => l.command),
      [expected[i]],
    );
    assert.ok(ids.has(expected[i]!), `${expected[i]} is not in client/src/commands/table.ts`);
    assert.deepEqual(step.completionEvents, [`onCommand:${expected[i]}`]);
  });
});

test('every step has a markdown page that exists and is packaged into the .vsix', () => {
  const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8');
  assert.match(ignore, /^!media\/walkthrough\/\*\.md$/m);
  for (const step of steps) {
    const page = step.media.markdown ?? '';
    assert.ok(page.startsWith('media/walkthrough/') && page.endsWith('.md'), `${step.id}: ${page}`);
    assert.ok(existsSync(join(root, page)), `${page} is missing`);
    assert.match(readFileSync(join(root, page), 'utf8'), /^# \S/, `${page} starts with a heading`);
  }
});
