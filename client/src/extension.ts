// Placeholder until the language-server issue: the bundle must exist for packaging.
export function activate(): void {}
export function deactivate(): void {}
