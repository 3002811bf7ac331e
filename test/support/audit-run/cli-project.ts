import { type ChildProcess, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CLI, type CliRun } from '../cli';
import { corpusPath } from '../corpus';
import { TEST_KEY } from '../llm-harness';

/**
 * A corpus project copied to a temporary folder without its `.ossature/` and `output/`, and the CLI run as
 * a child process that does not block this process — the scripted server the CLI talks to runs here.
 */

export interface TempProject {
  root: string;
  ossature: (...parts: string[]) => string;
  read: (...parts: string[]) => string;
  exists: (...parts: string[]) => boolean;
  /** Every file under `.ossature/` (relative path → content). */
  snapshot: () => Map<string, string>;
  remove: () => void;
}

export function copyCorpusProject(
  name: 'markman' | 'spenny' | 'yep',
  llm = 'anthropic:claude-sonnet-4-6',
): TempProject {
  const root = mkdtempSync(join(tmpdir(), `ossature-audit-${name}-`));
  cpSync(corpusPath(name), root, { recursive: true });
  rmSync(join(root, '.ossature'), { recursive: true, force: true });
  rmSync(join(root, 'output'), { recursive: true, force: true });
  const configFile = join(root, 'ossature.toml');
  const config = readFileSync(configFile, 'utf8').replace(/\[llm\][\s\S]*$/, `[llm]\nmodel = "${llm}"\n`);
  writeFileSync(configFile, config);
  return tempProject(root);
}

export function tempProject(root: string): TempProject {
  const ossature = (...parts: string[]) => join(root, '.ossature', ...parts);
  return {
    root,
    ossature,
    read: (...parts) => readFileSync(ossature(...parts), 'utf8'),
    exists: (...parts) => existsSync(ossature(...parts)),
    snapshot: () => {
      const files = new Map<string, string>();
      const walk = (dir: string) => {
        if (!existsSync(dir)) return;
        for (const name of readdirSync(dir)) {
          const path = join(dir, name);
          if (statSync(path).isDirectory()) walk(path);
          else files.set(relative(ossature(), path), readFileSync(path, 'utf8'));
        }
      };
      walk(ossature());
      return files;
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

export interface AsyncCliOptions {
  env?: Record<string, string>;
  /** Written to stdin, then stdin is closed. */
  input?: string;
  /** Called once the child is running (e.g. to send it a signal later). */
  onSpawn?: (child: ChildProcess) => void;
}

/** The environment that points the CLI at a scripted server with the test key. */
export function modelEnv(url: string): Record<string, string> {
  return { ANTHROPIC_BASE_URL: url, ANTHROPIC_API_KEY: TEST_KEY };
}

/** Runs `dist/cli.js` without blocking the event loop. */
export function runCliAsync(args: string[], cwd: string, options: AsyncCliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ status: code ?? (signal ? 128 : -1), stdout, stderr }));
    child.stdin.end(options.input ?? '');
    options.onSpawn?.(child);
  });
}
