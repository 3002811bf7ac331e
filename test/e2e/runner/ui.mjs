// Stages "ui" and "vsix": a person's view of the workbench. Opens the corpus copy with the broken spec and
// checks, in the DOM, that the error squiggle and the Problems row appear; takes screenshots along the way.
// "ui" loads the extension from the repository; "vsix" installs the packaged .vsix and loads nothing else.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, saveScreenshot, workbenchUrl } from './browser.mjs';
import { installExtension, startCodeServer } from './code-server.mjs';
import { Checks, StoppedError } from './outcome.mjs';
import { ARTIFACTS, BROKEN_SPEC, OVERLAY, ROOT } from './paths.mjs';
import { createRunDir } from './run-dir.mjs';

/** Where the deliberate mistake is: 1-based line and column of `STORAG]` in the broken spec, found by text. */
function mistakePosition() {
  const lines = readFileSync(join(OVERLAY, BROKEN_SPEC), 'utf8').split('\n');
  const line = lines.findIndex((text) => text.includes('STORAG]'));
  return { line: line + 1, column: lines[line].indexOf('STORAG]') + 1 };
}

/**
 * @param {{ name: 'ui' | 'vsix', vsix?: string, checkInstalled?: (folder: string) => void, timeoutMs?: number }} options
 * @returns {Promise<{ passed: number, failed: number, skipped: number }>}
 */
export async function runUi({ name, vsix, checkInstalled, timeoutMs = 60_000 }) {
  const out = join(ARTIFACTS, name);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const run = createRunDir(name);
  const checks = new Checks();
  const step = (title, check) => checks.run(title, check, { stopOnFailure: true });
  let server;
  let browser;
  let installed;
  try {
    if (vsix) {
      await step('the .vsix installs into code-server', async () => {
        const output = installExtension(run, vsix);
        const { publisher, name: id, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
        const folder = join(run.extensions, `${publisher}.${id}-${version}`);
        if (!/successfully installed/.test(output) || !existsSync(join(folder, 'package.json'))) {
          throw new Error(`${folder} is missing after: ${output}`);
        }
        installed = folder;
      });
      if (checkInstalled)
        await checks.run('the installed extension holds only what it runs', () => checkInstalled(installed));
    }
    await step('code-server starts', async () => {
      server = await startCodeServer(run, {
        logFile: join(out, 'code-server.log'),
        // With the .vsix nothing needs the smoke-test driver: this is the workbench a user gets.
        smokeTestDriver: !vsix,
      });
    });
    browser = await launchBrowser(run);
    const { page } = browser;
    const payload = [
      ['skipWelcome', 'true'],
      ['openFile', server.remote(join(run.workspace, BROKEN_SPEC))],
    ];
    if (!vsix) payload.unshift(['extensionDevelopmentPath', server.remote(ROOT)]);
    await page.goto(workbenchUrl(server, run.workspace, payload));

    await step('the workbench loads with the broken spec open', async () => {
      await page.waitForSelector('.monaco-workbench', { timeout: timeoutMs });
      await page.waitForSelector('.monaco-editor .view-lines', { timeout: timeoutMs });
    });
    await step('the unknown dependency is underlined as an error', async () => {
      await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: timeoutMs });
      await saveScreenshot(page, join(out, `${name}-squiggles.png`));
    });
    const { line, column } = mistakePosition();
    await checks.run('the hover on the squiggle shows the OSS400 message', async () => {
      // force: the squiggle is drawn under the text layer, which takes the pointer events.
      await page.hover('.monaco-editor .squiggly-error', { force: true });
      const hover = page.locator('.monaco-hover', { hasText: 'OSS400' }).first();
      await hover.waitFor({ state: 'visible', timeout: timeoutMs });
      await saveScreenshot(page, join(out, `${name}-hover.png`));
      await page.keyboard.press('Escape');
    });
    await checks.run(`the Problems view lists OSS400 at [Ln ${line}, Col ${column}]`, async () => {
      await page.keyboard.press('Control+Shift+M');
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'OSS400' }).first();
      await row.waitFor({ state: 'visible', timeout: timeoutMs });
      const text = ((await row.textContent()) ?? '').replace(/\s+/g, ' ');
      await saveScreenshot(page, join(out, `${name}-problems.png`));
      for (const expected of ['STORAG', `[Ln ${line}, Col ${column}]`]) {
        if (!text.includes(expected)) throw new Error(`row "${text}" does not contain "${expected}"`);
      }
    });
  } catch (error) {
    if (!(error instanceof StoppedError)) {
      checks.results.push({ name: 'the stage ran to its end', ok: false, error });
      console.log(`  ✘ ${error?.stack ?? error}`);
    }
    if (browser) await saveScreenshot(browser.page, join(out, `${name}-failure.png`)).catch(() => {});
  } finally {
    await browser?.context.close().catch(() => {});
    await server?.stop();
    run.dispose();
  }
  return checks.counts;
}
