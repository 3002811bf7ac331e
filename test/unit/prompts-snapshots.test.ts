import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { curatedProfileNames, getPrompt, registeredIds, render } from '../../shared/src/prompts';

/**
 * Snapshot of every prompt: test/fixtures/prompts/<id>/<language>.txt holds the render for each curated
 * language and for one language without a curated profile (go), followed by one newline, compared
 * byte for byte. A prompt that takes no language has a single fixture, `no-language.txt`.
 *
 * After changing a prompt or a profile on purpose, rewrite the fixtures and review the diff:
 *
 *   UPDATE_SNAPSHOTS=1 node --import tsx --test test/unit/prompts-snapshots.test.ts
 *
 * Update mode also deletes fixtures that no prompt/language pair produces any more.
 */

const FIXTURES = join(__dirname, '..', 'fixtures', 'prompts');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';
const GENERIC_LANGUAGE = 'go';
const NO_LANGUAGE = 'no-language';

function languagesOf(id: string): string[] {
  return getPrompt(id).variables.includes('language')
    ? [...curatedProfileNames(), GENERIC_LANGUAGE]
    : [NO_LANGUAGE];
}

function expectedFiles(): Map<string, string[]> {
  return new Map(registeredIds().map((id) => [id, languagesOf(id).map((language) => `${language}.txt`)]));
}

for (const id of registeredIds()) {
  for (const language of languagesOf(id)) {
    test(`snapshot ${id} × ${language}`, () => {
      const actual = `${render(id, language === NO_LANGUAGE ? {} : { language })}\n`;
      const file = join(FIXTURES, id, `${language}.txt`);
      let stored: string | undefined;
      try {
        stored = readFileSync(file, 'utf8');
      } catch {
        stored = undefined;
      }
      if (UPDATE) {
        if (stored !== actual) {
          mkdirSync(join(FIXTURES, id), { recursive: true });
          writeFileSync(file, actual);
        }
        return;
      }
      assert.ok(stored !== undefined, `missing snapshot ${file}; run with UPDATE_SNAPSHOTS=1 to create it`);
      assert.equal(actual, stored, `${file} differs; if the change is intended run with UPDATE_SNAPSHOTS=1`);
    });
  }
}

test('no stale snapshot fixtures', () => {
  const expected = expectedFiles();
  const stale: string[] = [];
  for (const dir of readdirSync(FIXTURES)) {
    const wanted = expected.get(dir);
    if (!wanted) {
      stale.push(dir);
      if (UPDATE) rmSync(join(FIXTURES, dir), { recursive: true });
      continue;
    }
    for (const file of readdirSync(join(FIXTURES, dir))) {
      if (wanted.includes(file)) continue;
      stale.push(join(dir, file));
      if (UPDATE) rmSync(join(FIXTURES, dir, file));
    }
  }
  if (!UPDATE)
    assert.deepEqual(stale, [], 'fixtures without a prompt/language pair; UPDATE_SNAPSHOTS=1 removes them');
});
