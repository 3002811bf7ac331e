// The extension's settings, declared once. package.json `contributes.configuration` is checked against this
// schema by test/unit/client-settings.test.ts (every key, type, enum, default and description).
// zod/mini keeps the client bundle small; it is the same zod, with functions instead of methods.
import * as z from 'zod/mini';

/** The settings section: every key below is read as `ossature.<key>`. */
export const settingsSection = 'ossature';

export const settingsSchema = z.object({
  'trace.server': z._default(z.enum(['off', 'messages', 'verbose']), 'off').check(
    z.meta({
      description:
        'Traces the communication between VS Code and the Ossature language server in the "Ossature" output channel.',
    }),
  ),
  'validate.enable': z._default(z.boolean(), true).check(
    z.meta({
      description:
        'Show the problems the Ossature validator finds in specs, ossature.toml and .ossature/plan.toml (squiggles and the Problems view).',
    }),
  ),
  'runs.confirmCost': z._default(z.boolean(), true).check(
    z.meta({
      description:
        'Before an audit, build or retry that calls the model, ask for confirmation showing how many tasks would run and the estimated cost.',
    }),
  ),
  'runs.jobs': z._default(z.int().check(z.minimum(0), z.maximum(64)), 0).check(
    z.meta({
      description:
        'Tasks of independent specs that builds and retries run side by side (--jobs). 0 uses `[build] jobs` of ossature.toml.',
    }),
  ),
  'model.baseUrl': z._default(z.string(), '').check(
    z.meta({
      description:
        'Base URL of an Anthropic-compatible Messages API for audit and build runs (passed to them as ANTHROPIC_BASE_URL). Empty: the default endpoint, or `[llm] base_url` of ossature.toml.',
    }),
  ),
  'demo.offlineModel': z._default(z.boolean(), false).check(
    z.meta({
      description:
        'Set by `npm run demo` when runs go to its offline scripted model (no API key): the status bar and run titles say "offline demo model".',
    }),
  ),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;
export const settingKeys = Object.keys(settingsSchema.shape) as SettingKey[];

/** Reads a raw value per key; a value of the wrong shape falls back to that key's default and is reported. */
export function parseSettings(
  read: (key: SettingKey) => unknown,
  onInvalid: (key: SettingKey, value: unknown) => void = () => {},
): Settings {
  const settings: Record<string, unknown> = {};
  for (const key of settingKeys) {
    const schema = settingsSchema.shape[key];
    const value = read(key);
    const parsed = z.safeParse(schema, value);
    if (parsed.success) {
      settings[key] = parsed.data;
    } else {
      onInvalid(key, value);
      settings[key] = z.parse(schema, undefined);
    }
  }
  return settings as Settings;
}
