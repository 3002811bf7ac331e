import { createInterface, type Interface } from 'node:readline';

/**
 * Answers typed on stdin, one line per question. The end of input answers `undefined` (callers take their
 * default); Ctrl-C while waiting calls `interrupt`. stdin is only opened at the first question.
 */
export interface LineInput {
  question(text: string): Promise<string | undefined>;
  close(): void;
}

export function createLineInput(interrupt: () => void): LineInput {
  let rl: Interface | undefined;
  let closed = false;
  const lines: string[] = [];
  let waiting: ((line: string | undefined) => void) | undefined;
  const open = () => {
    if (rl) return;
    rl = createInterface({ input: process.stdin, terminal: Boolean(process.stdin.isTTY) });
    rl.on('line', (line) => {
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        resolve(line);
      } else lines.push(line);
    });
    rl.on('close', () => {
      closed = true;
      waiting?.(undefined);
      waiting = undefined;
    });
    rl.on('SIGINT', interrupt);
  };
  return {
    question: async (text) => {
      open();
      process.stdout.write(text);
      const line =
        lines.shift() ?? (closed ? undefined : await new Promise<string | undefined>((r) => (waiting = r)));
      if (line === undefined) process.stdout.write('\n');
      return line;
    },
    close: () => {
      rl?.close();
      waiting?.(undefined);
    },
  };
}
