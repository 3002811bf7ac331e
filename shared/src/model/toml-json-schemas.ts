import { z } from 'zod';
import { configSchema } from './config';
import { planSchema } from './plan';

/**
 * JSON Schemas of `ossature.toml` and `.ossature/plan.toml`, generated from the zod models the engine
 * parses them with (their `.describe()` texts become the descriptions), so TOML extensions (Even Better
 * TOML, through package.json's `tomlValidation`) check and complete the same keys and types. They describe
 * what may be written (optional keys with defaults stay optional) and allow unknown keys, as the engine does
 * (it warns about those). `scripts/toml-schemas.ts` writes them to `schemas/`; a test keeps them in step.
 */

export interface TomlJsonSchema {
  /** Path of the schema file, relative to the repository (and extension) root. */
  file: string;
  /** The `tomlValidation` file pattern it applies to. */
  fileMatch: string;
  schema: Record<string, unknown>;
}

/** Bounds zod gives every integer, which say nothing to a reader. */
const SAFE_BOUNDS = new Set([Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]);

function withoutSafeBounds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSafeBounds);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if ((key === 'minimum' || key === 'maximum') && SAFE_BOUNDS.has(item as number)) continue;
    out[key] = withoutSafeBounds(item);
  }
  return out;
}

function generate(schema: z.ZodType, title: string, description: string): Record<string, unknown> {
  // draft-07: what Taplo (Even Better TOML) and most other validators read.
  const { $schema, ...rest } = z.toJSONSchema(schema, { io: 'input', target: 'draft-07' });
  return { $schema, title, description, ...(withoutSafeBounds(rest) as Record<string, unknown>) };
}

export function tomlJsonSchemas(): TomlJsonSchema[] {
  return [
    {
      file: 'schemas/ossature.schema.json',
      fileMatch: 'ossature.toml',
      schema: generate(
        configSchema,
        'Ossature project (ossature.toml)',
        'The configuration of an Ossature project: where its specs are, what the build produces, and which model does the work. Only [llm] model is required.',
      ),
    },
    {
      file: 'schemas/plan.schema.json',
      fileMatch: '.ossature/plan.toml',
      schema: generate(
        planSchema,
        'Ossature build plan (.ossature/plan.toml)',
        'The build plan `ossature audit` writes and `ossature build` runs, task by task. Editable: `ossature audit --replan` regenerates it.',
      ),
    },
  ];
}

/** A schema file's text. */
export function renderJsonSchema(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
