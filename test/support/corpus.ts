import { join } from 'node:path';

/**
 * Real Ossature projects (ossature/ossature-examples; specs CC0, generated code MIT), copied byte for byte
 * into the repository so tests run on a clean clone. See test/fixtures/corpus/README.md.
 */
export const CORPUS = join(__dirname, '..', 'fixtures', 'corpus');

export const CORPUS_PROJECTS = ['spenny', 'markman', 'yep'] as const;

export function corpusPath(...parts: string[]): string {
  return join(CORPUS, ...parts);
}
