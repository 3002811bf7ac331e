// Placeholder until the language-server issue: the bundle must exist for packaging.
export {};
