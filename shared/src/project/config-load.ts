import { parse as parseToml } from 'smol-toml';
import type { z } from 'zod';
import { CONFIG_CODES } from '../diagnostics/codes-config';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/make';
import { configSchema, type OssatureConfig } from '../model/config';
import { locateToml, tomlSyntaxProblem } from '../store/toml-locate';
import type { Range } from '../text/range';
import { SourceText } from '../text/source-text';
import { type ConfigLocate, checkConfigWarnings } from './config-checks';

export interface LoadedConfig {
  /** Absolute path of ossature.toml. */
  file: string;
  /** The config with defaults; always present so specs can still be checked when settings are broken. */
  config: OssatureConfig;
  /** True when the config has an error that would stop audit or build. */
  hasErrors: boolean;
  /** Where `[project] spec_dir` is set (its value), else the first line; problems with the folder point here. */
  specDirRange: Range;
  diagnostics: Diagnostic[];
}

/** Parses and checks ossature.toml text (reference §2.4), collecting every problem at once. */
export function loadConfigText(text: string, file: string): LoadedConfig {
  const source = new SourceText(text);
  const diagnostics: Diagnostic[] = [];
  let raw: Record<string, unknown>;
  try {
    raw = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    const problem = tomlSyntaxProblem(error, text, source);
    if (!problem) throw error;
    diagnostics.push(
      diag(
        CONFIG_CODES.tomlSyntax,
        file,
        problem.range,
        `ossature.toml is not valid TOML: ${problem.message}. Fix the syntax.`,
      ),
    );
    return {
      file,
      config: configSchema.parse({ llm: { model: '' } }),
      hasErrors: true,
      specDirRange: source.trimmedLineRange(0),
      diagnostics,
    };
  }

  const locator = locateToml(text);
  const firstLine = source.trimmedLineRange(0);
  const locate: ConfigLocate = (path, part) =>
    (part === 'key' ? locator.keyRange(path) : locator.valueRange(path)) ??
    locator.keyRange(path.slice(0, 1)) ??
    firstLine;

  const llm = raw.llm;
  if (llm === undefined) {
    diagnostics.push(
      diag(
        CONFIG_CODES.missingLlmSection,
        file,
        firstLine,
        'ossature.toml has no [llm] section. Add `[llm]` with `model = "anthropic:claude-sonnet-4-6"`.',
      ),
    );
  } else if (typeof llm === 'object' && llm !== null && !Array.isArray(llm) && !('model' in llm)) {
    diagnostics.push(
      diag(
        CONFIG_CODES.missingModel,
        file,
        locate(['llm'], 'key'),
        '[llm] has no model. Add `model = "anthropic:claude-sonnet-4-6"` (provider:model).',
      ),
    );
  }

  const { config, issues } = parseWithRecovery(raw);
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (path.length === 2 && path[0] === 'llm' && path[1] === 'model' && !hasModelKey(raw)) continue;
    if (path.length === 1 && path[0] === 'llm' && llm === undefined) continue;
    const at: Range = locate(path, 'value');
    diagnostics.push(
      diag(CONFIG_CODES.invalidValue, file, at, `[${path.join('.')}]: ${issue.message}. ${fixHint(path)}`),
    );
  }
  diagnostics.push(...checkConfigWarnings(raw, config, file, locate));
  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  const specDirRange = locator.valueRange(['project', 'spec_dir']) ?? firstLine;
  return { file, config, hasErrors, specDirRange, diagnostics };
}

function hasModelKey(raw: Record<string, unknown>): boolean {
  const llm = raw.llm;
  return typeof llm === 'object' && llm !== null && 'model' in llm;
}

function fixHint(path: (string | number)[]): string {
  return path.length > 0 ? 'Correct the value or remove the setting to use the default.' : '';
}

/**
 * Parses with the schema; each invalid value is reported and then dropped so the default applies, and
 * parsing goes on, so one bad setting never hides the others.
 */
function parseWithRecovery(raw: Record<string, unknown>): {
  config: OssatureConfig;
  issues: z.core.$ZodIssue[];
} {
  const working = structuredClone(raw);
  const issues: z.core.$ZodIssue[] = [];
  for (let attempt = 0; attempt < 50; attempt++) {
    const result = configSchema.safeParse(working);
    if (result.success) return { config: result.data, issues };
    for (const issue of result.error.issues) {
      issues.push(issue);
      dropPath(working, issue.path);
    }
  }
  return { config: configSchema.parse({ llm: { model: '' } }), issues };
}

function dropPath(target: Record<string, unknown>, path: PropertyKey[]): void {
  if (path.length === 0) return;
  if (path.length === 1 && path[0] === 'llm') {
    target.llm = { model: '' };
    return;
  }
  if (path.length === 2 && path[0] === 'llm' && path[1] === 'model') {
    (target.llm as Record<string, unknown>).model = '';
    return;
  }
  let node: unknown = target;
  for (const key of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  if (typeof node === 'object' && node !== null) {
    delete (node as Record<PropertyKey, unknown>)[path[path.length - 1] as PropertyKey];
  }
}
