// Stage "inhost": code-server loads the extension from the repository (extensionDevelopmentPath) and runs the
// bundled mocha suite inside its extension host (extensionTestsPath), as @vscode/test-electron does on desktop.
import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { format, stripVTControlCharacters } from 'node:util';
import { launchBrowser, saveScreenshot, workbenchUrl } from './browser.mjs';
import { startCodeServer } from './code-server.mjs';
import { mochaCounts, withTimeout } from './outcome.mjs';
import { ARTIFACTS, ROOT } from './paths.mjs';
import { createRunDir } from './run-dir.mjs';

const SCREENSHOT_MARKER = '__E2E_SCREENSHOT__:';
const SUITE_START_MARKER = '__E2E_SUITE_START__';

/** @returns {Promise<{ passed: number, failed: number, skipped: number, exitCode: number }>} */
export async function runInHost({ suiteBundle, timeoutMs = 300_000 }) {
  const out = join(ARTIFACTS, 'inhost');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const run = createRunDir('inhost');
  let server;
  let browser;
  const lines = [];
  const hostLog = join(out, 'extension-host.log');
  let started = false;
  try {
    // E2E_USER_DATA_DIR: the runs suite checks that no file of the user data holds the test API key.
    server = await startCodeServer(run, {
      env: { E2E_OUT_DIR: out, E2E_USER_DATA_DIR: run.userData },
      logFile: join(out, 'code-server.log'),
    });
    browser = await launchBrowser(run);
    const { page } = browser;
    let onExit;
    const exited = new Promise((resolve) => {
      onExit = resolve;
    });
    await page.exposeFunction('codeAutomationExit', (code) => onExit(Number(code)));
    await page.exposeFunction('codeAutomationLog', async (_level, args) => {
      // Colour codes out: mocha colours its report when it thinks it runs in CI (CI=true).
      const line = stripVTControlCharacters(Array.isArray(args) ? format(...args) : format(args));
      if (line.startsWith(SCREENSHOT_MARKER)) {
        const name = line
          .slice(SCREENSHOT_MARKER.length)
          .trim()
          .replace(/[^\w.-]/g, '_');
        const file = await saveScreenshot(page, join(out, `${name}.png`));
        console.log(`    [screenshot] ${file}`);
        return;
      }
      appendFileSync(hostLog, `${line}\n`);
      if (line.startsWith(SUITE_START_MARKER)) {
        started = true;
        return;
      }
      // Before the suite starts the console holds the workbench's own chatter: it stays in the log file.
      if (!started) return;
      lines.push(...line.split('\n'));
      console.log(line.replace(/^/gm, '    │ '));
    });
    const url = workbenchUrl(server, run.workspace, [
      ['extensionDevelopmentPath', server.remote(ROOT)],
      ['extensionTestsPath', server.remote(suiteBundle)],
      ['skipWelcome', 'true'],
    ]);
    await page.goto(url);
    let exitCode;
    try {
      exitCode = await withTimeout(exited, timeoutMs, 'the in-host suite did not report an exit code');
    } catch (error) {
      await saveScreenshot(page, join(out, 'timeout.png')).catch(() => {});
      throw new Error(`${error.message}; the extension host's console is in ${hostLog}`);
    }
    const counts = mochaCounts(lines);
    // An exit code of 1 with no failing test counted (e.g. the suite did not load) still fails the stage.
    if (exitCode !== 0 && counts.failed === 0) {
      console.log(`  ✘ the suite exited with ${exitCode} before mocha reported; see ${hostLog}`);
      counts.failed = 1;
    }
    return { ...counts, exitCode };
  } finally {
    await browser?.context.close().catch(() => {});
    await server?.stop();
    run.dispose();
  }
}
