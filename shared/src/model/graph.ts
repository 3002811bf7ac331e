import { z } from 'zod';
import { stringList } from './plan';

/** `.ossature/graph.toml` (reference §2.5): the spec dependency graph audit last computed. */

export const graphSpecSchema = z.looseObject({
  id: z.string({ error: 'expected a spec id string' }),
  /** `./specs/a.smd`, relative to the project root. */
  file: z.string({ error: 'expected a path string' }),
  depends: stringList.default([]),
  /** The spec's AMD files, `./specs/a.amd`. */
  architectures: stringList.default([]),
});

export type GraphSpec = z.infer<typeof graphSpecSchema>;

export const graphSchema = z.looseObject({
  spec: z.array(graphSpecSchema, { error: 'expected [[spec]] tables' }).default([]),
  order: z
    .looseObject({
      /** Topological levels; each level sorted alphabetically. */
      levels: z.array(stringList, { error: 'expected a list of lists of spec ids' }).default([]),
    })
    .default({ levels: [] }),
});

export type SpecGraphFile = z.infer<typeof graphSchema>;

export const GRAPH_SPEC_KEYS = ['id', 'file', 'depends', 'architectures'] as const;
