import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  briefInputHash,
  briefNeedsRegeneration,
  dependencyOrder,
  planBriefs,
  projectBriefUserPrompt,
  specBriefUserPrompt,
} from '../../shared/src/audit/briefs';
import { parseSmd } from '../../shared/src/parse/smd';
import { loadCorpusProject } from '../support/audit/corpus-project';
import { validSmd } from '../support/project';

/*
 * The corpus manifests' brief hashes (markman: project + 3 specs, spenny: project + 1 spec) were reproduced
 * exactly with these user prompts and the original's 0.0.5 brief system prompts. Those prompt texts are the
 * original's prose and are not kept in this repository, so the tests below check the hash function on a
 * known vector (computed with Python's hashlib) and the user prompts' layout instead.
 */

test('the brief hash is sha256 over model, system prompt and user prompt, each followed by NUL', () => {
  assert.equal(
    briefInputHash('anthropic:claude-sonnet-4-6', 'system ✓', 'user\nprompt'),
    'sha256:b05f1067203fefd333a742faee5ba1781c0360cc4e22a4127551a00e19bb507c',
  );
  assert.notEqual(briefInputHash('a', 'bc', ''), briefInputHash('ab', 'c', ''));
});

test('markman: the spec brief prompt is title, id, depends and overview', () => {
  const project = loadCorpusProject('markman');
  const cli = project.workspace.index.smdById.get('CLI')![0]!;
  const prompt = specBriefUserPrompt(cli);
  assert.ok(prompt.startsWith('# CLI\n\n**Spec ID:** CLI\n**Depends on:** STORAGE\n\n## Overview\n\n'));
  assert.ok(prompt.endsWith(cli.overview));
  const storage = specBriefUserPrompt(project.workspace.index.smdById.get('STORAGE')![0]!);
  assert.ok(storage.includes('**Depends on:** none\n'));
});

test('markman: the project brief prompt lists the specs in dependency order', () => {
  const project = loadCorpusProject('markman');
  const smds = project.specOrder.map((id) => project.workspace.index.smdById.get(id)![0]!);
  const prompt = projectBriefUserPrompt({ name: 'markman', version: '0.0.1', language: 'rust' }, smds);
  assert.ok(prompt.startsWith('Project: markman v0.0.1 — Language: rust\n\n## Storage\n\n'));
  assert.ok(
    prompt.includes('\n\n## CLI\n\n**Priority:** high | **Spec ID:** CLI | **Depends on:** STORAGE\n\n'),
  );
  assert.ok(
    projectBriefUserPrompt({ name: 'p', version: '1', language: 'ts', framework: 'react' }, []).startsWith(
      'Project: p v1 — Language: ts — Framework: react\n\n',
    ),
  );
});

test('dependency order: each spec after its dependencies, otherwise in the given order', () => {
  const smd = (id: string, deps: string[] = []) => parseSmd(validSmd(id, deps), `/p/${id}.smd`).spec;
  const ordered = dependencyOrder([smd('C', ['B']), smd('A'), smd('B', ['A', 'GHOST'])]);
  assert.deepEqual(
    ordered.map((s) => s.id!.value),
    ['A', 'B', 'C'],
  );
});

test('a brief is regenerated when its file is missing or its input hash changed', () => {
  assert.equal(briefNeedsRegeneration('sha256:a', 'sha256:a', true), false);
  assert.equal(briefNeedsRegeneration('sha256:a', 'sha256:a', false), true);
  assert.equal(briefNeedsRegeneration('sha256:a', 'sha256:b', true), true);
  assert.equal(briefNeedsRegeneration(undefined, 'sha256:b', true), true);
  assert.equal(briefNeedsRegeneration('', 'sha256:b', true), true);
});

test('planBriefs: editing a requirement does not touch the briefs; editing an overview does', () => {
  const project = loadCorpusProject('markman');
  const smds = project.specOrder.map((id) => project.workspace.index.smdById.get(id)![0]!);
  const input = {
    project: { name: 'markman', version: '0.0.1', language: 'rust' },
    model: 'anthropic:claude-sonnet-4-6',
    systemPrompts: { project: 'P', spec: 'S' },
    exists: () => true,
  };
  const first = planBriefs({ ...input, smds, stored: { projectBriefInput: '', briefInputs: {} } });
  assert.equal(first.project.regenerate, true);
  assert.deepEqual(
    first.specs.map((s) => [s.specId, s.regenerate]),
    [
      ['STORAGE', true],
      ['CLI', true],
      ['WEBUI', true],
    ],
  );
  const stored = {
    projectBriefInput: first.project.hash,
    briefInputs: Object.fromEntries(first.specs.map((s) => [s.specId, s.hash])),
  };
  const cli = smds[1]!;
  const editedRequirement = { ...cli, requirements: cli.requirements.slice(1) };
  const again = planBriefs({ ...input, smds: [smds[0]!, editedRequirement, smds[2]!], stored });
  assert.equal(again.project.regenerate, false);
  assert.ok(again.specs.every((s) => !s.regenerate));
  const editedOverview = { ...cli, overview: `${cli.overview} More.` };
  const third = planBriefs({ ...input, smds: [smds[0]!, editedOverview, smds[2]!], stored });
  assert.equal(third.project.regenerate, true);
  assert.deepEqual(
    third.specs.map((s) => s.regenerate),
    [false, true, false],
  );
  const missing = planBriefs({ ...input, smds, stored, exists: (id) => id !== 'WEBUI' });
  assert.deepEqual(
    missing.specs.map((s) => s.regenerate),
    [false, false, true],
  );
});
