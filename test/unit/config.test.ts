import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from '../../shared/src/diagnostics/diagnostic';
import { loadConfigText } from '../../shared/src/project/config-load';
import { corpusPath } from '../support/corpus';
import { rangeOf } from '../support/find';

const FILE = '/project/ossature.toml';

function only(diagnostics: Diagnostic[], code: string): Diagnostic {
  const found = diagnostics.filter((d) => d.code === code);
  assert.equal(
    found.length,
    1,
    `expected one ${code}, got: ${JSON.stringify(diagnostics.map((d) => d.code))}`,
  );
  return found[0]!;
}

test('defaults of the original apply when sections are absent', () => {
  const { config, diagnostics } = loadConfigText('[llm]\nmodel = "anthropic:claude-sonnet-4-6"\n', FILE);
  assert.deepEqual(diagnostics, []);
  assert.equal(config.project.name, 'ossature-project');
  assert.equal(config.project.spec_dir, 'specs');
  assert.equal(config.output.dir, 'output');
  assert.equal(config.output.language, 'python');
  assert.equal(config.audit.max_fix_cycles, 3);
  assert.equal(config.build.max_fix_attempts, 3);
  assert.equal(config.build.max_output_tokens, 32768);
  assert.equal(config.build.review, true);
  assert.equal(config.build.max_review_attempts, 2);
  assert.equal(config.test.require_coverage, false);
  assert.equal(config.llm.retries, 3);
  assert.equal(config.llm.tool_retries, 5);
  assert.equal(config.llm.ollama_base_url, 'http://localhost:11434/v1');
});

test('command lists accept a bare string and drop empty items', () => {
  const { config } = loadConfigText(
    '[build]\nsetup = "cargo init"\nverify = ["cargo check", ""]\n[llm]\nmodel = "anthropic:claude-sonnet-4-6"\n',
    FILE,
  );
  assert.deepEqual(config.build.setup, ['cargo init']);
  assert.deepEqual(config.build.verify, ['cargo check']);
});

test('OSS001: a TOML syntax error is reported where it is', () => {
  const text = '[project]\nname = "x"\n[llm\nmodel = "a"\n';
  const d = only(loadConfigText(text, FILE).diagnostics, 'OSS001');
  assert.equal(d.range.start.line, rangeOf(text, '[llm').start.line);
});

test('OSS002: missing [llm] section', () => {
  const d = only(loadConfigText('[project]\nname = "x"\n', FILE).diagnostics, 'OSS002');
  assert.equal(d.severity, 'error');
  assert.match(d.message, /\[llm\]/);
});

test('OSS003: [llm] without model points at the [llm] table', () => {
  const text = '[project]\nname = "x"\n\n[llm]\nretries = 2\n';
  const d = only(loadConfigText(text, FILE).diagnostics, 'OSS003');
  assert.equal(d.range.start.line, rangeOf(text, '[llm]').start.line);
});

test('OSS004: a value of the wrong type is reported at the value, and the default is used', () => {
  const text =
    '[build]\nmax_fix_attempts = "three"\nsetup = 5\n\n[llm]\nmodel = "anthropic:claude-sonnet-4-6"\n';
  const result = loadConfigText(text, FILE);
  const found = result.diagnostics.filter((d) => d.code === 'OSS004');
  assert.equal(found.length, 2);
  assert.deepEqual(found[0]!.range, rangeOf(text, '"three"'));
  assert.deepEqual(found[1]!.range, rangeOf(text, '5'));
  assert.equal(result.config.build.max_fix_attempts, 3);
  assert.equal(result.hasErrors, true);
});

test('OSS005: an unknown key gets a did-you-mean', () => {
  const text = '[build]\nmax_fix_attempt = 2\n\n[llm]\nmodel = "anthropic:claude-sonnet-4-6"\n';
  const d = only(loadConfigText(text, FILE).diagnostics, 'OSS005');
  assert.deepEqual(d.range, rangeOf(text, 'max_fix_attempt'));
  assert.match(d.message, /Did you mean max_fix_attempts\?/);
});

test('OSS006: [build] test, removed in 0.1.1, is flagged', () => {
  const text = '[build]\ntest = ["pytest"]\n\n[llm]\nmodel = "anthropic:claude-sonnet-4-6"\n';
  const d = only(loadConfigText(text, FILE).diagnostics, 'OSS006');
  assert.deepEqual(d.range, rangeOf(text, 'test', 0));
});

test('OSS010: model without provider prefix', () => {
  const text = '[llm]\nmodel = "claude-sonnet-4-6"\n';
  const d = only(loadConfigText(text, FILE).diagnostics, 'OSS010');
  assert.deepEqual(d.range, rangeOf(text, '"claude-sonnet-4-6"'));
});

test('OSS011: unknown provider, with close matches', () => {
  const text = '[llm]\nmodel = "anthropic:claude-sonnet-4-6"\nbuild = "antropic:claude-sonnet-4-6"\n';
  const d = only(loadConfigText(text, FILE).diagnostics, 'OSS011');
  assert.deepEqual(d.range, rangeOf(text, '"antropic:claude-sonnet-4-6"'));
  assert.match(d.message, /anthropic/);
});

test('OSS012: unknown Anthropic model name; free-form providers are not checked', () => {
  const text = '[llm]\nmodel = "anthropic:claude-sonet-4-6"\naudit = "openrouter:whatever/model"\n';
  const d = only(loadConfigText(text, FILE).diagnostics, 'OSS012');
  assert.deepEqual(d.range, rangeOf(text, '"anthropic:claude-sonet-4-6"'));
  assert.match(d.message, /claude-sonnet-4-6/);
});

test('OSS013: setup command starting with cd into the output dir', () => {
  const text = '[build]\nsetup = ["cd output && uv sync"]\n\n[llm]\nmodel = "anthropic:claude-sonnet-4-6"\n';
  const d = only(loadConfigText(text, FILE).diagnostics, 'OSS013');
  assert.deepEqual(d.range, rangeOf(text, '"cd output && uv sync"'));
});

test('the corpus configs load without errors', async () => {
  const { readFileSync } = await import('node:fs');
  for (const project of ['spenny', 'markman', 'yep']) {
    const path = corpusPath(project, 'ossature.toml');
    const result = loadConfigText(readFileSync(path, 'utf8'), path);
    assert.deepEqual(
      result.diagnostics.filter((d) => d.severity === 'error'),
      [],
      project,
    );
  }
});

test('OSS020/OSS021: a missing spec folder, or one without specs, is reported at spec_dir', async () => {
  const { mkdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { Workspace } = await import('../../shared/src/project/workspace');
  const { validateWorkspace } = await import('../../shared/src/validate/validate-workspace');
  const { makeProject } = await import('../support/project');
  const config =
    '[project]\nname = "x"\nspec_dir = "requirements"\n\n[llm]\nmodel = "anthropic:claude-sonnet-4-6"\n';
  const root = makeProject({ 'ossature.toml': config });
  const missing = validateWorkspace(Workspace.load(join(root, 'ossature.toml')));
  assert.deepEqual(only(missing.diagnostics, 'OSS020').range, rangeOf(config, '"requirements"'));
  mkdirSync(join(root, 'requirements'));
  const empty = validateWorkspace(Workspace.load(join(root, 'ossature.toml')));
  const d = only(empty.diagnostics, 'OSS021');
  assert.deepEqual(d.range, rangeOf(config, '"requirements"'));
  assert.equal(d.severity, 'warning');
});
