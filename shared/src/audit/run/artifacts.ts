import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { writeFileAtomicSync } from '../../store/atomic-write';

/**
 * The records audit keeps under `.ossature/`: the exact user prompt of a call (`prompt.md`) and the model's
 * structured answer (`response.json`, two-space JSON without a final newline, as the original writes it).
 * Every write is atomic, so a file is either the previous one or complete.
 */

export const PROMPT_FILE = 'prompt.md';
export const RESPONSE_FILE = 'response.json';

export function writePrompt(dir: string, prompt: string): void {
  writeFileAtomicSync(join(dir, PROMPT_FILE), prompt);
}

export function writeResponse(dir: string, value: unknown): void {
  writeFileAtomicSync(join(dir, RESPONSE_FILE), JSON.stringify(value, null, 2));
}

/** A stored answer that still matches its schema; undefined when missing, unreadable or outdated. */
export function readResponse<S extends z.ZodType>(dir: string, schema: S): z.output<S> | undefined {
  const file = join(dir, RESPONSE_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** A text file's content, or undefined when it does not exist. */
export function readTextFile(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
