import { z } from 'zod';

/** A command list: a bare string becomes one command (empty string → none); list items are stringified. */
export const commandList = z
  .union([z.string(), z.array(z.union([z.string(), z.number(), z.boolean()]))], {
    error: 'expected a command string or a list of command strings',
  })
  .transform((value) =>
    typeof value === 'string'
      ? value.trim() === ''
        ? []
        : [value]
      : value.map((item) => String(item)).filter((item) => item.trim() !== ''),
  );

const projectSection = z
  .looseObject({
    name: z.string().default('ossature-project').describe('The project name, shown in reports and prompts.'),
    version: z.string().default('0.0.1').describe('The project version.'),
    spec_dir: z
      .string()
      .default('specs')
      .describe('Folder (relative to this file) searched recursively for .smd, .amd and .vmd specs.'),
    context_dir: z
      .string()
      .default('context')
      .describe('Folder of context files that plan tasks can read or copy (context_files, source).'),
  })
  .describe('The project: its name and where its specs and context files are.');

const outputSection = z
  .looseObject({
    dir: z
      .string()
      .default('output')
      .describe('Folder (relative to this file) the build writes the code into.'),
    language: z
      .string()
      .default('python')
      .describe(
        'Language of the generated code: free-form; python, rust, javascript, typescript, lua and zig have curated profiles.',
      ),
    framework: z
      .string()
      .optional()
      .describe('Framework named in the planner and build prompts, e.g. "fastapi".'),
  })
  .describe('What the build produces and where.');

const auditSection = z
  .looseObject({
    max_fix_cycles: z
      .int()
      .nonnegative()
      .default(3)
      .describe('Audit → fix → re-audit cycles per spec (and for the cross-spec audit).'),
  })
  .describe('`ossature audit` settings.');

const buildSection = z
  .looseObject({
    max_fix_attempts: z
      .int()
      .nonnegative()
      .default(3)
      .describe('Fix attempts per task after its verify commands fail.'),
    max_inline_lines: z
      .int()
      .nonnegative()
      .default(200)
      .describe('Files longer than this many lines are not inlined in fix prompts.'),
    max_output_tokens: z
      .int()
      .positive()
      .default(32768)
      .describe('Maximum output tokens per implementer or fixer call.'),
    setup: commandList
      .default([])
      .describe(
        'Commands run once, in the output folder, before the first task of a fresh build (a string or a list).',
      ),
    verify: commandList
      .default([])
      .describe('Commands whose tools must be on PATH before a build starts (a string or a list).'),
    review: z
      .boolean()
      .default(true)
      .describe('Have a reviewer model check each task after it passes verify.'),
    max_review_attempts: z.int().nonnegative().default(2).describe('Review → fix rounds per task.'),
    jobs: z
      .int()
      .positive()
      .default(1)
      .describe('Tasks of independent specs run side by side, up to this many at once (`--jobs`).'),
  })
  .describe('`ossature build` settings.');

const testSection = z
  .looseObject({
    runner: z.string().default('pytest').describe('The test runner (informational).'),
    command: z
      .string()
      .default('')
      .describe(
        'Overrides the command of verification tasks: `{file}` is replaced by the harness path, else the path is appended.',
      ),
    coverage: z.boolean().default(false).describe('Parsed for compatibility; not used.'),
    coverage_threshold: z.number().default(0).describe('Parsed for compatibility; not used.'),
    require_coverage: z
      .boolean()
      .default(false)
      .describe('Requirements no VMD case or plan task covers become validation errors.'),
  })
  .describe('Verification (`.vmd`) settings.');

export const LLM_ROLES = ['audit', 'planner', 'build', 'fixer', 'brief', 'interface', 'reviewer'] as const;
export type LlmRole = (typeof LLM_ROLES)[number];

const roleModel = (role: string) =>
  z.string().optional().describe(`The "provider:model" the ${role} uses; default: model.`);

const llmSection = z
  .looseObject({
    model: z
      .string({ error: '[llm] model must be a "provider:model" string' })
      .describe(
        'The model every role uses unless overridden, as "provider:model", e.g. "anthropic:claude-sonnet-4-6".',
      ),
    audit: roleModel('spec auditor'),
    planner: roleModel('planner'),
    build: roleModel('implementer'),
    fixer: roleModel('fixer'),
    brief: roleModel('brief writer'),
    interface: roleModel('interface extractor'),
    reviewer: roleModel('reviewer'),
    ollama_base_url: z
      .string()
      .default('http://localhost:11434/v1')
      .describe('Where Ollama listens, for "ollama:" models (the OLLAMA_BASE_URL variable wins).'),
    base_url: z
      .string()
      .optional()
      .describe(
        'An Anthropic-compatible endpoint for "anthropic:" models (default: ANTHROPIC_BASE_URL, else the Anthropic API).',
      ),
    retries: z
      .int()
      .nonnegative()
      .default(3)
      .describe('Retries of a model call that failed or answered unusably.'),
    tool_retries: z.int().nonnegative().default(5).describe('Retries of a failed tool call in a tool loop.'),
    /** Seconds to wait for a response to start, and between two streamed events, before retrying. */
    request_timeout: z
      .number()
      .positive()
      .default(300)
      .describe('Seconds to wait for a response to start, and between two streamed events, before retrying.'),
  })
  .describe('The model: which one each role uses, endpoints, retries and timeouts. Required.');

/** `ossature.toml` (reference §2.4), with the original's defaults. */
export const configSchema = z.looseObject({
  project: projectSection.default(projectSection.parse({})),
  output: outputSection.default(outputSection.parse({})),
  audit: auditSection.default(auditSection.parse({})),
  build: buildSection.default(buildSection.parse({})),
  test: testSection.default(testSection.parse({})),
  llm: llmSection,
});

export type OssatureConfig = z.infer<typeof configSchema>;

/** Keys each section knows; anything else is reported as unknown (typos) but kept. */
export const KNOWN_CONFIG_KEYS: Record<string, readonly string[]> = {
  project: Object.keys(projectSection.shape),
  output: Object.keys(outputSection.shape),
  audit: Object.keys(auditSection.shape),
  build: Object.keys(buildSection.shape),
  test: Object.keys(testSection.shape),
  llm: Object.keys(llmSection.shape),
};

/** The model string a role uses: its override, else `[llm] model`. */
export function modelForRole(config: OssatureConfig, role: LlmRole): string {
  return config.llm[role] ?? config.llm.model;
}
