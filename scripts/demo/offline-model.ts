/**
 * The offline scripted model of `npm run demo`: a Messages-API server on 127.0.0.1 that answers every call
 * `ossature audit` and `ossature build` make for the bundled example examples/todo, with no API key and no
 * network. Audit: no findings, the briefs, TODO_CLI's inferred interface and a small plan of real tasks;
 * build: working Python for every task (so every verify step passes), reviews that pass, the interfaces.
 * Anything else (a spec added in the walkthrough, the benchmark's generated project) gets the generic
 * scripted answers of scripts/scripted-model/. It is a stand-in for a model, not one: it writes the same
 * code whatever the specs say.
 *
 *   node dist/offline-model.js [--port N] [--latency MS] [--log]      (bundled by scripts/demo.mjs)
 *   node --import tsx scripts/demo/offline-model.ts …                  (from the sources)
 *
 * Prints `offline scripted model (no API key): http://127.0.0.1:<port>` once it listens, serves
 * `GET /scripted/stats` (calls by kind), and stops on SIGINT / SIGTERM.
 */
import { parseArgs } from 'node:util';
import { callKind, defaultReply, specOf, userText } from '../scripted-model/audit-model';
import { type BuildModel, createBuildModel, defaultContent } from '../scripted-model/build-model';
import {
  type RecordedRequest,
  type ScriptedServer,
  startScriptedServer,
} from '../scripted-model/messages-server';
import { reply, type StaticReply } from '../scripted-model/replies';
import { TODO_COMMANDS, TODO_FILES, TODO_INTERFACES } from './todo-code';
import { languageExtension, TODO_BRIEFS, todoPlanFor } from './todo-plan';

/** The label every output of the demo puts on this model. */
export const OFFLINE_MODEL_LABEL = 'offline scripted model (no API key)';

export interface OfflineModel {
  /** Pass as the scripted server's `respond` option. */
  respond(request: RecordedRequest): StaticReply;
  /** Requests answered, by kind (audit kinds and build kinds). */
  stats(): { requests: number; byKind: Record<string, number> };
}

const isTodoProject = (request: RecordedRequest) => /\bTODO_(STORE|CLI)\b/.test(userText(request.body));

/** The answer to an audit call (anything the build model does not recognise). */
function auditReply(request: RecordedRequest): StaticReply {
  const kind = callKind(request);
  const spec = specOf(request);
  switch (kind) {
    case 'planner':
      return reply.toolUse('SpecTaskPlan', todoPlanFor(request));
    case 'project-brief':
      if (isTodoProject(request)) return reply.text(TODO_BRIEFS.project);
      break;
    case 'spec-brief': {
      const brief = spec === undefined ? undefined : TODO_BRIEFS.spec[spec];
      if (brief !== undefined) return reply.text(brief);
      break;
    }
    case 'interface': {
      const inferred = spec === undefined ? undefined : TODO_INTERFACES[spec];
      if (inferred !== undefined) return reply.text(inferred);
      break;
    }
  }
  return defaultReply({ extension: languageExtension(request) }, request, kind);
}

export function createOfflineModel(): OfflineModel {
  const byKind: Record<string, number> = {};
  let requests = 0;
  const build: BuildModel = createBuildModel({
    contentFor: (path) => TODO_FILES[path] ?? defaultContent(path),
    commandsFor: (paths) => paths.flatMap((path) => TODO_COMMANDS[path] ?? []),
    interfaceFor: (spec) => TODO_INTERFACES[spec],
    other: (request) => auditReply(request),
  });
  return {
    respond(request) {
      const answer = build.respond(request);
      const call = build.calls.at(-1);
      const kind = call?.kind === 'other' ? callKind(request) : (call?.kind ?? 'unknown');
      requests++;
      byKind[kind] = (byKind[kind] ?? 0) + 1;
      return answer;
    },
    stats: () => ({ requests, byKind: { ...byKind } }),
  };
}

export interface OfflineServerOptions {
  port?: number;
  /** Wait before every reply starts, like a model's time to first token (the demo's progress stays visible). */
  latencyMs?: number;
  /** Called with a one-line description of every request. */
  onRequest?: (line: string) => void;
}

/** Starts the offline model on 127.0.0.1. */
export async function startOfflineModel(options: OfflineServerOptions = {}): Promise<ScriptedServer> {
  const model = createOfflineModel();
  const { onRequest } = options;
  return startScriptedServer({
    respond: (request) => {
      const answer = model.respond(request);
      if (onRequest) {
        const spec = specOf(request);
        onRequest(`#${request.index + 1} ${callKind(request)}${spec ? ` ${spec}` : ''} → ${answer.kind}`);
      }
      return answer;
    },
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}),
    getJson: { '/scripted/stats': () => model.stats() },
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      latency: { type: 'string', default: '150' },
      log: { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  const latencyMs = Number(values.latency);
  if (!Number.isInteger(port) || port < 0 || !Number.isFinite(latencyMs) || latencyMs < 0) {
    process.stderr.write('usage: offline-model [--port N] [--latency MS] [--log]\n');
    process.exit(2);
  }
  const server = await startOfflineModel({
    port,
    latencyMs,
    ...(values.log ? { onRequest: (line: string) => process.stdout.write(`offline model: ${line}\n`) } : {}),
  });
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdout.write(`${OFFLINE_MODEL_LABEL}: ${server.url}\n`);
}

if (/offline-model\.(ts|js)$/.test(process.argv[1] ?? '')) void main();
