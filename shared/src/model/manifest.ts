import { z } from 'zod';

/**
 * `.ossature/manifest.toml` (reference §2.5): what audit last saw. `sources` maps `./specs/a.smd` (and
 * `ossature.toml`) to `sha256:<hex>`; `brief_inputs` maps spec ids to the hash of their brief's input.
 */
export const manifestSchema = z.looseObject({
  sources: z.record(z.string(), z.string({ error: 'expected a "sha256:<hex>" string' })).default({}),
  brief_inputs: z.record(z.string(), z.string({ error: 'expected a "sha256:<hex>" string' })).default({}),
  project_brief_input: z.string({ error: 'expected a "sha256:<hex>" string' }).default(''),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** Field order of the original's model (tomli_w then writes the plain value before the two tables). */
export const MANIFEST_KEYS = ['sources', 'brief_inputs', 'project_brief_input'] as const;
