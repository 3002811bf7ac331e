// package.json `contributes.configuration` must say exactly what the client's zod settings schema says.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { toJSONSchema } from 'zod';
import { parseSettings, settingKeys, settingsSchema, settingsSection } from '../../client/src/settings';

interface Manifest {
  contributes: { configuration: { title: string; properties: Record<string, Record<string, unknown>> } };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as Manifest;
const contributed = manifest.contributes.configuration.properties;
const fromSchema = (toJSONSchema(settingsSchema, { io: 'input' }) as { properties: Record<string, object> })
  .properties;

test('every setting of the schema is contributed with the same type, enum, default and description', () => {
  for (const key of settingKeys) {
    const expected = fromSchema[key];
    assert.ok(expected, `schema has no JSON schema for ${key}`);
    assert.deepEqual(
      contributed[`${settingsSection}.${key}`],
      expected,
      `package.json contributes.configuration.properties["${settingsSection}.${key}"] differs from the schema in client/src/settings.ts`,
    );
  }
});

test('package.json contributes no setting the schema does not declare', () => {
  const declared = settingKeys.map((key) => `${settingsSection}.${key}`).sort();
  assert.deepEqual(Object.keys(contributed).sort(), declared);
  assert.equal(manifest.contributes.configuration.title, 'Ossature');
});

test('the trace setting is the one vscode-languageclient reads for the client id "ossature"', () => {
  assert.ok(settingKeys.includes('trace.server'));
  assert.deepEqual(contributed['ossature.trace.server']?.enum, ['off', 'messages', 'verbose']);
});

test('missing settings take their defaults; a value of the wrong type falls back and is reported', () => {
  assert.deepEqual(
    parseSettings(() => undefined),
    {
      'trace.server': 'off',
      'validate.enable': true,
      'demo.offlineModel': false,
      'runs.confirmCost': true,
      'runs.jobs': 0,
      'model.baseUrl': '',
    },
  );
  const invalid: string[] = [];
  const settings = parseSettings(
    (key) => ({ 'trace.server': 'verbose', 'validate.enable': 'yes' })[key as string],
    (key) => invalid.push(key),
  );
  assert.deepEqual(settings, {
    'trace.server': 'verbose',
    'validate.enable': true,
    'demo.offlineModel': false,
    'runs.confirmCost': true,
    'runs.jobs': 0,
    'model.baseUrl': '',
  });
  assert.deepEqual(invalid, ['validate.enable']);
});
