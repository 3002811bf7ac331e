// Which documents the language server handles (the server itself watches the files on disk).
import type { DocumentSelector } from 'vscode-languageclient';

export const languageIds = ['ossature-smd', 'ossature-amd', 'ossature-vmd'] as const;

/** `ossature.toml` and the plan have no language of their own (they are TOML), so they are matched by path. */
export const tomlPatterns = ['**/ossature.toml', '**/.ossature/plan.toml'] as const;

export const documentSelector: DocumentSelector = [
  ...languageIds.map((language) => ({ scheme: 'file', language })),
  ...tomlPatterns.map((pattern) => ({ scheme: 'file', pattern })),
];
