import { closeSync, openSync, writeSync } from 'node:fs';
import type { UsageSummary } from '../../llm';
import type { RunEvent, RunEventBody, RunEventListener, RunUsage } from '../../model/events';

/**
 * Emits run events (shared/src/model/events.ts) with `seq` and `time` filled in, to any number of
 * listeners: the CLI reporter, the `--events` NDJSON file, tests.
 */
export class RunEmitter {
  #seq = 0;
  readonly #listeners: RunEventListener[] = [];

  constructor(private readonly now: () => Date = () => new Date()) {}

  listen(listener: RunEventListener): void {
    this.#listeners.push(listener);
  }

  emit(body: RunEventBody): RunEvent {
    this.#seq += 1;
    const event = { ...body, seq: this.#seq, time: this.now().toISOString() } as RunEvent;
    for (const listener of this.#listeners) listener(event);
    return event;
  }
}

/** A usage summary in the events' shape. */
export function runUsage(usage: UsageSummary): RunUsage {
  return {
    tokens: {
      input: usage.input,
      output: usage.output,
      cacheRead: usage.cacheRead,
      cacheWrite: usage.cacheWrite,
    },
    requests: usage.requests,
    costUsd: usage.costUsd,
  };
}

/**
 * An NDJSON sink for `--events <target>`: a file path (created or truncated) or `fd:N` (an inherited file
 * descriptor). Each event is one line written with a single synchronous write, so a reader following the
 * file never sees half a line and nothing is lost when the process is killed.
 */
export class EventsFile {
  readonly #fd: number;
  readonly #owned: boolean;

  constructor(target: string) {
    const fd = /^fd:(\d+)$/.exec(target);
    this.#owned = fd === null;
    this.#fd = fd ? Number(fd[1]) : openSync(target, 'w');
  }

  write(event: RunEvent): void {
    writeSync(this.#fd, `${JSON.stringify(event)}\n`);
  }

  close(): void {
    if (this.#owned) closeSync(this.#fd);
  }
}
