/**
 * The scripted Messages-API server with the build model (scripted-build-model.ts) as a process of its own,
 * for tests and benchmarks that run `dist/cli.js` as a child with `ANTHROPIC_BASE_URL` pointed at it:
 *
 *   node --import tsx test/support/scripted-server-main.ts [config.json]
 *
 * It listens on 127.0.0.1, prints one JSON line `{"url":"http://127.0.0.1:<port>","pid":<pid>}` on stdout
 * once it accepts connections, and serves until it gets SIGTERM or SIGINT. `GET /scripted/stats` answers the
 * model's counters ({@link BuildModelStats}: requests, runs by kind, runs by task title / spec id).
 *
 * The optional config file is JSON, every key optional:
 *
 *   {
 *     "latencyMs": 200,                        // wait before every reply starts
 *     "port": 0,                               // 0: any free port
 *     "expectedKey": "sk-ant-…",               // recorded as credential 'expected' when requests carry it
 *     "content": { "src/a.mjs": "…" },          // what the implementer writes to a path
 *     "taskContent": {                          // … for one task title: one text for all its files,
 *       "Step 3": "export const broken = ;\n",  //   or a map path → text
 *       "Step 4": { "src/a/4.mjs": "…" }
 *     },
 *     "fix": { "src/a.mjs": "…" },              // what the fixer writes to a path
 *     "review": {                               // reviewer reports by task title, "*" for every task; a
 *       "Step 2": [                             //   list answers the 1st, 2nd… review of the task in
 *         { "passed": false, "issues": [ … ] }, //   turn, its last entry every later one
 *         { "passed": true, "issues": [] }
 *       ]
 *     }
 *   }
 *
 * Unlisted paths get the model's default content for their extension; the fixer's default is what the
 * implementer would write; the review default is passed with no issues.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { type ReviewReport, reviewReportSchema } from '../../shared/src/llm/schemas';
import { type BuildModel, createBuildModel, defaultContent, taskTitle } from './scripted-build-model';
import { startScriptedServer } from './scripted-messages-server';

const texts = z.record(z.string(), z.string());

export const serverConfigSchema = z.strictObject({
  latencyMs: z.number().nonnegative().optional(),
  port: z.int().nonnegative().optional(),
  expectedKey: z.string().optional(),
  content: texts.optional(),
  taskContent: z.record(z.string(), z.union([z.string(), texts])).optional(),
  fix: texts.optional(),
  review: z.record(z.string(), z.union([reviewReportSchema, z.array(reviewReportSchema).min(1)])).optional(),
});

export type ServerConfig = z.infer<typeof serverConfigSchema>;

/** The build model a config describes. */
export function buildModelFromConfig(config: ServerConfig): BuildModel {
  const contentFor = (path: string, prompt: string): string => {
    const title = taskTitle(prompt);
    const forTask = title === undefined ? undefined : config.taskContent?.[title];
    if (typeof forTask === 'string') return forTask;
    return forTask?.[path] ?? config.content?.[path] ?? defaultContent(path);
  };
  return createBuildModel({
    contentFor,
    fixFor: (path, prompt) => config.fix?.[path] ?? contentFor(path, prompt),
    review: ({ title, nth }): ReviewReport | undefined => {
      const entry = (title === undefined ? undefined : config.review?.[title]) ?? config.review?.['*'];
      if (entry === undefined || !Array.isArray(entry)) return entry;
      return entry[Math.min(nth, entry.length - 1)];
    },
  });
}

function readConfig(file: string | undefined): ServerConfig {
  if (file === undefined) return {};
  const parsed = serverConfigSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (parsed.success) return parsed.data;
  throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
}

async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    config = readConfig(process.argv[2]);
  } catch (error) {
    process.stderr.write(`scripted server: ${(error as Error).message}\n`);
    process.exit(2);
  }
  const model = buildModelFromConfig(config);
  const server = await startScriptedServer({
    respond: model.respond,
    ...(config.latencyMs !== undefined ? { latencyMs: config.latencyMs } : {}),
    ...(config.expectedKey !== undefined ? { expectedKey: config.expectedKey } : {}),
    ...(config.port !== undefined ? { port: config.port } : {}),
    getJson: { '/scripted/stats': () => model.stats() },
  });
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);
}

if (require.main === module) void main();
