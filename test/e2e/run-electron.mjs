#!/usr/bin/env node
// The same in-host suite on desktop VS Code through @vscode/test-electron, for machines that can download VS Code
// (a developer's laptop, a CI with internet access). Not run here: this project's machines reach only the npm
// registry and Debian's archive, so `npm test` runs the suite in code-server instead (test/e2e/run.mjs).
//   node test/e2e/run-electron.mjs            # VS Code "stable"; VSCODE_VERSION=1.139.1 to pin one
// On a headless Linux box run it under `xvfb-run -a`. Screenshots are skipped (only the code-server runner takes
// them); everything else is asserted the same way.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildSuite } from './build.mjs';
import { ROOT } from './runner/paths.mjs';
import { createRunDir } from './runner/run-dir.mjs';

const bundled = spawnSync(process.execPath, ['esbuild.mjs'], {
  cwd: ROOT,
  stdio: 'inherit',
  timeout: 120_000,
});
if (bundled.status !== 0) process.exit(1);
const suiteBundle = await buildSuite();
// The same fresh copy of the corpus project (with the broken spec) and user settings as in code-server.
const run = createRunDir('electron');
let exitCode = 1;
try {
  exitCode = await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: suiteBundle,
    extensionTestsEnv: { E2E_OUT_DIR: '', E2E_USER_DATA_DIR: run.userData },
    launchArgs: [
      run.workspace,
      `--user-data-dir=${run.userData}`,
      `--extensions-dir=${join(run.dir, 'exts')}`,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
    ],
  });
} catch (error) {
  console.error(`The suite failed: ${error?.message ?? error}`);
} finally {
  run.dispose();
}
process.exit(exitCode);
