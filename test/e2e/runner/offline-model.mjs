// The offline scripted model of `npm run demo` (scripts/demo/offline-model.ts), bundled by esbuild so plain
// Node runs it, and started in this process: for the demo, the UI stage's screenshots and the benchmarks.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './paths.mjs';

/** The key runs pass with the offline model: any non-empty value passes the CLI's key check. */
export const OFFLINE_DEMO_KEY = 'sk-ant-offline-demo-not-a-real-key';

/**
 * Bundles scripts/demo/offline-model.ts into `outfile` (default dist/offline-model.js, which the .vsix leaves
 * out: .vscodeignore lists what it keeps) and returns the module: `startOfflineModel`, `OFFLINE_MODEL_LABEL`.
 */
export async function loadOfflineModel(outfile = join(ROOT, 'dist', 'offline-model.js')) {
  const esbuild = await import('esbuild');
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ['scripts/demo/offline-model.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  return createRequire(import.meta.url)(outfile);
}
