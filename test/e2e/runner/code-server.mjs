// Starts code-server (VS Code 1.139.1 on Node 24) in its own process group, isolated in a run folder.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { CODE_SERVER, NODE24 } from './paths.mjs';
import { freePort } from './run-dir.mjs';

/** Every group still running, killed on exit whatever happens. */
const live = new Set();
process.once('exit', () => {
  for (const pid of live) killGroup(pid, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    for (const pid of live) killGroup(pid, 'SIGKILL');
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

/** The environment without what an outer `npm test` exported (npm_*: its config, its Node 20 user agent). */
function ownEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
}

function isolatedEnv(run, extra = {}) {
  return {
    ...ownEnv(),
    EXTENSIONS_GALLERY: '{}',
    XDG_CONFIG_HOME: run.xdg,
    XDG_DATA_HOME: run.xdg,
    TMPDIR: run.tmp,
    ...extra,
  };
}

function commonArgs(run) {
  return ['--config', run.config, '--user-data-dir', run.userData, '--extensions-dir', run.extensions];
}

/** `code-server --install-extension <vsix>` into the run's extensions folder (about 1 s). */
export function installExtension(run, vsix) {
  const result = spawnSync(NODE24, [CODE_SERVER, ...commonArgs(run), '--install-extension', vsix], {
    env: isolatedEnv(run),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(
      `--install-extension failed (${result.status ?? result.signal}): ${result.stderr}${result.stdout}`,
    );
  }
  return result.stdout.trim();
}

/**
 * Starts the server and resolves once GET /healthz answers 200.
 * @param {{ env?: Record<string,string>, logFile: string, smokeTestDriver?: boolean }} options
 */
export async function startCodeServer(run, { env, logFile, smokeTestDriver = true }) {
  const port = await freePort();
  const args = [
    CODE_SERVER,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    ...commonArgs(run),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
  ];
  // The smoke-test driver makes the built workbench honour extensionDevelopmentPath/extensionTestsPath.
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const log = openSync(logFile, 'a');
  const child = spawn(NODE24, args, {
    env: isolatedEnv(run, env),
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  live.add(child.pid);
  let exited = null;
  child.once('exit', (code, signal) => {
    exited = `code-server exited (${code ?? signal}); see ${logFile}`;
  });
  const url = `http://127.0.0.1:${port}`;
  const server = {
    port,
    url,
    /** A path on this machine as the workbench's remote URI. */
    remote: (path) => `vscode-remote://127.0.0.1:${port}${path}`,
    stop: () => stopGroup(child),
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(exited);
    if (await healthy(url)) return server;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await server.stop();
  throw new Error(`code-server did not answer /healthz within 30 s; see ${logFile}`);
}

async function healthy(url) {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // the group is gone
  }
}

/** TERM the whole group (server, extension host, language server, watchers), KILL it 500 ms later. */
async function stopGroup(child) {
  if (!live.has(child.pid)) return;
  killGroup(child.pid, 'SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 500));
  killGroup(child.pid, 'SIGKILL');
  live.delete(child.pid);
}
