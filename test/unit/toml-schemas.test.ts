// The JSON Schemas of ossature.toml and plan.toml: committed as generated, contributed to TOML extensions,
// packaged, and in agreement with the engine on real projects' files and on bad values.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv, { type ErrorObject } from 'ajv';
import { parse as parseToml } from 'smol-toml';
import { renderJsonSchema, tomlJsonSchemas } from '../../shared/src/model/toml-json-schemas';
import { loadConfigText } from '../../shared/src/project/config-load';
import { configTemplate } from '../../shared/src/project/templates';
import { parsePlanText, renderPlanText } from '../../shared/src/store/plan-file';
import { BUILD_CONFIG, planOf, TRIO_TASKS } from '../support/build-fixture';

const ROOT = join(__dirname, '..', '..');
const CORPUS = join(ROOT, 'test', 'fixtures', 'corpus');
const [configSchema, planSchema] = tomlJsonSchemas() as [
  ReturnType<typeof tomlJsonSchemas>[number],
  ReturnType<typeof tomlJsonSchemas>[number],
];

const ajv = new Ajv({ allErrors: true, strict: false });
const validateConfig = ajv.compile(configSchema.schema);
const validatePlan = ajv.compile(planSchema.schema);

/** `path: message` of each schema error, e.g. `/build/jobs: must be > 0`. */
const problems = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message}`);

function check(validate: typeof validateConfig, text: string): string[] {
  return validate(parseToml(text)) ? [] : problems(validate.errors);
}

test('the committed schemas are the ones the zod models generate (run `npm run schemas` after a model change)', () => {
  for (const { file, schema } of tomlJsonSchemas()) {
    const committed = join(ROOT, file);
    assert.ok(existsSync(committed), `${file} is missing`);
    assert.deepEqual(JSON.parse(readFileSync(committed, 'utf8')), JSON.parse(renderJsonSchema(schema)), file);
    assert.equal(typeof schema.title, 'string');
    assert.equal(typeof schema.description, 'string');
  }
});

test('every key of both schemas has a description, shown by TOML extensions on hover', () => {
  const undocumented: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (typeof node !== 'object' || node === null) return;
    const { properties, items } = node as { properties?: Record<string, unknown>; items?: unknown };
    for (const [key, child] of Object.entries(properties ?? {})) {
      if (typeof (child as { description?: unknown }).description !== 'string')
        undocumented.push(`${path}.${key}`);
      walk(child, `${path}.${key}`);
    }
    walk(items, `${path}[]`);
  };
  walk(configSchema.schema, 'ossature.toml');
  walk(planSchema.schema, 'plan.toml');
  assert.deepEqual(undocumented, []);
});

test('package.json contributes them through tomlValidation, and the .vsix packs them', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { tomlValidation?: unknown };
  };
  assert.deepEqual(
    manifest.contributes.tomlValidation,
    tomlJsonSchemas().map(({ fileMatch, file }) => ({ fileMatch, url: `./${file}` })),
  );
  const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n');
  assert.ok(ignore.includes('!schemas/*.json'), '.vscodeignore keeps schemas/*.json in the .vsix');
});

test('real projects validate: the corpus, the example, `ossature init` and a plan the engine writes', () => {
  const projects = readdirSync(CORPUS).filter((name) => existsSync(join(CORPUS, name, 'ossature.toml')));
  assert.ok(projects.length >= 3, `corpus projects: ${projects.join(', ')}`);
  let plans = 0;
  for (const name of projects) {
    const config = readFileSync(join(CORPUS, name, 'ossature.toml'), 'utf8');
    assert.deepEqual(check(validateConfig, config), [], `${name}/ossature.toml`);
    const planFile = join(CORPUS, name, '.ossature', 'plan.toml');
    if (!existsSync(planFile)) continue;
    plans++;
    assert.deepEqual(check(validatePlan, readFileSync(planFile, 'utf8')), [], `${name}/.ossature/plan.toml`);
  }
  assert.ok(plans >= 2, 'corpus plans checked');
  assert.deepEqual(
    check(validateConfig, readFileSync(join(ROOT, 'examples', 'todo', 'ossature.toml'), 'utf8')),
    [],
  );
  assert.deepEqual(check(validateConfig, configTemplate('demo')), []);
  assert.deepEqual(check(validateConfig, BUILD_CONFIG), []);
  assert.deepEqual(check(validatePlan, renderPlanText(planOf(TRIO_TASKS))), []);
});

test('bad values are rejected where the engine rejects them too', () => {
  const badJobs = BUILD_CONFIG.replace('review = false', 'review = false\njobs = 0');
  assert.deepEqual(check(validateConfig, badJobs), ['/build/jobs: must be > 0']);
  assert.equal(loadConfigText(badJobs, 'ossature.toml').hasErrors, true);

  const noModel = BUILD_CONFIG.replace('model = "anthropic:claude-sonnet-4-6"', 'retries = 2');
  assert.deepEqual(check(validateConfig, noModel), ["/llm: must have required property 'model'"]);
  assert.equal(loadConfigText(noModel, 'ossature.toml').hasErrors, true);

  const badReview = BUILD_CONFIG.replace('review = false', 'review = "no"');
  assert.deepEqual(check(validateConfig, badReview), ['/build/review: must be boolean']);

  const plan = renderPlanText(planOf(TRIO_TASKS)).replace('status = "pending"', 'status = "finished"');
  const errors = check(validatePlan, plan);
  assert.ok(errors.includes('/task/0/status: must be equal to one of the allowed values'), errors.join('\n'));
  assert.throws(() => parsePlanText(plan), /expected one of pending, done, failed, skipped, manual/);
});
