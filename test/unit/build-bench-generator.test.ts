import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, test } from 'node:test';
import { generatePlanProject } from '../../bench/build-bench/generate-plan-project';
import { readPlanFile } from '../../shared/src/store/plan-file';
import { validateProject } from '../../shared/src/validate/validate-project';

const temp = mkdtempSync(join(tmpdir(), 'ossature-build-bench-gen-'));
after(() => rmSync(temp, { recursive: true, force: true }));

test('the plan is W independent chains of D tasks, each writing and checking one module', () => {
  const project = generatePlanProject(join(temp, 'p'), { wide: 3, deep: 4 });
  const plan = readPlanFile(project.planPath)?.plan;
  assert.ok(plan);
  assert.equal(plan.task.length, 12);
  assert.equal(plan.meta.total_tasks, 12);
  assert.deepEqual(plan.meta.specs, ['SPEC_A', 'SPEC_B', 'SPEC_C']);
  const [third] = plan.task.filter((t) => t.spec === 'SPEC_B' && t.title === 'SPEC_B step 3');
  const [second] = plan.task.filter((t) => t.title === 'SPEC_B step 2');
  assert.ok(third && second);
  assert.deepEqual(third.outputs, ['src/spec_b/3.mjs']);
  assert.deepEqual(third.depends_on, [second.id]);
  assert.deepEqual(third.inject_files, ['src/spec_b/2.mjs']);
  assert.deepEqual(third.verify, ['node --check src/spec_b/3.mjs']);
  assert.equal(third.status, 'pending');
  const firsts = plan.task.filter((t) => t.depends_on.length === 0);
  assert.deepEqual(
    firsts.map((t) => t.title),
    ['SPEC_A step 1', 'SPEC_B step 1', 'SPEC_C step 1'],
  );
  assert.deepEqual(
    firsts.map((t) => t.inject_files),
    [[], [], []],
  );
  const config = readFileSync(project.configPath, 'utf8');
  assert.match(config, /^\[output\][^[]*^language = "javascript"$/m);
  assert.match(config, /^\[build\]\nreview = false$/m);
  assert.match(config, /^\[llm\]\nmodel = "anthropic:claude-sonnet-4-6"$/m);
  for (const spec of project.specs)
    assert.match(readFileSync(join(project.root, spec.smd), 'utf8'), /^depends: \[\]$/m);
});

test('the generated project validates with no errors and no warnings, plan included', async () => {
  const project = generatePlanProject(join(temp, 'v'));
  assert.equal(project.taskCount, 40);
  const result = await validateProject({ configPath: project.configPath });
  assert.deepEqual(
    result.diagnostics.map(
      (d) => `${relative(project.root, d.file)}:${d.range.start.line + 1} ${d.code} ${d.message}`,
    ),
    [],
  );
  assert.equal(result.summary.smd, 4);
});

test('the same options write the same bytes; an unrelated non-empty folder is refused', () => {
  const a = generatePlanProject(join(temp, 'same-a'), { wide: 2, deep: 3 });
  const b = generatePlanProject(join(temp, 'same-b'), { wide: 2, deep: 3 });
  assert.equal(readFileSync(a.planPath, 'utf8'), readFileSync(b.planPath, 'utf8'));
  // Regenerating over a generated project replaces it.
  generatePlanProject(a.root, { wide: 1, deep: 2 });
  assert.equal(readPlanFile(a.planPath)?.plan.task.length, 2);

  const other = join(temp, 'unrelated');
  mkdirSync(other);
  writeFileSync(join(other, 'notes.txt'), 'keep me');
  assert.throws(() => generatePlanProject(other), /not empty and holds no ossature\.toml/);
  assert.equal(readFileSync(join(other, 'notes.txt'), 'utf8'), 'keep me');
});
