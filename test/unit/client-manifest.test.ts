// package.json's commands, languages, grammars and activation agree with the client's tables.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { commandCategory, commandTable } from '../../client/src/commands/table';
import { languageIds } from '../../client/src/documents';

interface Manifest {
  main: string;
  engines: { vscode: string };
  activationEvents: string[];
  extensionKind?: string[];
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    languages: { id: string; extensions: string[]; configuration: string }[];
    grammars: {
      language: string;
      scopeName: string;
      path: string;
      embeddedLanguages?: Record<string, string>;
    }[];
  };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as Manifest;

test('contributes.commands is the command table, each with the Ossature category', () => {
  assert.deepEqual(
    manifest.contributes.commands,
    commandTable.map(({ id, title }) => ({ command: id, title, category: commandCategory })),
  );
});

test('the three spec languages have an extension, a language configuration and a grammar', () => {
  const kinds = { 'ossature-smd': 'smd', 'ossature-amd': 'amd', 'ossature-vmd': 'vmd' } as const;
  assert.deepEqual(manifest.contributes.languages.map((l) => l.id).sort(), [...languageIds].sort());
  for (const language of manifest.contributes.languages) {
    const kind = kinds[language.id as keyof typeof kinds];
    assert.deepEqual(language.extensions, [`.${kind}`]);
    assert.equal(language.configuration, `./syntaxes/${kind}-language-configuration.json`);
    const grammar = manifest.contributes.grammars.find((g) => g.language === language.id);
    assert.deepEqual(grammar && { scopeName: grammar.scopeName, path: grammar.path }, {
      scopeName: `source.ossature.${kind}`,
      path: `./syntaxes/${kind}.tmLanguage.json`,
    });
  }
});

test('activates on a project or a spec file, runs in the workspace host, on a VS Code code-server has', () => {
  assert.deepEqual(manifest.activationEvents.sort(), [
    'onLanguage:ossature-amd',
    'onLanguage:ossature-smd',
    'onLanguage:ossature-vmd',
    'workspaceContains:**/ossature.toml',
  ]);
  assert.equal(manifest.main, './dist/client.js');
  assert.equal(
    manifest.extensionKind,
    undefined,
    'extensionKind ui would move the extension to a web worker',
  );
  const engine = /^\^?(\d+)\.(\d+)\.(\d+)$/.exec(manifest.engines.vscode);
  assert.ok(engine, `engines.vscode ${manifest.engines.vscode}`);
  const [major, minor] = [Number(engine[1]), Number(engine[2])];
  assert.ok(major === 1 && minor <= 139, 'engines.vscode must be at most 1.139.x (code-server 4.139.1)');
});

test('every embedded code block scope of the smd/amd grammars maps to a language', () => {
  for (const grammar of manifest.contributes.grammars) {
    const text = readFileSync(join(__dirname, '..', '..', grammar.path), 'utf8');
    const scopes = new Set([...text.matchAll(/"(meta\.embedded\.block\.[\w+-]+)"/g)].map((m) => m[1]!));
    const mapped = Object.keys(grammar.embeddedLanguages ?? {});
    assert.deepEqual(
      [...scopes].filter((scope) => !mapped.includes(scope)),
      [],
      `${grammar.path}: scopes without an embeddedLanguages entry in package.json`,
    );
  }
});
