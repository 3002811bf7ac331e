// One script, three bundles: the VS Code client, the language server and the CLI.
// `bundleOptions()` is also imported by bench/extension-bench.mjs, which builds the same bundles elsewhere.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

/**
 * The esbuild options of the three bundles; `outdir` replaces `dist`.
 * @returns {import('esbuild').BuildOptions[]}
 */
export function bundleOptions({ production = false, outdir = 'dist' } = {}) {
  /** @type {import('esbuild').BuildOptions} */
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
  };
  return [
    {
      ...common,
      entryPoints: ['client/src/extension.ts'],
      outfile: join(outdir, 'client.js'),
      external: ['vscode'],
    },
    { ...common, entryPoints: ['server/src/server.ts'], outfile: join(outdir, 'server.js') },
    {
      ...common,
      entryPoints: ['shared/src/cli/main.ts'],
      outfile: join(outdir, 'cli.js'),
      banner: { js: '#!/usr/bin/env node' },
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const watch = process.argv.includes('--watch');
  const builds = bundleOptions({ production: process.argv.includes('--production') });
  if (watch) {
    for (const options of builds) {
      const ctx = await esbuild.context(options);
      await ctx.watch();
    }
  } else {
    await Promise.all(builds.map((options) => esbuild.build(options)));
  }
}
