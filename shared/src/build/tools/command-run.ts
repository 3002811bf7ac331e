import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';

/**
 * Runs one shell command in its own process group (reference §5.5 `run_command`, §5.4 verify): cwd is the
 * output dir, stdin is closed, stdout and stderr are captured up to a cap (head and tail kept). On timeout
 * or abort the whole process group is killed, so children such as test runners or servers die with it;
 * leftovers of a command that finished (background jobs) are killed as soon as the shell exits.
 */

export const DEFAULT_COMMAND_TIMEOUT_MS = 120_000;
/** Characters kept of each of stdout and stderr (half from the start, half from the end). */
export const DEFAULT_OUTPUT_CAP = 20_000;

export interface ShellOptions {
  cwd: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  outputCap?: number;
  /** Receives the output as it arrives (uncapped, decoded as UTF-8), e.g. for a live view. */
  onOutput?: (text: string, stream: 'stdout' | 'stderr') => void;
}

export interface ShellResult {
  /** The exit code; null when the process was killed or died of a signal. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  aborted: boolean;
}

/** Keeps the first and last `cap / 2` bytes of a stream and counts what was dropped between them. */
class CappedText {
  private head = Buffer.alloc(0);
  private tail = Buffer.alloc(0);
  private dropped = 0;
  constructor(private readonly cap: number) {}

  add(chunk: Buffer): void {
    const half = Math.floor(this.cap / 2);
    if (this.head.length < half) {
      const take = Math.min(half - this.head.length, chunk.length);
      this.head = Buffer.concat([this.head, chunk.subarray(0, take)]);
      chunk = chunk.subarray(take);
    }
    if (chunk.length === 0) return;
    const joined = Buffer.concat([this.tail, chunk]);
    const keep = Math.max(0, this.cap - half);
    this.dropped += Math.max(0, joined.length - keep);
    this.tail = joined.subarray(Math.max(0, joined.length - keep));
  }

  text(): string {
    const cut = this.dropped > 0 ? `\n… (${this.dropped} bytes cut from the middle) …\n` : '';
    return `${this.head.toString('utf8')}${cut}${this.tail.toString('utf8')}`;
  }
}

export function runShell(command: string, options: ShellOptions): Promise<ShellResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  const cap = options.outputCap ?? DEFAULT_OUTPUT_CAP;
  return new Promise((resolvePromise, rejectPromise) => {
    const stdout = new CappedText(cap);
    const stderr = new CappedText(cap);
    let timedOut = false;
    let aborted = false;
    let settled = false;
    const child = spawn('/bin/sh', ['-c', command], {
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    const killGroup = () => {
      if (child.pid === undefined) return;
      try {
        if (process.platform === 'win32') child.kill('SIGKILL');
        else process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const finish = (exitCode: number | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      killGroup();
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolvePromise({ exitCode, stdout: stdout.text(), stderr: stderr.text(), timedOut, aborted });
    };
    const stop = () => {
      killGroup();
      // A process that left the group may keep the pipes open; the exit of the shell is enough.
      child.once('exit', (code) => finish(code));
      if (child.exitCode !== null || child.signalCode !== null) finish(child.exitCode);
    };
    const onAbort = () => {
      aborted = true;
      stop();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, timeoutMs);
    const listen = (stream: 'stdout' | 'stderr', text: CappedText) => {
      const decoder = options.onOutput ? new StringDecoder('utf8') : undefined;
      child[stream]?.on('data', (chunk: Buffer) => {
        text.add(chunk);
        const decoded = decoder?.write(chunk);
        if (decoded) options.onOutput?.(decoded, stream);
      });
    };
    listen('stdout', stdout);
    listen('stderr', stderr);
    child.on('error', (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      rejectPromise(error);
    });
    // Background jobs left by a finished shell would hold the pipes open until the timeout; end them now.
    child.on('exit', () => killGroup());
    child.on('close', (code) => finish(code));
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
