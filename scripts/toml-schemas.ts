// Writes schemas/ossature.schema.json and schemas/plan.schema.json (JSON Schemas of ossature.toml and
// .ossature/plan.toml, contributed to TOML extensions through package.json's `tomlValidation`) from the zod
// models, formatted as `npm run lint` wants them. Run after changing shared/src/model/config.ts or plan.ts:
// `npm run schemas` (test/unit/toml-schemas.test.ts fails until then).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { renderJsonSchema, tomlJsonSchemas } from '../shared/src/model/toml-json-schemas';

const root = join(__dirname, '..');
const files = tomlJsonSchemas().map(({ file, schema }) => {
  const path = join(root, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, renderJsonSchema(schema));
  return file;
});
const biome = spawnSync(
  process.execPath,
  [join(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome'), 'format', '--write', ...files],
  { cwd: root, stdio: 'inherit' },
);
if (biome.status !== 0) process.exit(biome.status ?? 1);
for (const file of files) console.log(`wrote ${file}`);
