import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  inferredInterfaceFile,
  interfaceFromAmds,
  interfaceInferenceUserPrompt,
  planInterfaces,
} from '../../shared/src/audit/interfaces';
import { renderSmd } from '../../shared/src/parse/render-smd';
import { loadCorpusProject } from '../support/audit/corpus-project';

/*
 * The corpus interface files cannot be compared byte for byte: spenny's EXPENSE_TRACKER.md is the build-time
 * extraction (`@source: build`, written by a model after the build), and markman has no AMDs (its files are
 * `@source: llm`). The deterministic AMD file is checked for its layout and for carrying the AMD's code.
 */

test('spenny: the interface from the AMD has every component with path, description and its code', () => {
  const project = loadCorpusProject('spenny');
  const amds = project.workspace.index.amdsBySpec.get('EXPENSE_TRACKER')!;
  const text = interfaceFromAmds('EXPENSE_TRACKER', amds, 'python');
  assert.ok(
    text.startsWith('# Interface: EXPENSE_TRACKER\n\n@source: amd\n\n## Components\n\n### Storage\n\n'),
  );
  assert.ok(text.includes('**Path:** `src/spenny/storage.py`\n\nHandles reading and writing'));
  for (const component of amds[0]!.components) {
    assert.ok(text.includes(`\`\`\`python\n${component.interface}\n\`\`\`\n`), component.name);
  }
  assert.ok(text.includes('**Depends on:** Core, Storage\n'));
  assert.ok(text.includes('## Data Models\n\n### expenses.json\n\n```json\n{\n  "next_id": 4,'));
  // The build-time file of the original names the same component paths in the same order.
  const built = project.read('context', 'interfaces', 'EXPENSE_TRACKER.md');
  const paths = (s: string, re: RegExp) => [...s.matchAll(re)].map((m) => m[1]);
  assert.deepEqual(paths(text, /\*\*Path:\*\* `([^`]+)`/g), paths(built, /^## (src\/\S+)$/gm));
});

test('yep: contracts are listed after the interface; the fence is long enough for the code', () => {
  const project = loadCorpusProject('yep');
  const text = interfaceFromAmds('YEP', project.workspace.index.amdsBySpec.get('YEP')!, 'rust');
  const main = text.slice(text.indexOf('### Main'), text.indexOf('### OutputLoop'));
  assert.match(
    main,
    /```rust\nfn main\(\) -> ExitCode\nfn parse_args\(\) -> Result<String, ArgError>\n```\n\n/,
  );
  assert.ok(main.includes('**Contracts:**\n\n- main returns ExitCode::SUCCESS (0)'));
  assert.ok(main.indexOf('**Contracts:**') < main.indexOf('**Depends on:** OutputLoop'));
  assert.equal((text.match(/\*\*Contracts:\*\*/g) ?? []).length, 2);
});

test('interface inference: the rendered SMD plus the interfaces of its dependencies', () => {
  const project = loadCorpusProject('markman');
  const cli = project.workspace.index.smdById.get('CLI')![0]!;
  assert.equal(interfaceInferenceUserPrompt(cli), renderSmd(cli));
  const withDeps = interfaceInferenceUserPrompt(
    cli,
    new Map([['STORAGE', '# Interface: STORAGE\n\nfn x()']]),
  );
  assert.ok(withDeps.startsWith(`${renderSmd(cli)}\n\n---\n\n## Dependency Interfaces\n\n`));
  assert.ok(withDeps.endsWith('# Interface: STORAGE\n\nfn x()\n'));
  assert.equal(inferredInterfaceFile('CLI', 'body'), '# Interface: CLI\n\n@source: llm\n\nbody');
});

test('the propagation set: audited + missing, plus SMD-only dependents, in level order', () => {
  const levels = [['DB'], ['API', 'AUTH'], ['FRONTEND']];
  const depends = new Map([
    ['DB', []],
    ['API', ['DB']],
    ['AUTH', ['DB']],
    ['FRONTEND', ['API']],
  ]);
  const plan = (amdBacked: string[], audited: string[], missing: string[] = []) =>
    planInterfaces({ levels, depends, amdBacked: new Set(amdBacked), audited, missing }).map(
      (s) => `${s.specId}:${s.source}`,
    );
  assert.deepEqual(plan([], ['DB']), ['DB:llm', 'API:llm', 'AUTH:llm', 'FRONTEND:llm']);
  assert.deepEqual(plan(['API'], ['DB']), ['DB:llm', 'AUTH:llm']);
  assert.deepEqual(plan(['DB'], [], ['API']), ['API:llm', 'FRONTEND:llm']);
  assert.deepEqual(plan(['FRONTEND'], ['API']), ['API:llm']);
  assert.deepEqual(plan([], []), []);
});
