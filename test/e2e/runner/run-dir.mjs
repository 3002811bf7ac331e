// A fresh folder per code-server run: user data, extensions, XDG and TMPDIR, and a copy of the corpus project.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** Creates the run folder; `dispose()` removes it. */
export function createRunDir(name) {
  const dir = mkdtempSync(join(tmpdir(), `ossature-e2e-${name}-`));
  const run = {
    dir,
    userData: join(dir, 'ud'),
    extensions: join(dir, 'exts'),
    xdg: join(dir, 'xdg'),
    tmp: join(dir, 't'),
    config: join(dir, 'config.yaml'),
    chrome: join(dir, 'chrome'),
    workspace: join(dir, 'ws', 'markman'),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
  for (const folder of [join(run.userData, 'User'), run.extensions, run.xdg, run.tmp]) {
    mkdirSync(folder, { recursive: true });
  }
  writeFileSync(join(run.userData, 'User', 'settings.json'), `${JSON.stringify(userSettings, null, 2)}\n`);
  cpSync(CORPUS_PROJECT, run.workspace, { recursive: true });
  cpSync(OVERLAY, run.workspace, { recursive: true });
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
