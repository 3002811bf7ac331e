import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  buildPlannerUserPrompt,
  formatPreviousTasks,
  formatVerifyTaskLine,
  plannerPromptId,
  previousTasksForSpec,
  pythonListRepr,
  pythonStringRepr,
} from '../../shared/src/audit/planner-input';
import { renderSnapshot, SNAPSHOT_AMD_HEADER, snapshotDiff } from '../../shared/src/audit/snapshot';
import type { AuditFinding } from '../../shared/src/audit/types';
import { loadCorpusProject } from '../support/audit/corpus-project';

/** The original's renderer still wrote acceptance criteria as `- [ ] item`; ours writes `- item`. */
const modernize = (snapshot: string) => {
  const at = snapshot.indexOf('## Acceptance Criteria\n');
  const end = snapshot.indexOf('\n## ', at + 1);
  return snapshot.slice(0, at) + snapshot.slice(at, end).replace(/^- \[ \] /gm, '- ') + snapshot.slice(end);
};

// markman/storage.smd changed after its snapshot; spenny's snapshot predates the Flow-fence fix (it wrapped
// an already fenced Flow in a second fence), so only CLI and WEBUI are compared whole.
for (const id of ['CLI', 'WEBUI']) {
  test(`markman ${id}: the snapshot equals the original's (acceptance-criteria prefix aside)`, () => {
    const project = loadCorpusProject('markman');
    const smd = project.workspace.index.smdById.get(id)![0]!;
    assert.equal(renderSnapshot(smd), modernize(project.read('snapshots', `${id}.md`)));
  });

  test(`markman ${id}: the planner prompt has the original's header, snapshot and finding lines`, () => {
    const project = loadCorpusProject('markman');
    const stored = modernize(project.read('planners', id, 'prompt.md'));
    const smd = project.workspace.index.smdById.get(id)![0]!;
    const findings = (JSON.parse(project.read('audits', id, 'response.json')) as { findings: AuditFinding[] })
      .findings;
    const prompt = buildPlannerUserPrompt({
      project: { name: 'markman', version: '0.0.1', language: 'rust' },
      snapshot: renderSnapshot(smd),
      findings,
      setup: project.workspace.config.config.build.setup,
    });
    const head = `# Project: markman v0.0.1 (rust)\n\n## Specification (SMD)\n\n${renderSnapshot(smd)}\n`;
    assert.ok(prompt.startsWith(head));
    assert.ok(stored.startsWith(head));
    for (const f of findings) {
      const line = `\n- [${f.severity.toUpperCase()}] ${f.location}: ${f.issue}`;
      assert.ok(prompt.includes(line) && stored.includes(line), f.location);
    }
    const order = (text: string) =>
      ['## Audit Findings', '## Build Setup Command'].map((h) => text.indexOf(`\n${h}`));
    assert.ok(order(prompt).every((at, i, all) => at > 0 && (i === 0 || at > all[i - 1]!)));
    assert.ok(order(stored).every((at, i, all) => at > 0 && (i === 0 || at > all[i - 1]!)));
    assert.ok(prompt.includes('```\ncargo init --name markman\n```'));
    assert.equal(plannerPromptId({}), 'audit.plan_initial');
  });
}

test('spenny: the snapshot is the rendered SMD, the AMD header and the rendered AMD', () => {
  const project = loadCorpusProject('spenny');
  const smd = project.workspace.index.smdById.get('EXPENSE_TRACKER')![0]!;
  const amds = project.workspace.index.amdsBySpec.get('EXPENSE_TRACKER')!;
  const snapshot = renderSnapshot(smd, amds);
  const stored = project.read('snapshots', 'EXPENSE_TRACKER.md');
  assert.ok(snapshot.includes(`\n${SNAPSHOT_AMD_HEADER}\n---\nspec: EXPENSE_TRACKER\n`));
  assert.ok(stored.includes(`\n${SNAPSHOT_AMD_HEADER}\n---\nspec: EXPENSE_TRACKER\n`));
  // The original's older AMD renderer doubled the `Architecture:` title prefix and wrote neither
  // `**Contracts:** None` nor `**Depends on:**`; with those taken out the AMD parts agree up to the Flow
  // section (which it wrapped in a second fence).
  const amdPart = (text: string) => {
    const part = text.slice(text.indexOf(SNAPSHOT_AMD_HEADER));
    return part
      .slice(0, part.indexOf('## Flow'))
      .replace('# Architecture: Architecture: ', '# Architecture: ')
      .replace(/\*\*Contracts:\*\* None\n\n/g, '')
      .replace(/\n\*\*Depends on:\*\* .*\n/g, '');
  };
  assert.equal(amdPart(snapshot), amdPart(stored));
});

test('the snapshot diff is a unified diff from before to after; none when nothing changed', () => {
  assert.equal(snapshotDiff('a\nb\n', 'a\nb\n'), undefined);
  assert.equal(
    snapshotDiff('a\nb\nc\n', 'a\nB\nc\n'),
    '--- before\n+++ after\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n',
  );
  assert.equal(snapshotDiff('', 'x\n'), '--- before\n+++ after\n@@ -0,0 +1 @@\n+x\n');
  // A last line without a newline does not glue the next diff line to it.
  assert.equal(
    snapshotDiff('a\nnotes', 'a\nnotes!'),
    '--- before\n+++ after\n@@ -1,2 +1,2 @@\n a\n-notes\n+notes!\n',
  );
});

test('re-plan: diff, previous tasks with local depends, preservation guidance; fence longer than the diff', () => {
  const project = loadCorpusProject('markman');
  const smd = project.workspace.index.smdById.get('WEBUI')![0]!;
  const before = renderSnapshot(smd);
  const after = before.replace('## Overview\n\n', '## Overview\n\nNow with ```code```.\n\n');
  const diff = snapshotDiff(before, after)!;
  const previous = previousTasksForSpec(project.plan().task, 'WEBUI');
  assert.deepEqual(
    previous.map((t) => t.id),
    ['016', '017', '018'],
  );
  const input = {
    project: { name: 'markman', version: '0.0.1', language: 'rust', framework: 'none' },
    snapshot: after,
    diff,
    previousTasks: previous,
    findings: [],
    verifyTasks: [],
    contextFiles: [],
  };
  assert.equal(plannerPromptId(input), 'audit.plan_replan');
  assert.equal(plannerPromptId({ ...input, previousTasks: [] }), 'audit.plan_initial');
  const prompt = buildPlannerUserPrompt(input);
  assert.ok(prompt.startsWith('# Project: markman v0.0.1 (rust) — Framework: none\n'));
  assert.ok(
    prompt.includes(`\n## Spec Changes (diff from previous version)\n\n\`\`\`\`diff\n${diff}\`\`\`\`\n`),
  );
  assert.ok(prompt.includes('\n## Previous Task Plan\n\n'));
  assert.ok(prompt.includes('PreservedTaskRef'));
  assert.ok(!prompt.includes('## Audit Findings') && !prompt.includes('## Context Files'));
  const tasks = formatPreviousTasks(previous);
  assert.ok(prompt.endsWith(tasks));
  assert.ok(
    tasks.startsWith(
      "### Task 1\n- title: Cargo.toml: Add dependencies\n- description: Add `tiny_http` and any other required crates (e.g. `urlencoding` for query-string decoding, `html-escape` for safe HTML rendering) to Cargo.toml. Also declare the `web` module path so the project compiles once source files are added.\n- outputs: ['Cargo.toml']\n- spec_refs: ['Overview', 'Constraints']\n- verify: test -f Cargo.toml\n\n### Task 2\n",
    ),
  );
  // Task 3 depends on 016 and 017: numbers 1 and 2 of this list. Task 1's dependency on STORAGE is left out.
  assert.ok(tasks.includes('### Task 3\n') && tasks.includes('- depends_on: [1, 2]\n'));
});

test('verify cases, context files with MIME types, and the section order', () => {
  const prompt = buildPlannerUserPrompt({
    project: { name: 'p', version: '1', language: 'python' },
    snapshot: 'SNAP',
    findings: [{ severity: 'info', location: 'Notes, L3', issue: 'vague', suggestion: 's' }],
    setup: ['uv init', 'uv sync'],
    verifyTasks: [
      {
        specId: 'A',
        title: 'Verify: scenarios (a)',
        description: '',
        outputs: [],
        verify: [],
        covers: ['add', 'Remove item'],
        vmdFile: 'specs/a.vmd',
        vmdGroup: '@scenarios',
        targetFile: '',
        caseLabels: ['adds one', 'removes one'],
      },
    ],
    contextFiles: ['sounds/beep.mp3', 'docs/notes.md', 'data.bin'],
  });
  const headings = [...prompt.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
  assert.deepEqual(headings, [
    'Specification (SMD)',
    'Audit Findings',
    'Build Setup Command',
    'Author Verification Cases (VMD)',
    'Context Files',
  ]);
  assert.ok(prompt.includes('\n- [INFO] Notes, L3: vague\n'));
  assert.ok(prompt.includes('```\nuv init\nuv sync\n```'));
  assert.ok(
    prompt.includes('\n- scenarios (a) (specs/a.vmd): adds one; removes one [covers: add, Remove item]'),
  );
  assert.ok(prompt.includes('- `sounds/beep.mp3` (audio/mpeg)\n- `docs/notes.md` (text/markdown)\n'));
  assert.ok(prompt.includes('- `data.bin` (application/octet-stream)'));
  assert.ok(prompt.includes('source = ["context://<path or glob>"]'));
  assert.equal(
    formatVerifyTaskLine({
      specId: 'A',
      title: 'Verify: add',
      description: '',
      outputs: [],
      verify: [],
      covers: [],
      vmdFile: 'specs/a.vmd',
      vmdGroup: 'add/2',
      targetFile: '',
      caseLabels: [],
    }),
    '- add (specs/a.vmd)',
  );
});

test('Python repr of values, as the original lists them', () => {
  assert.equal(pythonStringRepr('a'), "'a'");
  assert.equal(pythonStringRepr("it's"), '"it\'s"');
  assert.equal(pythonStringRepr('say "hi" it\'s'), "'say \"hi\" it\\'s'");
  assert.equal(pythonStringRepr('a\\b\n\t\u0001'), "'a\\\\b\\n\\t\\x01'");
  assert.equal(pythonListRepr([]), '[]');
  assert.equal(pythonListRepr(['x', 'y']), "['x', 'y']");
  assert.equal(pythonListRepr([1, 2]), '[1, 2]');
});
