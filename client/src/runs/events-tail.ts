// Follows the NDJSON file a build writes with `--events FILE` while it runs: fs.watch wakes a reader that reads
// only what was appended since the last read and hands on complete lines, parsed. The CLI writes each event with
// one write call, but a read may still land mid-line: the unfinished rest waits for the next read.
import { closeSync, type FSWatcher, openSync, watch } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import type { RunEvent } from '../../../shared/src/model/events';

export class EventsTail {
  #offset = 0;
  #rest = '';
  #decoder = new StringDecoder('utf8');
  #watcher: FSWatcher | undefined;
  #reading: Promise<void> | undefined;
  #again = false;
  #stopped = false;

  /**
   * @param file the events file (created empty here when missing, so it can be watched before the CLI opens it)
   * @param onEvent called once per event, in file order
   * @param onProblem called for a line that is not JSON (a bug: the CLI only writes events) or a failed read
   */
  constructor(
    readonly file: string,
    private readonly onEvent: (event: RunEvent) => void,
    private readonly onProblem: (what: string, error: unknown) => void,
  ) {}

  start(): void {
    // 'a' creates the file without truncating what the CLI may already have written.
    closeSync(openSync(this.file, 'a'));
    this.#watcher = watch(this.file, () => this.#pump());
    this.#watcher.on('error', () => this.#watcher?.close());
    this.#pump();
  }

  /** Stops watching after a last read of everything written so far (call it once the CLI has exited). */
  async stop(): Promise<void> {
    this.#watcher?.close();
    this.#watcher = undefined;
    await this.#reading;
    if (this.#stopped) return;
    this.#stopped = true;
    await this.#read();
    const last = (this.#rest + this.#decoder.end()).trim();
    this.#rest = '';
    if (last) this.#line(last);
  }

  #pump(): void {
    if (this.#stopped) return;
    if (this.#reading) {
      this.#again = true;
      return;
    }
    this.#reading = (async () => {
      do {
        this.#again = false;
        await this.#read();
      } while (this.#again && !this.#stopped);
    })()
      .catch((error: unknown) => this.onProblem(`reading ${this.file}`, error))
      .finally(() => {
        this.#reading = undefined;
      });
  }

  async #read(): Promise<void> {
    let handle: Awaited<ReturnType<typeof open>> | undefined;
    try {
      handle = await open(this.file, 'r');
      const { size } = await handle.stat();
      // The CLI truncates the file when it opens it: a rerun into the same file starts over.
      if (size < this.#offset) {
        this.#offset = 0;
        this.#rest = '';
        this.#decoder = new StringDecoder('utf8');
      }
      if (size === this.#offset) return;
      const buffer = Buffer.alloc(size - this.#offset);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, this.#offset);
      this.#offset += bytesRead;
      this.#consume(this.#decoder.write(buffer.subarray(0, bytesRead)));
    } catch (error) {
      // The file was removed (the run is over and cleaned up): nothing more to read.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    } finally {
      await handle?.close();
    }
  }

  #consume(text: string): void {
    const lines = (this.#rest + text).split('\n');
    this.#rest = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) this.#line(line);
  }

  #line(line: string): void {
    let event: RunEvent;
    try {
      event = JSON.parse(line) as RunEvent;
    } catch (error) {
      this.onProblem(`a line of ${this.file} that is not JSON: ${line.slice(0, 200)}`, error);
      return;
    }
    this.onEvent(event);
  }
}
