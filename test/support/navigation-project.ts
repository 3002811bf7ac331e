import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusPath } from './corpus';

/** An architecture for markman's STORAGE spec (the corpus project has none). */
export const STORAGE_AMD = `---
spec: STORAGE
status: draft
---

# Architecture: Storage

## Overview

The SQLite-backed storage module.

## Components

### Storage

@path: src/storage/mod.rs

Opens the database and runs every query.

**Interface:**

\`\`\`rust
pub fn init_db(db_path: &str) -> Result<Connection, StorageError>;
\`\`\`

**Contracts:**

- never calls process::exit

**Depends on:** Types

### Types

@path: src/storage/types.rs

The bookmark record and the error enum.

**Interface:**

\`\`\`rust
pub struct Bookmark { pub id: i64, pub url: String }
\`\`\`

**Contracts:** None
`;

/** Verification cases for STORAGE (one scenario covering a requirement by heading). */
export const STORAGE_VMD = `@spec STORAGE

@covers "Add Bookmark"
scenario add stores a bookmark:
when $ markman add https://example.com
then exit 0
`;

/** Verification cases for CLI, bound to STORAGE's architecture with \`@arch\`. */
export const CLI_VMD = `@spec CLI
@arch STORAGE

@covers "add subcommand"
scenario add prints the url:
when $ markman add https://example.com
then exit 0
> added: https://example.com
`;

/**
 * A copy of the markman corpus project (3 SMDs and an 18-task plan) in a temp folder, with an AMD and two
 * VMDs added so every file kind names STORAGE. Returns the path of its ossature.toml.
 */
export function markmanWithEveryKind(): string {
  const root = mkdtempSync(join(tmpdir(), 'ossature-nav-'));
  cpSync(corpusPath('markman'), root, { recursive: true });
  writeFileSync(join(root, 'specs', 'storage.amd'), STORAGE_AMD);
  writeFileSync(join(root, 'specs', 'storage.vmd'), STORAGE_VMD);
  writeFileSync(join(root, 'specs', 'cli.vmd'), CLI_VMD);
  return join(root, 'ossature.toml');
}

/** A copy of a corpus project in a temp folder; returns the path of its ossature.toml. */
export function corpusCopy(name: string): string {
  const root = mkdtempSync(join(tmpdir(), `ossature-${name}-`));
  cpSync(corpusPath(name), root, { recursive: true });
  return join(root, 'ossature.toml');
}
