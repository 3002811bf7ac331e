/** Templates written by `ossature init`, `ossature new` and the "create the missing spec" fix. */

/** `my-spec name` → `MY_SPEC_NAME` (reference §6, `new`). */
export function specIdFromName(name: string): string {
  return name
    .trim()
    .replace(/[-\s]+/g, '_')
    .toUpperCase();
}

/** `my_spec-name` → `My Spec Name`. */
export function titleFromName(name: string): string {
  return name
    .trim()
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())
    .join(' ');
}

export function smdTemplate(id: string, title: string): string {
  return `---
id: ${id}
status: draft
priority: medium
depends: []
---

# ${title}

## Overview

Describe what ${title} does and who it is for.

## Goals

- The main outcome this spec must deliver

## Non-Goals

- Something this spec deliberately leaves out

## Requirements

### Main Operation

Describe the behaviour this requirement asks for.

**Accepts:** The inputs, with their types and limits.

**Returns:** What the caller gets back.

**Errors:**

- Invalid input -> ValueError with a message naming the bad field

## Constraints

- A limit the implementation must respect

## Examples

### Basic Use

**Input:**

\`\`\`
example input
\`\`\`

**Output:**

\`\`\`
example output
\`\`\`

## Acceptance Criteria

- A check that tells whether the spec is met

## Notes

Anything else the implementer should know.
`;
}

export function amdTemplate(specId: string, title: string): string {
  return `---
spec: ${specId}
status: draft
---

# Architecture: ${title}

## Overview

How ${title} is put together.

## Components

### MainHandler

@path: src/main_handler.py

Receives requests and hands them to the service.

**Interface:**

\`\`\`python
def handle(request: dict) -> dict: ...
\`\`\`

**Contracts:**

- handle never raises; failures come back as an error entry in the result

**Depends on:** CoreService

### CoreService

@path: src/core_service.py

Holds the business rules.

**Interface:**

\`\`\`python
def process(data: dict) -> dict: ...
\`\`\`

**Contracts:**

- process is deterministic for the same input

**Depends on:** Repository

### Repository

@path: src/repository.py

Stores and loads records.

**Interface:**

\`\`\`python
def save(record: dict) -> None: ...
def load(key: str) -> dict | None: ...
\`\`\`

**Contracts:** None

## Data Models

### Record

\`\`\`python
class Record(TypedDict):
    key: str
    value: str
\`\`\`

### Result

\`\`\`python
class Result(TypedDict):
    ok: bool
    error: str | None
\`\`\`

## Flow

\`\`\`
MainHandler.handle -> CoreService.process -> Repository.save
\`\`\`

## Dependencies

- Python standard library: everything above
- pytest: tests
`;
}

export function vmdTemplate(specId: string): string {
  return `@spec ${specId}

# Table groups: one row per case, \`name | inputs… | expected\`.
@covers "Main Operation"
process(data)
valid_input | {"key": "a", "value": "1"} | {"ok": true, "error": null}
bad_input | {} | !ValueError: key

# Command scenarios run a program in a fresh folder.
scenario prints its version:
when $ python -m app --version
then exit 0
then stdout has "."
`;
}

export function configTemplate(name: string): string {
  return `# Ossature Configuration
# https://github.com/ossature/ossature

[project]
name = "${name.replace(/["\\]/g, '\\$&')}"
version = "0.0.1"
spec_dir = "specs"
context_dir = "context"

[output]
dir = "output"
language = "python"

[test]
# runner = "pytest"
# command = ""                                        # overrides the verify-task command; {file} = harness
# require_coverage = false                            # uncovered requirements become errors

[audit]
# max_fix_cycles = 3                                   # audit → fix → re-audit cycles per spec

[build]
# setup = ["uv init", "uv sync"]                       # run once before the first task
# verify = ["uv run python -m py_compile"]             # tools checked on PATH before a build
# review = true                                        # post-task reviewer
# max_fix_attempts = 3                                 # verify-fail → fix → re-verify per task
# max_inline_lines = 200                               # files above this aren't inlined in fix prompts
# jobs = 1                                             # tasks of different specs run in parallel

[llm]
model = "anthropic:claude-sonnet-4-6"
# Per-role overrides (optional — omitted roles use the default above):
# audit = "anthropic:claude-sonnet-4-6"
# planner = "anthropic:claude-sonnet-4-6"
# build = "anthropic:claude-sonnet-4-6"               # requires tool-use support
# fixer = "anthropic:claude-sonnet-4-6"               # requires tool-use support
# brief = "anthropic:claude-sonnet-4-6"
# interface = "anthropic:claude-sonnet-4-6"
# reviewer = "anthropic:claude-sonnet-4-6"
# retries = 3                                          # structured output retries per call
# tool_retries = 5                                     # tool call retries (edit_file, etc.)
`;
}

export const GITIGNORE_TEMPLATE = `# Ossature
# .ossature/ holds the plan and build state: commit it so builds stay incremental.
output/.venv/
__pycache__/
*.pyc
`;
