// A fresh folder per code-server run: user data, extensions, XDG and TMPDIR, and a copy of a project (default:
// the corpus project with the e2e overlay).
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { CORPUS_PROJECT, OVERLAY } from './paths.mjs';

const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/**
 * Creates the run folder; `dispose()` removes it. By default the workspace is a copy of the markman corpus
 * project with the e2e overlay; `project` / `overlay` (null: none) choose others, `settings` adds user settings.
 * @param {string} name
 * @param {{ project?: string, overlay?: string | null, settings?: Record<string, unknown> }} [options]
 */
export function createRunDir(name, { project = CORPUS_PROJECT, overlay = OVERLAY, settings = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), `ossature-e2e-${name}-`));
  const run = {
    dir,
    userData: join(dir, 'ud'),
    extensions: join(dir, 'exts'),
    xdg: join(dir, 'xdg'),
    tmp: join(dir, 't'),
    config: join(dir, 'config.yaml'),
    chrome: join(dir, 'chrome'),
    workspace: join(dir, 'ws', basename(project)),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
  for (const folder of [join(run.userData, 'User'), run.extensions, run.xdg, run.tmp]) {
    mkdirSync(folder, { recursive: true });
  }
  const all = { ...userSettings, ...settings };
  writeFileSync(join(run.userData, 'User', 'settings.json'), `${JSON.stringify(all, null, 2)}\n`);
  cpSync(project, run.workspace, { recursive: true });
  if (overlay) cpSync(overlay, run.workspace, { recursive: true });
  return run;
}

/** A free loopback port: listen on port 0, read it, close. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
