import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { OnigScanner } from 'vscode-oniguruma';
import { GRAMMAR_FILES, loadOniguruma, SYNTAXES } from '../support/textmate';

/** The grammar and language-configuration files as data: what VS Code reads before it tokenises anything. */

const ROOT = join(__dirname, '..', '..');

before(loadOniguruma);

type Json = { [key: string]: unknown };

function readJson(file: string): Json {
  return JSON.parse(readFileSync(join(SYNTAXES, file), 'utf8')) as Json;
}

/** Calls `visit` for every string property of a grammar, with the path of the rule it sits in. */
function walk(node: unknown, path: string, visit: (key: string, value: string, path: string) => void): void {
  if (Array.isArray(node)) {
    for (const [i, n] of node.entries()) walk(n, `${path}[${i}]`, visit);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string') visit(key, value, path);
      else walk(value, `${path}.${key}`, visit);
    }
  }
}

function collect(grammar: Json, keys: string[]): [value: string, where: string][] {
  const out: [string, string][] = [];
  walk(grammar, '', (key, value, path) => {
    if (keys.includes(key)) out.push([value, `${path}.${key}`]);
  });
  return out;
}

describe('grammar files', () => {
  test('each grammar has its scopeName, every regex compiles and every local include resolves', () => {
    for (const [scopeName, file] of Object.entries(GRAMMAR_FILES)) {
      const grammar = readJson(file);
      assert.equal(grammar.scopeName, scopeName);
      const repository = (grammar.repository ?? {}) as Json;
      for (const [source, where] of collect(grammar, ['match', 'begin', 'end', 'while'])) {
        // \1… in end/while patterns refer to the begin captures; vscode-textmate substitutes them.
        const compilable = source.replace(/\\([1-9])/g, 'x');
        assert.doesNotThrow(() => new OnigScanner([compilable]).dispose(), `${where}: ${source}`);
      }
      for (const [ref] of collect(grammar, ['include'])) {
        if (ref.startsWith('#')) assert.ok(ref.slice(1) in repository, `${file}: unknown include ${ref}`);
      }
    }
  });

  test('the rules SMD and AMD share are identical', () => {
    const s = readJson('smd.tmLanguage.json').repository as Json;
    const a = readJson('amd.tmLanguage.json').repository as Json;
    const own = new Set([
      'body',
      'frontmatter-keys',
      'legacy-metadata',
      'heading-1',
      'heading-2-known',
      'marker',
    ]);
    for (const key of Object.keys(s)) {
      if (own.has(key) || !(key in a)) continue;
      assert.deepEqual(a[key], s[key], `repository rule '${key}' differs between smd and amd`);
    }
  });
});

describe('language configurations', () => {
  const expected: Record<string, Json> = {
    'smd-language-configuration.json': { blockComment: ['<!--', '-->'] },
    'amd-language-configuration.json': { blockComment: ['<!--', '-->'] },
    'vmd-language-configuration.json': { lineComment: '#' },
  };

  for (const [file, comments] of Object.entries(expected)) {
    test(`${file}: valid JSON with its comment tokens, pairs and a word pattern for ids`, () => {
      const config = readJson(file);
      assert.deepEqual(config.comments, comments);
      for (const key of ['brackets', 'surroundingPairs']) {
        for (const pair of config[key] as unknown[]) assert.ok(Array.isArray(pair) && pair.length === 2, key);
      }
      for (const pair of config.autoClosingPairs as Json[]) assert.ok(typeof pair.open === 'string');
      const { pattern, flags } = config.wordPattern as { pattern: string; flags: string };
      const word = new RegExp(pattern, flags);
      const words = (text: string) => text.match(word) ?? [];
      assert.deepEqual(words('depends: [TODO_STORE, CLI]'), ['depends', 'TODO_STORE', 'CLI']);
      assert.deepEqual(words('### Add Item {#add-item .no-verify}'), [
        'Add',
        'Item',
        'add-item',
        'no-verify',
      ]);
      assert.deepEqual(words('- cond -> résumé'), ['cond', 'résumé']);
      const markers = (config.folding as { markers?: { start: string; end: string } } | undefined)?.markers;
      if (markers) for (const m of [markers.start, markers.end]) assert.doesNotThrow(() => new RegExp(m));
    });
  }
});

describe('package.json contributions', () => {
  test('grammars and languages point at these files (once package.json contributes them)', (t) => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      contributes?: {
        grammars?: {
          language?: string;
          scopeName: string;
          path: string;
          embeddedLanguages?: Record<string, string>;
        }[];
        languages?: { id: string; configuration?: string }[];
      };
    };
    const contributed = pkg.contributes?.grammars ?? [];
    if (contributed.length === 0) {
      t.skip('package.json does not contribute the grammars yet');
      return;
    }
    for (const [scopeName, file] of Object.entries(GRAMMAR_FILES)) {
      const entry = contributed.find((g) => g.scopeName === scopeName);
      assert.ok(entry, `no contributes.grammars entry for ${scopeName}`);
      assert.equal(join(ROOT, entry.path), join(SYNTAXES, file));
      const language = pkg.contributes?.languages?.find((l) => l.id === entry.language);
      assert.ok(language?.configuration, `language ${entry.language} has no configuration`);
      assert.ok(existsSync(join(ROOT, language.configuration)), language.configuration);
      if (scopeName === 'source.ossature.vmd') continue;
      const embedded = collect(readJson(file), ['contentName']).filter(([c]) =>
        c.startsWith('meta.embedded.'),
      );
      for (const [scope] of embedded) {
        assert.ok(entry.embeddedLanguages?.[scope], `${scopeName}: ${scope} has no embeddedLanguages entry`);
      }
    }
  });
});
