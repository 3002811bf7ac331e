import assert from 'node:assert/strict';
import { join } from 'node:path';
import { type BuildRunOptions, runBuild } from '../../shared/src/build/run/run-build';
import { TEST_KEY } from '../support/llm-harness';
import { type BuildModel, createBuildModel } from '../support/scripted-build-model';
import { type ScriptedServer, startScriptedServer } from '../support/scripted-messages-server';

/**
 * Real builds of the trio project (test/support/build-fixture.ts) for the server tests of the plan
 * workflow: the engine's runBuild in this process, the real SDK over HTTP to the scripted build model, so
 * the task folders, state.toml and statuses the editor features read are the ones a build writes.
 */
export class TrioBuilder {
  private constructor(
    readonly server: ScriptedServer,
    readonly model: BuildModel,
  ) {}

  static async start(): Promise<TrioBuilder> {
    const model = createBuildModel();
    const server = await startScriptedServer({
      expectedKey: TEST_KEY,
      respond: (request) => model.respond(request),
    });
    return new TrioBuilder(server, model);
  }

  /** `ossature build --auto [options]` on the project at `root`; fails the test unless it exits 0. */
  async build(root: string, options: Partial<BuildRunOptions> = {}): Promise<void> {
    const result = await runBuild({
      configFile: join(root, 'ossature.toml'),
      auto: true,
      env: { ...process.env, ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: this.server.url },
      ...options,
    });
    assert.equal(result.exitCode, 0, `build of ${root} ended ${result.outcome}`);
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
