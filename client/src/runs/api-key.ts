// The Anthropic API key: kept in VS Code's SecretStorage under one name, handed to runs as ANTHROPIC_API_KEY in
// their process environment only. Never written to settings, logs, events or any file of ours.
import { type ExtensionContext, InputBoxValidationSeverity, window } from 'vscode';

export const API_KEY_SECRET = 'ossature.anthropicApiKey';

/** A loose check (keys change shape; proxies use their own): what is wrong with `key`, or undefined. */
export function apiKeyProblem(key: string): string | undefined {
  if (key.length === 0) return 'The key is empty.';
  if (/\s/.test(key)) return 'The key contains spaces or line breaks; paste only the key itself.';
  if (key.length < 20) return 'The key is too short for an API key (Anthropic keys start with sk-ant-).';
  return undefined;
}

export async function storedApiKey(extension: ExtensionContext): Promise<string | undefined> {
  return (await extension.secrets.get(API_KEY_SECRET)) || undefined;
}

/** Whether a run would have a key: the stored one, or ANTHROPIC_API_KEY in VS Code's own environment. */
export async function hasApiKey(extension: ExtensionContext): Promise<boolean> {
  return Boolean((await storedApiKey(extension)) ?? process.env.ANTHROPIC_API_KEY);
}

/**
 * Asks for the key (or takes `given`, for scripts and tests), checks its shape and stores it; an empty answer
 * removes the stored key. Returns whether a key is stored afterwards.
 */
export async function setApiKey(extension: ExtensionContext, given?: unknown): Promise<boolean> {
  let key: string | undefined;
  if (typeof given === 'string') {
    key = given.trim();
    const problem = key === '' ? undefined : apiKeyProblem(key);
    if (problem) throw new Error(`Ossature: API key not stored. ${problem}`);
  } else {
    key = await window.showInputBox({
      title: 'Ossature: Set API Key',
      prompt:
        'Your Anthropic API key, for audit and build runs. It is kept in VS Code’s secret storage and passed to runs ' +
        'as ANTHROPIC_API_KEY. Leave empty to remove the stored key.',
      placeHolder: 'sk-ant-…',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => {
        const text = value.trim();
        if (text === '') return undefined;
        const problem = apiKeyProblem(text);
        if (problem) return problem;
        if (!text.startsWith('sk-ant-')) {
          return {
            message: 'Anthropic keys start with sk-ant-; keep this only for a compatible service.',
            severity: InputBoxValidationSeverity.Warning,
          };
        }
        return undefined;
      },
    });
    if (key === undefined) return hasApiKey(extension);
    key = key.trim();
  }
  if (key === '') {
    await extension.secrets.delete(API_KEY_SECRET);
    void window.showInformationMessage('Ossature: the stored API key was removed.');
    return false;
  }
  await extension.secrets.store(API_KEY_SECRET, key);
  void window.showInformationMessage('Ossature: API key stored in VS Code’s secret storage.');
  return true;
}
