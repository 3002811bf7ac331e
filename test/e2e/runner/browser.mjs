// Debian chromium driven by playwright-core (from the tool folder; it downloads no browser).
import { renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CHROMIUM, PLAYWRIGHT } from './paths.mjs';

export async function launchBrowser(run) {
  const { chromium } = createRequire(import.meta.url)(PLAYWRIGHT);
  const context = await chromium.launchPersistentContext(run.chrome, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    // Otherwise crashpad writes into ~/.config/chromium.
    env: { ...process.env, XDG_CONFIG_HOME: `${run.dir}/xdg-chrome` },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/** The workbench URL for `folder`, with the workbench's `payload` pairs (paths as remote URIs). */
export function workbenchUrl(server, folder, payload) {
  const query = new URLSearchParams({ folder });
  if (payload.length > 0) query.set('payload', JSON.stringify(payload));
  return `${server.url}/?${query}`;
}

/** Writes the screenshot under a temporary name first: a waiting test sees the file only when complete. */
export async function saveScreenshot(page, file) {
  await page.screenshot({ path: `${file}.part.png` });
  renameSync(`${file}.part.png`, file);
  return file;
}
