// The in-host test suite: VS Code loads this bundle (out/e2e/suite.js) as `extensionTestsPath` and calls
// `run()`, the contract of @vscode/test-electron. It runs in code-server here (test/e2e/run.mjs) and in desktop
// VS Code wherever one can be downloaded (test/e2e/run-electron.mjs).
import Mocha from 'mocha';
import { activationTests } from './activation.test';
import { codeLensTests } from './code-lens.test';
import { commandsTests } from './commands.test';
import { definitionTests } from './definition.test';
import { diagnosticsTests } from './diagnostics.test';
import { hoverTests } from './hover.test';
import { renameTests } from './rename.test';
import { reviewTests } from './review.test';
import { runsTests } from './runs.test';
import { testingTests } from './testing.test';

const suiteStartMarker = '__E2E_SUITE_START__';

/** In order: rename edits the workspace, so it runs last; runs ends by checking no file holds the API key. */
const suites = [
  activationTests,
  diagnosticsTests,
  hoverTests,
  definitionTests,
  codeLensTests,
  commandsTests,
  testingTests,
  reviewTests,
  runsTests,
  renameTests,
];

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false, timeout: 60_000 });
  // Binds suite()/test() for the modules below, as mocha does before it loads test files.
  mocha.suite.emit('pre-require', globalThis, 'ossature-e2e', mocha);
  for (const define of suites) define();
  // Tells the runner that what follows is mocha's report (before it: the workbench's own console).
  console.log(suiteStartMarker);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
