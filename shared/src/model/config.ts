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

const projectSection = z.looseObject({
  name: z.string().default('ossature-project'),
  version: z.string().default('0.0.1'),
  spec_dir: z.string().default('specs'),
  context_dir: z.string().default('context'),
});

const outputSection = z.looseObject({
  dir: z.string().default('output'),
  language: z.string().default('python'),
  framework: z.string().optional(),
});

const auditSection = z.looseObject({
  max_fix_cycles: z.int().nonnegative().default(3),
});

const buildSection = z.looseObject({
  max_fix_attempts: z.int().nonnegative().default(3),
  max_inline_lines: z.int().nonnegative().default(200),
  max_output_tokens: z.int().positive().default(32768),
  setup: commandList.default([]),
  verify: commandList.default([]),
  review: z.boolean().default(true),
  max_review_attempts: z.int().nonnegative().default(2),
  jobs: z.int().positive().default(1),
});

const testSection = z.looseObject({
  runner: z.string().default('pytest'),
  command: z.string().default(''),
  coverage: z.boolean().default(false),
  coverage_threshold: z.number().default(0),
  require_coverage: z.boolean().default(false),
});

export const LLM_ROLES = ['audit', 'planner', 'build', 'fixer', 'brief', 'interface', 'reviewer'] as const;
export type LlmRole = (typeof LLM_ROLES)[number];

const llmSection = z.looseObject({
  model: z.string({ error: '[llm] model must be a "provider:model" string' }),
  audit: z.string().optional(),
  planner: z.string().optional(),
  build: z.string().optional(),
  fixer: z.string().optional(),
  brief: z.string().optional(),
  interface: z.string().optional(),
  reviewer: z.string().optional(),
  ollama_base_url: z.string().default('http://localhost:11434/v1'),
  base_url: z.string().optional(),
  retries: z.int().nonnegative().default(3),
  tool_retries: z.int().nonnegative().default(5),
  /** Seconds to wait for a response to start, and between two streamed events, before retrying. */
  request_timeout: z.number().positive().default(300),
});

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
