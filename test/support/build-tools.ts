import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type BuildToolOptions,
  buildTools,
  TaskSandbox,
  type TaskSandboxOptions,
} from '../../shared/src/build/tools';
import { ToolRetry } from '../../shared/src/llm';

/** A temp root holding `out/` (the output dir), `ctx/` (context), and sentinels outside both. */
export interface World {
  root: string;
  out: string;
  ctx: string;
  secret: string;
  outside: string;
  sandbox: TaskSandbox;
  call(name: string, input: Record<string, unknown>): Promise<string>;
  /** Throws unless the outside sentinels are exactly as created. */
  assertOutsideUntouched(): void;
  dispose(): void;
}

export function makeWorld(
  sandboxOptions: Partial<TaskSandboxOptions> = {},
  toolOptions: BuildToolOptions = {},
): World {
  const root = mkdtempSync(join(tmpdir(), 'ossature-build-tools-'));
  const out = join(root, 'out');
  const ctx = join(root, 'ctx');
  mkdirSync(out);
  mkdirSync(ctx);
  const secret = join(root, 'secret');
  writeFileSync(secret, 'top secret\n');
  const outside = join(root, 'outside');
  mkdirSync(outside);
  writeFileSync(join(outside, 's'), 'outside file\n');
  const sandbox = new TaskSandbox({ outputDir: out, contextDir: ctx, ...sandboxOptions });
  const tools = buildTools(sandbox, toolOptions);
  return {
    root,
    out,
    ctx,
    secret,
    outside,
    sandbox,
    async call(name, input) {
      const tool = tools.find((candidate) => candidate.name === name);
      assert.ok(tool, `no tool ${name}`);
      return tool.run(tool.input.parse(input));
    },
    assertOutsideUntouched() {
      assert.equal(readFileSync(secret, 'utf8'), 'top secret\n');
      assert.deepEqual(readdirSync(outside), ['s']);
      assert.equal(readFileSync(join(outside, 's'), 'utf8'), 'outside file\n');
      assert.deepEqual(readdirSync(root).sort(), ['ctx', 'out', 'outside', 'secret']);
    },
    dispose() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Awaits a tool call that must be refused with a retryable error whose message matches `message`. */
export async function assertRetry(call: Promise<string>, message: RegExp = /./): Promise<string> {
  try {
    const text = await call;
    assert.fail(`expected a ToolRetry, got a result: ${text}`);
  } catch (error) {
    assert.ok(error instanceof ToolRetry, `expected a ToolRetry, got ${String(error)}`);
    assert.match(error.message, message);
    return error.message;
  }
}
