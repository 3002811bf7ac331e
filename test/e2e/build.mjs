// Bundles the in-host suite (suite/index.ts, with mocha) into out/e2e/suite.js for `extensionTestsPath`.
// `vscode` stays external: the extension host provides it.
import { resolve } from 'node:path';
import * as esbuild from 'esbuild';

const root = resolve(import.meta.dirname, '..', '..');
export const suiteBundle = resolve(root, 'out', 'e2e', 'suite.js');

export async function buildSuite() {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['test/e2e/suite/index.ts'],
    outfile: suiteBundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode'],
    logLevel: 'warning',
    // mocha's parallel mode (unused here) resolves worker files at run time.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  return suiteBundle;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await buildSuite());
}
