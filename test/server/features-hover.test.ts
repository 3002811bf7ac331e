import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver';
import { provideHover } from '../../server/src/features/hover';
import { Workspace } from '../../shared/src/project/workspace';
import { at, textAt } from '../support/cursor';
import { markmanWithEveryKind } from '../support/navigation-project';
import { tinyProject } from '../support/tiny-project';

const markman = Workspace.load(markmanWithEveryKind());
const tiny = Workspace.load(tinyProject());

function hover(ws: Workspace, file: string, marked: string, occurrence = 0): { value: string; hover: Hover } {
  const text = file === ws.planFile ? ws.planText! : ws.file(file)!.text;
  const result = provideHover(ws, file, at(text, marked, occurrence));
  assert.ok(result, `no hover at ${marked}`);
  return { value: (result.contents as MarkupContent).value, hover: result };
}

test('hover on a depends id shows the dependency: title, status, priority, overview, dependents', () => {
  const cli = join(markman.root, 'specs', 'cli.smd');
  const { value, hover: h } = hover(markman, cli, 'depends: [STOR|AGE]');
  assert.match(value, /^\*\*Storage\*\* · `STORAGE`/);
  assert.match(value, /status `draft` · priority `critical`/);
  assert.match(value, /SQLite-backed persistence layer for bookmarks/);
  assert.match(value, /\*\*Depends on:\*\* nothing/);
  assert.match(value, /\*\*Dependents:\*\* `CLI`, `WEBUI`/);
  assert.match(value, /1 architecture file · 1 verification file/);
  assert.equal(textAt(markman.file(cli)!.text, h.range!), 'STORAGE');
});

test('hover on a spec id shows its own dependencies with their titles, from AMD, VMD and plan too', () => {
  const webui = join(markman.root, 'specs', 'webui.smd');
  assert.match(hover(markman, webui, 'id: WEB|UI').value, /\*\*Depends on:\*\* `STORAGE` \(Storage\)/);
  for (const [file, marked] of [
    [join(markman.root, 'specs', 'storage.amd'), 'spec: STO|RAGE'],
    [join(markman.root, 'specs', 'cli.vmd'), '@arch STO|RAGE'],
    [markman.planFile, 'spec = "STO|RAGE"'],
    [markman.planFile, 'cross_spec_interfaces = [\n    "STO|RAGE"'],
  ] as const) {
    assert.match(hover(markman, file, marked).value, /^\*\*Storage\*\* · `STORAGE`/, marked);
  }
  const unknown = Workspace.load(tinyProject());
  unknown.setFile(
    join(unknown.root, 'specs', 'app.smd'),
    unknown.file(join(unknown.root, 'specs', 'app.smd'))!.text.replace('"BASE"', 'NOPE'),
  );
  assert.match(
    hover(unknown, join(unknown.root, 'specs', 'app.smd'), 'depends: [NO|PE]').value,
    /Unknown spec `NOPE`/,
  );
});

test('hover on a plan task id shows title, status, outputs and verify', () => {
  const { value } = hover(markman, markman.planFile, '"00|1",\n    "002",');
  assert.match(value, /^\*\*Task 001\*\* — Cargo.toml: Add rusqlite dependency/);
  assert.match(value, /status `done` · spec `STORAGE`/);
  assert.match(value, /\*\*Outputs:\*\* `Cargo.toml`/);
  assert.match(value, /```sh\ntest -f Cargo.toml\n```/);
});

test('hover on a requirement heading lists the VMD scenarios and plan tasks covering it', () => {
  const base = join(tiny.root, 'specs', 'base.smd');
  const { value } = hover(tiny, base, '### Main Op|eration');
  assert.match(value, /^\*\*Requirement\*\* Main Operation `#main` · spec `BASE`/);
  assert.match(value, /scenario `runs_the_main_operation` — \*specs\/base\.vmd\*/);
  assert.match(value, /plan task `001` — \*\.ossature\/plan\.toml\*/);
  assert.match(value, /`ValueError` \(no case expects it\)/);

  const storage = join(markman.root, 'specs', 'storage.smd');
  const uncovered = hover(markman, storage, '### Search Book|marks').value;
  assert.match(uncovered, /\*\*Not covered\*\*/);
  const covered = hover(markman, storage, '### Add Book|mark').value;
  assert.match(covered, /scenario `add_stores_a_bookmark`/);
});

test('hover on a @covers target and a plan requirement ref shows the requirement', () => {
  const vmd = join(markman.root, 'specs', 'cli.vmd');
  assert.match(hover(markman, vmd, '@covers "add sub|command"').value, /\*\*Requirement\*\* add subcommand/);
  assert.match(
    hover(markman, markman.planFile, '"Requirements > Add Book|mark"').value,
    /\*\*Requirement\*\* Add Bookmark · spec `STORAGE`[\s\S]*Inserts a new bookmark record/,
  );
});

test('hover on an AMD component shows path and interface; on a section ref, the section', () => {
  const amd = join(markman.root, 'specs', 'storage.amd');
  const { value } = hover(markman, amd, '**Depends on:** Ty|pes');
  assert.match(value, /^\*\*Component\*\* Types · spec `STORAGE`/);
  assert.match(value, /\*\*Path:\*\* `src\/storage\/types.rs`/);
  assert.match(value, /```rust\npub struct Bookmark/);
  const section = hover(markman, markman.planFile, '"Constr|aints"').value;
  assert.match(section, /^\*\*## Constraints\*\* · \*specs\/storage\.smd\*/);
});

test('no hover on plain text', () => {
  const cli = join(markman.root, 'specs', 'cli.smd');
  assert.equal(provideHover(markman, cli, at(markman.file(cli)!.text, 'Command-line inter|face')), null);
  assert.equal(provideHover(markman, markman.planFile, at(markman.planText!, 'generated_|at')), null);
});
