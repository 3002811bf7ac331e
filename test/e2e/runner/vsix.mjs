// Stage "vsix": packages the extension with `vsce package` (on Node 24, as vsce 4 needs), checks what the
// package holds, then installs it into a fresh code-server and checks it activates (the "ui" checks).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Checks } from './outcome.mjs';
import { NODE24, ROOT, VSCE } from './paths.mjs';
import { runUi } from './ui.mjs';

/** Everything the installed extension folder may hold (code-server adds .vsixmanifest). */
const allowed = [
  /^\.vsixmanifest$/,
  /^package\.json$/,
  /^readme\.md$/i,
  /^license(\.\w+)?$/i,
  /^changelog\.md$/i,
  /^dist\/(client|server|cli)\.js$/,
  /^syntaxes\/[\w.-]+\.json$/,
  /^schemas\/(ossature|plan)\.schema\.json$/,
  /^media\/walkthrough\/[\w.-]+\.md$/,
];

function vsce(args) {
  const result = spawnSync(NODE24, [VSCE, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 180_000,
    // vsce runs `npm run vscode:prepublish`: that npm must find Node 24 first too.
    env: { ...process.env, PATH: `${dirname(NODE24)}:${process.env.PATH}` },
  });
  if (result.status !== 0) {
    throw new Error(
      `vsce ${args[0]} failed (${result.status ?? result.signal}):\n${result.stderr}${result.stdout}`,
    );
  }
  return result.stdout;
}

// Bundled: no runtime node_modules. Not published: no repository URL or LICENSE needed, README links stay as is.
const packageFlags = [
  '--no-dependencies',
  '--allow-missing-repository',
  '--skip-license',
  '--no-rewrite-relative-links',
];

function listFiles(dir, prefix = '') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  );
}

/** The package carries the bundles, grammars and manifest, and no node_modules, sources, tests or maps. */
function checkInstalled(folder) {
  const files = listFiles(folder);
  const stray = files.filter((file) => !allowed.some((pattern) => pattern.test(file)));
  if (stray.length > 0) throw new Error(`unexpected files in the .vsix: ${stray.join(', ')}`);
  const lower = files.map((file) => file.toLowerCase());
  const required = ['package.json', 'readme.md', 'dist/client.js', 'dist/server.js', 'dist/cli.js'];
  for (const file of [...required, 'schemas/ossature.schema.json', 'schemas/plan.schema.json']) {
    if (!lower.includes(file)) throw new Error(`the .vsix lacks ${file}`);
  }
}

/**
 * `vsce package` into `<folder>/ossature-vscode-<version>.vsix` (its `vscode:prepublish` writes minified
 * bundles; the development ones, with source maps, are put back after). Also used by `npm run demo`.
 * @returns {string} the .vsix path
 */
export function packageVsix(folder) {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const vsix = join(folder, `ossature-vscode-${version}.vsix`);
  mkdirSync(dirname(vsix), { recursive: true });
  try {
    vsce(['package', ...packageFlags, '--out', vsix]);
  } finally {
    spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit', timeout: 120_000 });
  }
  return vsix;
}

/** @returns {Promise<{ passed: number, failed: number, skipped: number }>} */
export async function runVsix() {
  let vsix;
  const checks = new Checks();
  const packaged = await checks.run('vsce package builds the .vsix', async () => {
    vsix = packageVsix(join(ROOT, 'out', 'e2e'));
    console.log(`    ${vsix} (${Math.round(statSync(vsix).size / 1024)} KB)`);
  });
  if (!packaged) return checks.counts;
  const ui = await runUi({ name: 'vsix', vsix, checkInstalled });
  const own = checks.counts;
  return { passed: own.passed + ui.passed, failed: own.failed + ui.failed, skipped: 0 };
}
