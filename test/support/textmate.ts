import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWASM, OnigScanner, OnigString } from 'vscode-oniguruma';
import {
  type IGrammar,
  INITIAL,
  type IRawGrammar,
  parseRawGrammar,
  Registry,
  type StateStack,
} from 'vscode-textmate';

/**
 * Tokenises text with the grammars in syntaxes/ the way VS Code does (vscode-textmate over the oniguruma
 * wasm), offline: every grammar they include that is not ours (text.html.markdown, source.python, …) is a
 * small stub, so the tests see our rules, not someone else's.
 */

export const SYNTAXES = join(__dirname, '..', '..', 'syntaxes');

export const GRAMMAR_FILES: Record<string, string> = {
  'source.ossature.smd': 'smd.tmLanguage.json',
  'source.ossature.amd': 'amd.tmLanguage.json',
  'source.ossature.vmd': 'vmd.tmLanguage.json',
};

/**
 * Stand-in for VS Code's Markdown grammar: the rules whose precedence matters to ours (headings, lists and
 * one-line paragraphs, with the same begin/while shape as the real grammar) and an `inline` repository.
 */
const MARKDOWN_STUB = {
  scopeName: 'text.html.markdown',
  patterns: [{ include: '#heading' }, { include: '#lists' }, { include: '#paragraph' }],
  repository: {
    heading: {
      match: '^[ ]{0,3}(#{1,6})\\s+(.*)$',
      name: 'markup.heading.markdown stub.markdown-heading',
    },
    lists: {
      begin: '(^|\\G)([ ]{0,3})([*+-])([ \\t])',
      while: '((^|\\G)([ ]{2,4}|\\t))|(^[ \\t]*$)',
      name: 'markup.list.unnumbered.markdown stub.markdown-list',
      patterns: [{ include: '#paragraph' }],
    },
    paragraph: {
      begin: '(^|\\G)[ ]{0,3}(?=[^ \\t\\n])',
      while: '(^|\\G)((?=\\s*[-=]{3,}\\s*$)|[ ]{4,}(?=[^ \\t\\n]))',
      name: 'meta.paragraph.markdown',
      patterns: [{ include: '#inline' }],
    },
    inline: {
      patterns: [
        { match: '(\\*\\*)[^*]+(\\*\\*)', name: 'markup.bold.markdown stub.markdown-bold' },
        { match: '`[^`]+`', name: 'markup.inline.raw.string.markdown' },
      ],
    },
  },
};

/** Any other scope: one token per word, named after the grammar, so a test can tell which one ran. */
function stubGrammar(scopeName: string): object {
  return { scopeName, patterns: [{ match: '[^\\s]+', name: `stub.${scopeName}` }] };
}

function raw(scopeName: string, json: string, path: string): IRawGrammar {
  const grammar = parseRawGrammar(json, path);
  assert.equal(grammar.scopeName, scopeName, `${path} declares scopeName ${grammar.scopeName}`);
  return grammar;
}

let wasm: Promise<void> | undefined;

/** Loads the oniguruma wasm once per process (vscode-oniguruma needs it before any regex is compiled). */
export function loadOniguruma(): Promise<void> {
  wasm ??= (async () => {
    const bytes = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await loadWASM(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  })();
  return wasm;
}

export interface Grammars {
  /** Our grammar for `scopeName` (one of GRAMMAR_FILES). */
  get(scopeName: string): Promise<IGrammar>;
  /** Every scope the registry asked for, ours and stubs. */
  requested: Set<string>;
}

export async function loadGrammars(): Promise<Grammars> {
  await loadOniguruma();
  const requested = new Set<string>();
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new OnigScanner(patterns),
      createOnigString: (s: string) => new OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => {
      requested.add(scopeName);
      const file = GRAMMAR_FILES[scopeName];
      if (file) {
        const path = join(SYNTAXES, file);
        return raw(scopeName, readFileSync(path, 'utf8'), path);
      }
      const stub = scopeName === 'text.html.markdown' ? MARKDOWN_STUB : stubGrammar(scopeName);
      return raw(scopeName, JSON.stringify(stub), `${scopeName}.stub.json`);
    },
  });
  return {
    requested,
    async get(scopeName) {
      const grammar = await registry.loadGrammar(scopeName);
      assert.ok(grammar, `grammar ${scopeName} did not load`);
      return grammar;
    },
  };
}

export interface Token {
  text: string;
  start: number;
  end: number;
  scopes: string[];
}

export interface TokenizedLine {
  text: string;
  tokens: Token[];
  /** CPU milliseconds the line took (CPU time, so a busy machine does not make a line look slow). */
  ms: number;
  stoppedEarly: boolean;
}

export interface Tokenized {
  lines: TokenizedLine[];
  /** The state after the last line, to tokenise what would follow. */
  state: StateStack;
}

/** Tokenises `text` line by line (lines split as VS Code splits them), with a time limit per line. */
export function tokenize(grammar: IGrammar, text: string, timeLimitMs = 1000): Tokenized {
  let state: StateStack = INITIAL;
  const lines: TokenizedLine[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const t0 = process.cpuUsage();
    const result = grammar.tokenizeLine(line, state, timeLimitMs);
    const cpu = process.cpuUsage(t0);
    const ms = (cpu.user + cpu.system) / 1000;
    state = result.ruleStack;
    lines.push({
      text: line,
      ms,
      stoppedEarly: result.stoppedEarly,
      tokens: result.tokens.map((t) => ({
        text: line.slice(t.startIndex, t.endIndex),
        start: t.startIndex,
        end: Math.min(t.endIndex, line.length),
        scopes: t.scopes,
      })),
    });
  }
  return { lines, state };
}

/** True when one of `scopes` is `selector` or starts with `selector.` (TextMate prefix matching). */
export function hasScope(scopes: readonly string[], selector: string): boolean {
  return scopes.some((s) => s === selector || s.startsWith(`${selector}.`));
}

/** The first line containing `lineText`, and the offset of `text` in it (after `lineText`'s start). */
function locate(doc: Tokenized, lineText: string, text: string): { line: TokenizedLine; at: number } {
  const line = doc.lines.find((l) => l.text.includes(lineText));
  assert.ok(line, `no line contains ${JSON.stringify(lineText)}`);
  const from = line.text.indexOf(lineText);
  const at = line.text.indexOf(text, from);
  assert.ok(at !== -1, `${JSON.stringify(text)} is not on the line ${JSON.stringify(line.text)}`);
  return { line, at };
}

/** The tokens covering `text` on the first line containing `lineText`. */
export function tokensOf(doc: Tokenized, lineText: string, text: string): Token[] {
  const { line, at } = locate(doc, lineText, text);
  return line.tokens.filter((t) => t.end > at && t.start < at + text.length);
}

function describe(tokens: Token[]): string {
  return tokens.map((t) => `  ${JSON.stringify(t.text)}: ${t.scopes.slice(1).join(' ')}`).join('\n');
}

/** Asserts that every character of `text` (on the first line containing `lineText`) has `selector`. */
export function assertScope(doc: Tokenized, lineText: string, text: string, selector: string): void {
  const tokens = tokensOf(doc, lineText, text);
  assert.ok(
    tokens.length > 0 && tokens.every((t) => hasScope(t.scopes, selector)),
    `expected ${JSON.stringify(text)} in ${JSON.stringify(lineText)} to be ${selector}, got:\n${describe(tokens)}`,
  );
}

/** Asserts that no character of `text` (on the first line containing `lineText`) has `selector`. */
export function assertNoScope(doc: Tokenized, lineText: string, text: string, selector: string): void {
  const tokens = tokensOf(doc, lineText, text);
  assert.ok(
    tokens.every((t) => !hasScope(t.scopes, selector)),
    `expected ${JSON.stringify(text)} in ${JSON.stringify(lineText)} not to be ${selector}, got:\n${describe(tokens)}`,
  );
}
