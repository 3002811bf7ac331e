import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCrossSpecInput } from '../../shared/src/audit/cross-spec-input';
import { parseAmd } from '../../shared/src/parse/amd';
import { parseSmd } from '../../shared/src/parse/smd';
import { loadCorpusProject } from '../support/audit/corpus-project';
import { validSmd } from '../support/project';

test('markman: the cross-spec input equals the original audits/cross-spec/prompt.md byte for byte', () => {
  const project = loadCorpusProject('markman');
  const entries = project.specOrder.map((id) => ({
    smd: project.workspace.index.smdById.get(id)![0]!,
    amds: project.workspace.index.amdsBySpec.get(id) ?? [],
  }));
  assert.equal(buildCrossSpecInput(entries), project.read('audits', 'cross-spec', 'prompt.md'));
});

test('AMD-backed specs list components with indented code, contracts, data models and dependencies', () => {
  const smd = parseSmd(validSmd('CORE'), '/p/specs/core.smd').spec;
  const amd = parseAmd(
    [
      '---',
      'spec: CORE',
      'status: draft',
      '---',
      '# Architecture: Core',
      '',
      '## Overview',
      '',
      'Core.',
      '',
      '## Components',
      '',
      '### Store',
      '',
      '@path: src/store.py',
      '',
      'Keeps data.',
      '',
      '**Interface:**',
      '',
      '```python',
      'def load() -> Data: ...',
      'def save(d: Data) -> None: ...',
      '```',
      '',
      '**Contracts:**',
      '',
      '- save writes atomically',
      '',
      '**Depends on:** Clock',
      '',
      '## Data Models',
      '',
      '### Data',
      '',
      '```python',
      'class Data: ...',
      '```',
      '',
      '## Dependencies',
      '',
      '- json: encoding',
      '',
    ].join('\n'),
    '/p/specs/core.amd',
  ).spec;
  const text = buildCrossSpecInput([{ smd, amds: [amd] }]);
  assert.ok(
    text.startsWith('## Spec Dependency Graph\n\n- CORE: depends on [(none)]\n\n## Spec Summaries\n\n'),
  );
  const tail = text.slice(text.indexOf('**Components:**'));
  assert.equal(
    tail,
    [
      '**Components:**',
      '- Store: Keeps data. [depends: Clock]',
      '  ```python',
      '  def load() -> Data: ...',
      '  def save(d: Data) -> None: ...',
      '  ```',
      '  **Contracts:**',
      '  - save writes atomically',
      '',
      '**Data Models:**',
      '- Data',
      '  ```python',
      '  class Data: ...',
      '  ```',
      '',
      '**External Dependencies:**',
      '- json: encoding',
      '',
    ].join('\n'),
  );
});
