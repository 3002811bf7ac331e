import type { CodeInfo } from '../diagnostics/code-info';
import { CONFIG_CODES } from '../diagnostics/codes-config';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/make';
import { KNOWN_CONFIG_KEYS, LLM_ROLES, type OssatureConfig } from '../model/config';
import { KNOWN_ANTHROPIC_MODELS, PROVIDERS, splitModelString, TEST_MODEL } from '../model/providers';
import type { Range } from '../text/range';
import { closestMatches } from '../util/did-you-mean';

/** Finds the range of a key (`key`) or its value (`value`) by path; falls back to something visible. */
export type ConfigLocate = (path: (string | number)[], part: 'key' | 'value') => Range;

const REMOVED_KEYS: Record<string, string> = {
  'build.test': 'was removed in Ossature 0.1.1; verification commands now live on each plan task',
};

/** Warnings about a loaded config: unknown or removed keys, model strings, redundant `cd`. */
export function checkConfigWarnings(
  raw: Record<string, unknown>,
  config: OssatureConfig,
  file: string,
  locate: ConfigLocate,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const warn = (info: CodeInfo, path: (string | number)[], part: 'key' | 'value', message: string) =>
    out.push(diag(info, file, locate(path, part), message));

  for (const [section, value] of Object.entries(raw)) {
    const known = KNOWN_CONFIG_KEYS[section];
    if (!known) {
      const hint = closestMatches(section, Object.keys(KNOWN_CONFIG_KEYS), 1)[0];
      warn(
        CONFIG_CODES.unknownKey,
        [section],
        'key',
        `Unknown section [${section}] is ignored.${hint ? ` Did you mean [${hint}]?` : ''}`,
      );
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      const removed = REMOVED_KEYS[`${section}.${key}`];
      if (removed) {
        warn(CONFIG_CODES.removedKey, [section, key], 'key', `[${section}] ${key} ${removed}; remove it.`);
        continue;
      }
      const hint = closestMatches(key, known, 1)[0];
      warn(
        CONFIG_CODES.unknownKey,
        [section, key],
        'key',
        `Unknown setting [${section}] ${key} is ignored.${hint ? ` Did you mean ${hint}?` : ''}`,
      );
    }
  }

  for (const role of ['model', ...LLM_ROLES] as const) {
    const model = config.llm[role];
    if (model === undefined) continue;
    const problem = modelStringProblem(model);
    if (problem) warn(problem.info, ['llm', role], 'value', `[llm] ${role}: ${problem.message}`);
  }

  const outputDir = config.output.dir.replace(/\/+$/, '');
  for (const key of ['setup', 'verify'] as const) {
    config.build[key].forEach((command, index) => {
      const match = /^cd\s+(\S+)\s*(&&|;)/.exec(command.trim());
      if (match && match[1]?.replace(/^\.\//, '').replace(/\/+$/, '') === outputDir) {
        const path = Array.isArray(raw.build && (raw.build as Record<string, unknown>)[key])
          ? ['build', key, index]
          : ['build', key];
        warn(
          CONFIG_CODES.redundantCd,
          path,
          'value',
          `[build] ${key} command '${command}' starts with 'cd ${match[1]}', but commands already run in the output directory; drop the cd.`,
        );
      }
    });
  }
  return out;
}

/** What is wrong with a `provider:model` string, judged offline; undefined when it looks fine. */
export function modelStringProblem(model: string): { info: CodeInfo; message: string } | undefined {
  if (model === TEST_MODEL) return undefined;
  const { provider, name } = splitModelString(model);
  if (!provider) {
    return {
      info: CONFIG_CODES.modelWithoutProvider,
      message: `'${model}' has no provider prefix; write it as provider:model, e.g. anthropic:${model || 'claude-sonnet-4-6'}.`,
    };
  }
  const info = PROVIDERS[provider];
  if (!info) {
    const hints = closestMatches(provider, Object.keys(PROVIDERS));
    return {
      info: CONFIG_CODES.unknownProvider,
      message: `unknown provider '${provider}'${hints.length ? `; did you mean ${hints.join(', ')}?` : ''}`,
    };
  }
  if (provider === 'anthropic' && !(KNOWN_ANTHROPIC_MODELS as readonly string[]).includes(name)) {
    const hints = closestMatches(name, KNOWN_ANTHROPIC_MODELS);
    return {
      info: CONFIG_CODES.unknownModel,
      message: `'${name}' is not a known Anthropic model${hints.length ? `; did you mean ${hints.join(', ')}?` : ' (it may be newer than this version of Ossature)'}`,
    };
  }
  return undefined;
}
