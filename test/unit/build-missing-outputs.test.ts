import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { missingOutputs } from '../../shared/src/build/missing-outputs';
import { makeProject } from '../support/project';

test('declared outputs that do not exist are listed in order; wildcard outputs are not checked', () => {
  const root = makeProject({ 'out/src/lib.rs': '', 'out/assets/logo.png': '', 'out/docs/.keep': '' });
  try {
    const out = join(root, 'out');
    const outputs = ['src/lib.rs', 'src/parser.rs', 'assets/**/*.svg', 'docs', 'Cargo.toml', 'assets/*'];
    assert.deepEqual(missingOutputs(outputs, out), ['src/parser.rs', 'Cargo.toml']);
    assert.deepEqual(missingOutputs(['src/lib.rs'], out), []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
