// Part of the stages "ui" and "vsix": what `npm run demo` shows, on a copy of examples/todo audited by the CLI
// against the offline scripted model. Checks in the DOM, with a screenshot each (README images come from these):
// the plan's CodeLens (`<stage>-plan-codelens.png`), "Ossature: Build" from the palette with its progress in the
// status bar mid-build (`<stage>-status-bar.png`) until it reaches its end, and the Testing view after it
// (`<stage>-example-testing.png`).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { saveScreenshot, workbenchUrl } from './browser.mjs';
import { OFFLINE_DEMO_KEY } from './offline-model.mjs';
import { ROOT } from './paths.mjs';

const EXAMPLE_TASKS = 6;

/**
 * The settings and code-server environment the example needs, for createRunDir / startCodeServer: runs go to the
 * offline model at `offlineUrl` with the demo key, without the cost question, labelled "offline demo model".
 */
export function exampleSetup(offlineUrl) {
  return {
    settings: {
      'ossature.model.baseUrl': offlineUrl,
      'ossature.demo.offlineModel': true,
      'ossature.runs.confirmCost': false,
    },
    env: { ANTHROPIC_API_KEY: OFFLINE_DEMO_KEY },
  };
}

/**
 * Copies examples/todo into the run folder and audits it with the CLI (the plan the screenshots show). The CLI
 * runs asynchronously: the offline model answering it lives in this process.
 */
async function auditedExample(run, offlineUrl) {
  const folder = join(run.dir, 'ws', 'todo');
  cpSync(join(ROOT, 'examples', 'todo'), folder, { recursive: true });
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'audit'], {
    cwd: folder,
    env: {
      ...process.env,
      NO_COLOR: '1',
      ANTHROPIC_API_KEY: OFFLINE_DEMO_KEY,
      ANTHROPIC_BASE_URL: offlineUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  let output = '';
  child.stdout.on('data', (data) => (output += data));
  child.stderr.on('data', (data) => (output += data));
  const [code] = await once(child, 'close');
  if (code !== 0) throw new Error(`ossature audit of examples/todo failed (${code}):\n${output}`);
  return folder;
}

async function runFromPalette(page, title, timeoutMs) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await page.keyboard.type(title);
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${title}$`) }) })
    .first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  await row.click();
}

/**
 * Runs the checks on an open page of `server` (the stage's code-server, started with exampleSetup()).
 * @param {{ page: import('playwright-core').Page, server: { remote(path: string): string },
 *   run: { dir: string }, checks: { run(name: string, check: () => Promise<void>): Promise<boolean> },
 *   out: string, name: string, offlineUrl: string, developmentPath: boolean, timeoutMs: number }} options
 */
export async function exampleChecks({
  page,
  server,
  run,
  checks,
  out,
  name,
  offlineUrl,
  developmentPath,
  timeoutMs,
}) {
  let opened = false;
  await checks.run('examples/todo, audited by the offline model, opens with its plan', async () => {
    const folder = await auditedExample(run, offlineUrl);
    const payload = [
      ['skipWelcome', 'true'],
      ['openFile', server.remote(join(folder, '.ossature', 'plan.toml'))],
    ];
    if (developmentPath) payload.unshift(['extensionDevelopmentPath', server.remote(ROOT)]);
    await page.goto(workbenchUrl(server, folder, payload));
    await page
      .locator('.monaco-editor .view-lines', { hasText: 'Write the store error type' })
      .first()
      .waitFor({
        timeout: timeoutMs,
      });
    opened = true;
  });
  if (!opened) return;
  await checks.run(
    'the plan shows CodeLens: Validate · Audit · Build · Status on top, Run on each task',
    async () => {
      const lens = (text) => page.locator('.monaco-editor .codelens-decoration', { hasText: text }).first();
      for (const text of ['Validate', 'Build', 'Status', 'Run'])
        await lens(text).waitFor({ timeout: timeoutMs });
      await saveScreenshot(page, join(out, `${name}-plan-codelens.png`));
    },
  );
  let built = false;
  await checks.run(
    `"Ossature: Build" from the palette shows its progress in the status bar and reaches ${EXAMPLE_TASKS}/${EXAMPLE_TASKS}`,
    async () => {
      await runFromPalette(page, 'Ossature: Build', timeoutMs);
      const status = (pattern) => page.locator('.statusbar-item', { hasText: pattern }).first();
      // Mid-build: half the tasks started, not all of them done yet.
      const half = Math.ceil(EXAMPLE_TASKS / 2);
      await status(new RegExp(`Build [${half}-${EXAMPLE_TASKS - 1}]/${EXAMPLE_TASKS}`)).waitFor({
        timeout: 2 * timeoutMs,
      });
      await saveScreenshot(page, join(out, `${name}-status-bar.png`));
      await status(new RegExp(`${EXAMPLE_TASKS}/${EXAMPLE_TASKS}`)).waitFor({ timeout: 4 * timeoutMs });
      built = true;
    },
  );
  if (!built) return;
  await checks.run(
    'the Testing view shows the example’s specs and tasks passed after the build',
    async () => {
      await runFromPalette(page, 'Testing: Focus on Test Explorer View', timeoutMs);
      const row = (text) => page.locator('.test-explorer .monaco-list-row', { hasText: text }).first();
      for (const parent of ['todo', 'TODO_STORE', 'TODO_CLI']) {
        await row(parent).waitFor({ state: 'visible', timeout: timeoutMs });
        if ((await row(parent).getAttribute('aria-expanded')) !== 'true') {
          await row(parent).click();
          await page.keyboard.press('ArrowRight');
        }
      }
      await row('Implement the todo command').waitFor({ state: 'visible', timeout: timeoutMs });
      await saveScreenshot(page, join(out, `${name}-example-testing.png`));
    },
  );
}
