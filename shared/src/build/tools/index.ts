import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { type AgentTool, defineTool, ToolRetry } from '../../llm';
import { checkCommand } from './command-check';
import { DEFAULT_COMMAND_TIMEOUT_MS, runShell } from './command-run';
import { fileTools, readTextFile } from './file-tools';
import type { TaskSandbox } from './sandbox';

/**
 * The build-time tools of reference §5.5, under the original's names and parameters, all sandboxed by one
 * {@link TaskSandbox}: write_file, edit_file, read_file, read_lines, grep_file, list_files, run_command,
 * copy_context_file, read_context_file.
 */

export { checkCommand, shellWords } from './command-check';
export { DEFAULT_COMMAND_TIMEOUT_MS, DEFAULT_OUTPUT_CAP, runShell, type ShellResult } from './command-run';
export { countLines, grepLines, LIST_MAX_ENTRIES, numberedLines } from './file-tools';
export { GREP_MAX_LINES, grepContext } from './grep-context';
export { normalizeToolPath, type SandboxedPath, TaskSandbox, type TaskSandboxOptions } from './sandbox';

export interface BuildToolOptions {
  /** run_command's time limit; default 120 s. */
  commandTimeoutMs?: number;
  /** Characters kept of each of stdout and stderr. */
  outputCap?: number;
  /** Aborting kills a running command's process group and ends the tool with an error (not retryable). */
  signal?: AbortSignal;
}

/** All nine tools for an implementer or fixer run. */
export function buildTools(sandbox: TaskSandbox, options: BuildToolOptions = {}): AgentTool[] {
  return [...fileTools(sandbox), runCommandTool(sandbox, options), ...contextTools(sandbox)];
}

export function runCommandTool(sandbox: TaskSandbox, options: BuildToolOptions = {}): AgentTool {
  const timeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  return defineTool({
    name: 'run_command',
    description: `Runs a shell command in the output directory (time limit ${Math.round(timeoutMs / 1000)} s) and returns its exit code and output. No $VAR, \${…}, $(…) or backticks; paths stay inside the output directory.`,
    input: z.object({ command: z.string().describe('The shell command, e.g. "npm test"') }),
    run: async ({ command }) => {
      const cwd = sandbox.readPath('.').real;
      checkCommand(command, cwd);
      const result = await runShell(command, {
        cwd,
        timeoutMs,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.outputCap !== undefined ? { outputCap: options.outputCap } : {}),
      });
      if (result.aborted) throw new Error('The run was cancelled; the command was killed.');
      const head = result.timedOut
        ? `Exit code: timeout (the command ran longer than ${Math.round(timeoutMs / 1000)} s and was killed with its child processes)`
        : `Exit code: ${result.exitCode ?? 'killed'}`;
      const parts = [head];
      if (result.stdout !== '') parts.push(`stdout:\n${result.stdout}`);
      if (result.stderr !== '') parts.push(`stderr:\n${result.stderr}`);
      return parts.join('\n');
    },
  });
}

export function contextTools(sandbox: TaskSandbox): AgentTool[] {
  const copy = defineTool({
    name: 'copy_context_file',
    description:
      'Copies a file from the context directory into the output directory unchanged (use it for binary files).',
    input: z.object({
      context_path: z.string().describe('Path relative to the context directory'),
      dest_path: z.string().describe('Destination relative to the output directory'),
    }),
    run: ({ context_path, dest_path }) => {
      const source = sandbox.contextPath(context_path);
      const dest = sandbox.writePath(dest_path);
      if (!isFile(source.real))
        throw new ToolRetry(`There is no file "${context_path}" in the context directory.`);
      if (isDirectory(dest.real)) throw new ToolRetry(`"${dest.rel}" is a directory; give a file path.`);
      try {
        sandbox.noteBaseline(dest.rel);
        mkdirSync(dirname(dest.real), { recursive: true });
        copyFileSync(source.real, dest.real);
      } catch (error) {
        throw new ToolRetry(`Could not copy to "${dest.rel}": ${(error as Error).message}`);
      }
      sandbox.recordCreated(dest.rel);
      return `Copied ${source.rel} to ${dest.rel}.`;
    },
  });
  const read = defineTool({
    name: 'read_context_file',
    description: 'The text of a file in the context directory.',
    input: z.object({ context_path: z.string().describe('Path relative to the context directory') }),
    run: ({ context_path }) => {
      const source = sandbox.contextPath(context_path);
      const result = readTextFile(source.real, source.rel || context_path);
      if (!('error' in result)) return result.text;
      return result.error.includes('binary')
        ? `${result.error} Use copy_context_file to put it into the output directory unchanged.`
        : result.error;
    },
  });
  return [copy, read];
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
