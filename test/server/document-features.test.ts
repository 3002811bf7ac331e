import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  type DocumentLink,
  DocumentLinkRequest,
  type DocumentSymbol,
  DocumentSymbolRequest,
  type FoldingRange,
  FoldingRangeRequest,
  type SymbolInformation,
  WorkspaceSymbolRequest,
} from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { provideDocumentLinks } from '../../server/src/features/document-links';
import { provideDocumentSymbols } from '../../server/src/features/document-symbols';
import { provideFoldingRanges } from '../../server/src/features/folding';
import { matchScore, provideWorkspaceSymbols } from '../../server/src/features/workspace-symbols';
import { Workspace } from '../../shared/src/project/workspace';
import { corpusPath } from '../support/corpus';
import { lineOf, rangeIn, rangeOf } from '../support/find';
import { LspTestClient, uriOf } from './harness';

const spenny = Workspace.load(corpusPath('spenny', 'ossature.toml'));
const markman = Workspace.load(corpusPath('markman', 'ossature.toml'));
const yep = Workspace.load(corpusPath('yep', 'ossature.toml'));

const names = (symbols: DocumentSymbol[] | undefined) => (symbols ?? []).map((s) => s.name);
const child = (symbols: DocumentSymbol[] | undefined, name: string) => symbols?.find((s) => s.name === name);

function assertNested(symbols: DocumentSymbol[]): void {
  for (const s of symbols) {
    const inside = (r: DocumentSymbol['range'], outer: DocumentSymbol['range']) =>
      (r.start.line > outer.start.line ||
        (r.start.line === outer.start.line && r.start.character >= outer.start.character)) &&
      (r.end.line < outer.end.line ||
        (r.end.line === outer.end.line && r.end.character <= outer.end.character));
    assert.ok(inside(s.selectionRange, s.range), `${s.name}: selection inside range`);
    for (const c of s.children ?? []) assert.ok(inside(c.range, s.range), `${c.name} inside ${s.name}`);
    assertNested(s.children ?? []);
  }
}

test('SMD outline: title → sections → requirements and examples (spenny)', () => {
  const file = corpusPath('spenny', 'specs', 'expense_tracker.smd');
  const text = readFileSync(file, 'utf8');
  const [root, ...rest] = provideDocumentSymbols(spenny, file);
  assert.deepEqual(rest, []);
  assert.equal(root!.name, 'Spenny — Command-Line Expense Tracker');
  assert.equal(root!.detail, 'EXPENSE_TRACKER');
  assert.deepEqual(names(root!.children).slice(0, 4), ['Overview', 'Goals', 'Non-Goals', 'Requirements']);
  const requirements = child(root!.children, 'Requirements')!;
  assert.deepEqual(names(requirements.children), [
    'Add an Expense',
    'List Expenses',
    'Delete an Expense',
    'Spending Summary',
    'Data Persistence',
  ]);
  assert.deepEqual(
    requirements.children![0]!.selectionRange,
    rangeIn(text, '### Add an Expense', 'Add an Expense'),
  );
  assert.ok(names(child(root!.children, 'Examples')!.children).includes('Listing with Filter'));
  assertNested([root!]);
});

test('AMD outline: components and data models; VMD: scenarios; plan.toml: tasks as `001 Title`', () => {
  const amd = provideDocumentSymbols(spenny, corpusPath('spenny', 'specs', 'expense_tracker.amd'))[0]!;
  const components = child(amd.children, 'Components')!;
  assert.deepEqual(names(components.children), ['Storage', 'Core', 'CLI']);
  assert.deepEqual(names(child(amd.children, 'Data Models')!.children), ['expenses.json']);
  assertNested([amd]);

  const vmd = provideDocumentSymbols(yep, corpusPath('yep', 'specs', 'YEP.vmd'));
  assert.equal(vmd[0]!.name, 'scenario rejects bytes that are never valid utf-8');
  assert.equal(vmd.length, 3);

  const plan = provideDocumentSymbols(spenny, spenny.planFile);
  assert.deepEqual(names(plan).slice(0, 2), [
    'meta',
    '001 Project scaffold: pyproject.toml & package structure',
  ]);
  assert.equal(plan[1]!.detail, 'EXPENSE_TRACKER · done');
  assert.deepEqual(plan[1]!.selectionRange, rangeIn(spenny.planText!, 'id = "001"', '"001"'));
  assert.equal(plan.length, 1 + 7);
  assertNested(plan);

  const config = provideDocumentSymbols(spenny, spenny.configFile);
  assert.deepEqual(names(config), ['project', 'output', 'llm']);
  assert.ok(names(config[2]!.children).includes('planner'));
});

test('folding: frontmatter, sections, requirement chunks and code fences; plan tasks', () => {
  const file = corpusPath('markman', 'specs', 'storage.smd');
  const text = readFileSync(file, 'utf8');
  const folds = provideFoldingRanges(markman, file);
  const startsAt = (line: number) => folds.filter((f) => f.startLine === line);
  assert.ok(folds.every((f) => f.endLine > f.startLine));
  assert.deepEqual(startsAt(0), [{ startLine: 0, endLine: lineOf(text, '---', 1) }], 'frontmatter');
  const requirements = startsAt(lineOf(text, '## Requirements'))[0]!;
  assert.equal(requirements.endLine, lineOf(text, '## Constraints') - 2, 'the section, blank lines left out');
  assert.equal(startsAt(lineOf(text, '### Add Bookmark')).length, 1);
  const fence = lineOf(text, '```');
  assert.deepEqual(startsAt(fence), [{ startLine: fence, endLine: fence + 3 }]);

  const plan = provideFoldingRanges(spenny, spenny.planFile);
  const task = lineOf(spenny.planText!, '[[task]]');
  assert.ok(
    plan.some((f) => f.startLine === task && f.endLine > task + 10),
    'the first [[task]] table',
  );
  const outputs = lineOf(spenny.planText!, 'outputs = [');
  assert.ok(
    plan.some((f) => f.startLine === outputs),
    'a multi-line array',
  );

  const comments = provideFoldingRanges(yep, corpusPath('yep', 'specs', 'YEP.vmd'));
  assert.ok(comments.some((f) => f.kind === 'comment' && f.startLine === 2));
});

test('document links: plan outputs and inject_files open the built files; AMD @path too', () => {
  const links = provideDocumentLinks(spenny, spenny.planFile);
  const target = (l: DocumentLink) => URI.parse(l.target!).fsPath;
  assert.ok(links.length > 5);
  assert.ok(links.every((l) => existsSync(target(l))));
  const pyproject = links.find((l) => target(l) === corpusPath('spenny', 'output', 'pyproject.toml'));
  assert.ok(pyproject, 'outputs = ["pyproject.toml"] links to output/pyproject.toml');
  assert.deepEqual(pyproject.range, rangeIn(spenny.planText!, '"pyproject.toml",', 'pyproject.toml'));
  const injected = provideDocumentLinks(markman, markman.planFile);
  assert.ok(injected.length > 0);

  const amd = corpusPath('spenny', 'specs', 'expense_tracker.amd');
  const amdLinks = provideDocumentLinks(spenny, amd);
  assert.ok(amdLinks.length > 0, 'component @path values');
  assert.ok(amdLinks.every((l) => target(l).startsWith(corpusPath('spenny', 'output'))));
  assert.deepEqual(provideDocumentLinks(yep, corpusPath('yep', 'specs', 'YEP.smd')), []);
});

test('workspace symbols: spec ids, requirements, components and plan tasks, fuzzy matched', () => {
  assert.equal(matchScore('EXPENSE_TRACKER', 'exp'), 3);
  assert.equal(matchScore('EXPENSE_TRACKER', 'tracker'), 2);
  assert.ok(matchScore('EXPENSE_TRACKER', 'extr') > 1);
  assert.ok(matchScore('EXPENSE_TRACKER', 'extr') > matchScore('EXPENSE_TRACKER', 'err'));
  assert.equal(matchScore('EXPENSE_TRACKER', 'zz'), 0);
  const all = provideWorkspaceSymbols([spenny, markman], '');
  const find = (name: string) => all.find((s: SymbolInformation) => s.name === name);
  assert.equal(find('EXPENSE_TRACKER')?.containerName, 'Spenny — Command-Line Expense Tracker');
  assert.equal(find('Add Bookmark')?.containerName, 'STORAGE');
  assert.ok(find('Storage'), 'an AMD component');
  assert.ok(all.some((s) => s.name.startsWith('001 ') && s.location.uri === uriOf(spenny.planFile)));
  const fuzzy = provideWorkspaceSymbols([spenny, markman], 'srchbkm');
  assert.equal(fuzzy[0]?.name, 'Search Bookmarks');
  const text = readFileSync(corpusPath('markman', 'specs', 'storage.smd'), 'utf8');
  assert.deepEqual(fuzzy[0]?.location.range, rangeOf(text, 'Search Bookmarks'));
});

test('the features answer over LSP for files the project holds, and stay empty elsewhere', async () => {
  const client = await LspTestClient.start([corpusPath('spenny')]);
  try {
    const file = corpusPath('spenny', 'specs', 'expense_tracker.smd');
    const textDocument = { uri: uriOf(file) };
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument,
    })) as DocumentSymbol[];
    assert.equal(symbols[0]?.detail, 'EXPENSE_TRACKER');
    const folds = (await client.connection.sendRequest(FoldingRangeRequest.type, {
      textDocument,
    })) as FoldingRange[];
    assert.ok(folds.length > 10);
    const links = await client.connection.sendRequest(DocumentLinkRequest.type, {
      textDocument: { uri: uriOf(spenny.planFile) },
    });
    assert.ok((links ?? []).length > 5);
    const found = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, {
      query: 'Delete an',
    })) as SymbolInformation[];
    assert.equal(found[0]?.name, 'Delete an Expense');
    const outside = await client.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri: uriOf(join(__dirname, 'elsewhere.smd')) },
    });
    assert.deepEqual(outside, []);
  } finally {
    await client.stop();
  }
});
