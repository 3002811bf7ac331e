// Stages "ui" and "vsix": a person's view of the workbench. Opens the corpus copy with the broken spec and
// checks, in the DOM, that the error squiggle and the Problems row appear; takes screenshots along the way.
// "ui" loads the extension from the repository; "vsix" installs the packaged .vsix and loads nothing else. Both
// end with the bundled example project built against the offline scripted model (ui-example.mjs).
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, saveScreenshot, workbenchUrl } from './browser.mjs';
import { installExtension, startCodeServer } from './code-server.mjs';
import { loadOfflineModel } from './offline-model.mjs';
import { Checks, StoppedError } from './outcome.mjs';
import { ARTIFACTS, BROKEN_SPEC, OVERLAY, ROOT } from './paths.mjs';
import { createRunDir } from './run-dir.mjs';
import { exampleChecks, exampleSetup } from './ui-example.mjs';

/** Where the deliberate mistake is: 1-based line and column of `STORAG]` in the broken spec, found by text. */
function mistakePosition() {
  const lines = readFileSync(join(OVERLAY, BROKEN_SPEC), 'utf8').split('\n');
  const line = lines.findIndex((text) => text.includes('STORAG]'));
  return { line: line + 1, column: lines[line].indexOf('STORAG]') + 1 };
}

/**
 * Opens the Testing view, expands the trio project and its CORE spec down to the task rows, and opens task 001
 * from its row: plan.toml shows at the `[[task]]` line with the Testing run icon in the gutter.
 */
async function showTestingTasks(page, timeoutMs) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type('Testing: Focus on Test Explorer View');
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: 'Focus on Test Explorer View' })
    .first()
    .waitFor({ timeout: timeoutMs });
  await page.keyboard.press('Enter');
  const row = (text) => page.locator('.test-explorer .monaco-list-row', { hasText: text }).first();
  for (const parent of ['trio', 'CORE']) {
    await row(parent).waitFor({ state: 'visible', timeout: timeoutMs });
    if ((await row(parent).getAttribute('aria-expanded')) !== 'true') {
      await row(parent).click();
      await page.keyboard.press('ArrowRight');
    }
  }
  const task = row('Core add module');
  await task.waitFor({ state: 'visible', timeout: timeoutMs });
  await task.dblclick();
  await page
    .locator('.monaco-editor .view-lines', { hasText: 'Core add module' })
    .first()
    .waitFor({ timeout: timeoutMs });
  await page.locator('.monaco-editor .testing-run-glyph').first().waitFor({ timeout: timeoutMs });
}

/**
 * @param {{ name: 'ui' | 'vsix', vsix?: string, checkInstalled?: (folder: string) => void, timeoutMs?: number }} options
 * @returns {Promise<{ passed: number, failed: number, skipped: number }>}
 */
export async function runUi({ name, vsix, checkInstalled, timeoutMs = 60_000 }) {
  const out = join(ARTIFACTS, name);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  // Runs of the example (ui-example.mjs) go to the offline scripted model, started here.
  const offline = await (
    await loadOfflineModel(join(ROOT, 'out', 'e2e', 'offline-model.js'))
  ).startOfflineModel({
    latencyMs: 300,
  });
  const example = exampleSetup(offline.url);
  const run = createRunDir(name, { settings: example.settings });
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
        env: example.env,
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
    await checks.run(
      'the Testing view lists the plan’s tasks; a task opens on its [[task]] line with a run icon',
      async () => {
        await showTestingTasks(page, timeoutMs);
        await saveScreenshot(page, join(out, `${name}-testing.png`));
      },
    );
    await exampleChecks({
      page,
      server,
      run,
      checks,
      out,
      name,
      offlineUrl: offline.url,
      developmentPath: !vsix,
      timeoutMs,
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
    await offline.close();
    run.dispose();
  }
  return checks.counts;
}
