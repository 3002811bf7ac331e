// The code the offline demo model "writes" for the bundled example examples/todo (Python): the store, its
// error type, their tests, the command line and its launcher. Working code, so every verify step of the
// demo's build passes — including the VMD checks Ossature generates from specs/store.vmd and specs/cli.vmd.

const INIT = `"""A todo list kept in one JSON file, and the \`todo\` command on top of it."""
`;

const ERRORS = `"""The error raised for a damaged store file."""


class StoreCorruptError(Exception):
    """The store file exists but is not valid JSON; it is left untouched."""

    def __init__(self, path: str) -> None:
        super().__init__(f"store file {path} is damaged (not valid JSON)")
        self.path = path
`;

const STORE = `"""The JSON-file store: load, add and complete todo items, writing the file atomically."""

from __future__ import annotations

import json
import os
import tempfile

from todo.errors import StoreCorruptError

MAX_TITLE = 200


def add_item(items: list[dict], title: str) -> dict:
    """Appends a new open item with the next free id to \`items\` and returns it."""
    text = title.strip()
    if not text:
        raise ValueError("title must not be empty")
    if len(text) > MAX_TITLE:
        raise ValueError("title too long")
    next_id = max((item["id"] for item in items), default=0) + 1
    item = {"id": next_id, "title": text, "done": False}
    items.append(item)
    return item


class Store:
    def __init__(self, path: str) -> None:
        self.path = path

    def load(self) -> list[dict]:
        """Every item in insertion order; a missing file is an empty list."""
        try:
            with open(self.path, encoding="utf-8") as handle:
                text = handle.read()
        except FileNotFoundError:
            return []
        try:
            items = json.loads(text)
        except json.JSONDecodeError:
            raise StoreCorruptError(self.path) from None
        if not isinstance(items, list):
            raise StoreCorruptError(self.path)
        return items

    def add(self, title: str) -> dict:
        items = self.load()
        item = add_item(items, title)
        self._save(items)
        return item

    def complete(self, item_id: int) -> dict:
        items = self.load()
        for item in items:
            if item["id"] == item_id:
                item["done"] = True
                self._save(items)
                return item
        raise KeyError(f"no item with id {item_id}")

    def _save(self, items: list[dict]) -> None:
        """Writes a temporary file beside the store, then renames it over the store."""
        folder = os.path.dirname(os.path.abspath(self.path))
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".todo-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(items, out, indent=2)
                out.write("\\n")
            os.replace(temporary, self.path)
        except BaseException:
            if os.path.exists(temporary):
                os.unlink(temporary)
            raise
`;

const STORE_TESTS = `"""Tests of the store beyond the author's VMD cases: ids, completion, damaged files."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from todo.errors import StoreCorruptError  # noqa: E402
from todo.store import Store  # noqa: E402


def test_three_items_get_ids_1_2_3(tmp_path):
    store = Store(str(tmp_path / "todo.json"))
    ids = [store.add(title)["id"] for title in ("a", "b", "c")]
    assert ids == [1, 2, 3]


def test_complete_marks_done_and_twice_changes_nothing(tmp_path):
    store = Store(str(tmp_path / "todo.json"))
    store.add("buy milk")
    assert store.complete(1) == {"id": 1, "title": "buy milk", "done": True}
    assert store.complete(1) == {"id": 1, "title": "buy milk", "done": True}


def test_complete_unknown_id_raises_key_error(tmp_path):
    store = Store(str(tmp_path / "todo.json"))
    with pytest.raises(KeyError, match="7"):
        store.complete(7)


def test_missing_file_is_empty(tmp_path):
    assert Store(str(tmp_path / "absent.json")).load() == []


def test_damaged_file_raises_and_is_left_untouched(tmp_path):
    path = tmp_path / "todo.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(StoreCorruptError, match="todo.json"):
        Store(str(path)).load()
    assert path.read_text(encoding="utf-8") == "{not json"
`;

const CLI = `"""The \`todo\` command: add, done and list, on top of the store in ./todo.json."""

from __future__ import annotations

import argparse
import sys

from todo.errors import StoreCorruptError
from todo.store import Store

STORE_FILE = "todo.json"


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="todo", description="A todo list in ./todo.json")
    commands = root.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="add an item")
    add.add_argument("words", nargs="*")
    done = commands.add_parser("done", help="mark an item done")
    done.add_argument("id", type=int)
    commands.add_parser("list", help="list every item")
    return root


def main(argv: list[str] | None = None) -> int:
    root = parser()
    args = root.parse_args(argv)
    store = Store(STORE_FILE)
    try:
        if args.command == "add":
            if not args.words:
                print("usage: todo add WORD [WORD ...]", file=sys.stderr)
                return 1
            print(f"added {store.add(' '.join(args.words))['id']}")
        elif args.command == "done":
            store.complete(args.id)
            print(f"done {args.id}")
        else:
            for item in store.load():
                print(f"[{'x' if item['done'] else ' '}] {item['id']} {item['title']}")
    except (KeyError, ValueError, StoreCorruptError) as error:
        print(f"todo: {error}", file=sys.stderr)
        return 1
    return 0
`;

const LAUNCHER = `#!/usr/bin/env python3
"""Runs the todo command from the output folder (bin/todo)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from todo.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
`;

/** Output path → file content, for every file the demo plan's tasks produce. */
export const TODO_FILES: Readonly<Record<string, string>> = {
  'src/todo/__init__.py': INIT,
  'src/todo/errors.py': ERRORS,
  'src/todo/store.py': STORE,
  'tests/test_store.py': STORE_TESTS,
  'src/todo/cli.py': CLI,
  'bin/todo': LAUNCHER,
};

/** Shell commands the implementer runs after writing a file (the launcher must be executable). */
export const TODO_COMMANDS: Readonly<Record<string, string>> = {
  'bin/todo': 'chmod +x bin/todo',
};

/** The public interface of each spec, as the audit infers it and the build extracts it from the code. */
export const TODO_INTERFACES: Readonly<Record<string, string>> = {
  TODO_STORE: `## Public interface of TODO_STORE

Module \`todo.store\` (src/todo/store.py):

- \`add_item(items: list[dict], title: str) -> dict\` — appends \`{"id", "title", "done": False}\` with the next
  free id; \`ValueError\` when the trimmed title is empty or longer than 200 characters.
- \`class Store(path: str)\` — \`load() -> list[dict]\` (missing file: \`[]\`), \`add(title) -> dict\`,
  \`complete(item_id) -> dict\` (\`KeyError\` for an unknown id); every write replaces the file atomically.

Module \`todo.errors\` (src/todo/errors.py):

- \`class StoreCorruptError(Exception)\` — raised by \`load()\` when the file is not valid JSON.
`,
  TODO_CLI: `## Public interface of TODO_CLI

Module \`todo.cli\` (src/todo/cli.py) and the launcher \`bin/todo\`:

- \`main(argv: list[str] | None = None) -> int\` — \`todo add WORDS…\` prints \`added <id>\`, \`todo done ID\`,
  \`todo list\` prints \`[x] 3 title\` / \`[ ] 3 title\`; exit status 0, or 1 with the reason on stderr.
- The store file is \`todo.json\` in the current directory.
`,
};
