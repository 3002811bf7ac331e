import { join } from 'node:path';
import { makeProject, validSmd } from './project';

/** An architecture for BASE: `Core` depends on `Helpers`. */
export const BASE_AMD = `---
spec: BASE
status: draft
---

# Architecture: Base

## Overview

The base module.

## Components

### Core

@path: src/core.py

The core logic.

**Interface:**

\`\`\`python
def run(x: int) -> int: ...
\`\`\`

**Contracts:** None

**Depends on:** Helpers

### Helpers

@path: src/helpers.py

Small helpers.

**Interface:**

\`\`\`python
def helper() -> None: ...
\`\`\`

**Contracts:** None
`;

export const BASE_VMD = `@spec BASE

@covers main
scenario runs the main operation:
when $ base run
then exit 0
`;

export const APP_VMD = `@spec APP
@arch BASE

@covers "Main Operation"
scenario app starts:
when $ app
then exit 0
`;

export const TINY_PLAN = `[meta]
generated_at = "2026-05-14T20:06:15Z"
total_tasks = 2
specs = ["BASE", "APP"]

[[task]]
id = "001"
spec = "BASE"
title = "Core module"
description = "Write the core."
outputs = ["src/core.py"]
depends_on = []
spec_refs = ["BASE:Goals", "Requirements > #main"]
arch_refs = ["Components > Core"]
status = "pending"
verify = ["pytest -q"]
covers = ["main"]

[[task]]
id = "002"
spec = "APP"
title = "App entry point"
description = "Write the app."
outputs = ["src/app.py"]
depends_on = ["001"]
spec_refs = ["Main Operation"]
arch_refs = []
status = "done"
verify = []
cross_spec_interfaces = ["BASE"]
`;

/**
 * A small project naming the spec BASE from every kind of file: BASE (requirement `{#main}`), APP
 * depending on it with a quoted YAML id, an AMD and a VMD for BASE, a VMD for APP with `@arch BASE`, and a
 * two-task plan (legacy `BASE:` ref prefix, `covers`, `cross_spec_interfaces`, `[meta] specs`).
 * Returns the path of its ossature.toml.
 */
export function tinyProject(): string {
  const root = makeProject({
    'specs/base.smd': validSmd('BASE').replace('### Main Operation', '### Main Operation {#main}'),
    'specs/app.smd': validSmd('APP', ['"BASE"']),
    'specs/base.amd': BASE_AMD,
    'specs/base.vmd': BASE_VMD,
    'specs/app.vmd': APP_VMD,
    '.ossature/plan.toml': TINY_PLAN,
  });
  return join(root, 'ossature.toml');
}
