import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { test } from 'node:test';
import { taskDirName } from '../../shared/src/model/task-output';
import {
  parseGraphText,
  readGraphFile,
  renderGraphText,
  writeGraphFile,
} from '../../shared/src/store/graph-file';
import {
  parseManifestText,
  readManifestFile,
  renderManifestText,
  writeManifestFile,
} from '../../shared/src/store/manifest-file';
import {
  loadPlanFile,
  PLAN_HEADER,
  parsePlanText,
  readPlanFile,
  renderPlanText,
  writePlanFile,
} from '../../shared/src/store/plan-file';
import {
  parseStateText,
  readStateFile,
  renderStateText,
  writeStateFile,
} from '../../shared/src/store/state-file';
import {
  parseTaskOutputText,
  readTaskOutputFile,
  renderTaskOutputText,
  taskOutputPath,
  writeTaskOutputFile,
} from '../../shared/src/store/task-output-file';
import { StoreError } from '../../shared/src/store/toml-read';
import { CORPUS_PROJECTS, corpusPath } from '../support/corpus';

/** Every `.toml` under a project's `.ossature/` (a hidden folder). */
function ossatureTomls(project: string): string[] {
  const root = corpusPath(project, '.ossature');
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('.toml')) out.push(join(dir, e.name));
    }
  };
  walk(root);
  return out.sort();
}

/** Reads with the matching reader and renders back with the header it had. */
function roundTrip(file: string, text: string): string {
  switch (basename(file)) {
    case 'plan.toml': {
      const d = parsePlanText(text, file);
      return renderPlanText(d.plan, d.header);
    }
    case 'state.toml': {
      const d = parseStateText(text, file);
      assert.equal(d.discarded, undefined);
      return renderStateText(d.state, d.header);
    }
    case 'manifest.toml': {
      const d = parseManifestText(text, file);
      return renderManifestText(d.manifest, d.header);
    }
    case 'graph.toml': {
      const d = parseGraphText(text, file);
      return renderGraphText(d.graph, d.header);
    }
    case 'output.toml': {
      const d = parseTaskOutputText(text, file);
      return renderTaskOutputText(d.output, d.header);
    }
    default:
      throw new Error(`unexpected .ossature file ${file}`);
  }
}

const corpusFiles = CORPUS_PROJECTS.flatMap(ossatureTomls);

test('the corpus has plan, state, manifest, graph and output files to check', () => {
  const names = new Set(corpusFiles.map((f) => basename(f)));
  for (const name of ['plan.toml', 'state.toml', 'manifest.toml', 'graph.toml', 'output.toml']) {
    assert.ok(names.has(name), name);
  }
  assert.ok(corpusFiles.length >= 30, `found ${corpusFiles.length}`);
});

for (const file of corpusFiles) {
  test(`round trip is byte-identical: ${relative(corpusPath(), file)}`, () => {
    const text = readFileSync(file, 'utf8');
    assert.equal(roundTrip(file, text), text);
  });
}

test('file readers and atomic writers reproduce every corpus file byte for byte', () => {
  const out = mkdtempSync(join(tmpdir(), 'ossature-store-'));
  for (const [i, file] of corpusFiles.entries()) {
    const target = join(out, String(i), basename(file));
    switch (basename(file)) {
      case 'plan.toml': {
        const d = readPlanFile(file);
        assert.ok(d);
        writePlanFile(target, d.plan, d.header);
        break;
      }
      case 'state.toml': {
        const d = readStateFile(file);
        writeStateFile(target, d.state, d.header);
        break;
      }
      case 'manifest.toml': {
        const d = readManifestFile(file);
        assert.ok(d);
        writeManifestFile(target, d.manifest, d.header);
        break;
      }
      case 'graph.toml': {
        const d = readGraphFile(file);
        assert.ok(d);
        writeGraphFile(target, d.graph, d.header);
        break;
      }
      default: {
        const d = readTaskOutputFile(file);
        assert.ok(d);
        writeTaskOutputFile(target, d.output, d.header);
      }
    }
    assert.deepEqual(readFileSync(target), readFileSync(file), file);
  }
});

test('every corpus task folder is <id>-<slug> of a task in its plan', () => {
  for (const project of ['spenny', 'markman']) {
    const plan = readPlanFile(corpusPath(project, '.ossature', 'plan.toml'));
    assert.ok(plan);
    const expected = new Set(plan.plan.task.map((t) => taskDirName(t.id, t.title)));
    const dirs = readdirSync(corpusPath(project, '.ossature', 'tasks'));
    assert.ok(dirs.length > 0);
    for (const dir of dirs) assert.ok(expected.has(dir), `${project}: ${dir}`);
    const first = plan.plan.task[0];
    assert.ok(first);
    assert.ok(
      taskOutputPath(corpusPath(project, '.ossature'), first.id, first.title).endsWith(
        join('tasks', taskDirName(first.id, first.title), 'output.toml'),
      ),
    );
  }
  assert.equal(
    taskDirName('009', 'Storage: data types & error definitions'),
    '009-storage-data-types-&-error-definitions',
  );
  assert.equal(taskDirName('017', 'src/web.rs: Core HTTP server'), '017-src-web.rs-core-http-server');
});

test('the corpus plans read into typed tasks with defaults filled in', () => {
  const plan = readPlanFile(corpusPath('markman', '.ossature', 'plan.toml'))?.plan;
  assert.ok(plan);
  assert.equal(plan.meta.total_tasks, 18);
  assert.deepEqual(plan.meta.specs, ['STORAGE', 'CLI', 'WEBUI']);
  const task = plan.task.find((t) => t.id === '008');
  assert.ok(task);
  assert.equal(task.kind, 'task');
  assert.equal(task.status, 'done');
  assert.deepEqual(task.cross_spec_interfaces, ['STORAGE']);
  assert.deepEqual(task.inject_files, []);
  assert.equal(task.notes, '');
  const state = readStateFile(corpusPath('markman', '.ossature', 'state.toml')).state;
  assert.equal(state.meta.version, 2);
  assert.deepEqual(state.tasks['001']?.created_files, []);
  assert.deepEqual(state.tasks['001']?.edited_files, ['Cargo.toml']);
});

const LEGACY_PLAN = `${PLAN_HEADER.join('\n')}

[meta]
generated_at = "2026-03-10T18:09:18Z"
total_tasks = 2
specs = [
    "EXPENSE_TRACKER",
]

[[task]]
id = "001"
spec = "EXPENSE_TRACKER"
title = "Project Config"
description = "Scaffold."
outputs = [
    "pyproject.toml",
]
depends_on = []
spec_refs = [
    "EXPENSE_TRACKER:Goals",
]
arch_refs = [
    "EXPENSE_TRACKER:Components > Storage",
]
status = "done"
verify = "uv run python -c 'import spenny'"

[[task]]
id = "002"
spec = "EXPENSE_TRACKER"
title = "Nothing to check"
description = "No verify."
outputs = []
depends_on = []
spec_refs = []
arch_refs = []
status = "pending"
verify = ""
`;

test('legacy plans: a verify string becomes a one-command list (empty string: none); prefixed refs are kept', () => {
  const { plan } = parsePlanText(LEGACY_PLAN);
  const [first, second] = plan.task;
  assert.deepEqual(first?.verify, ["uv run python -c 'import spenny'"]);
  assert.deepEqual(second?.verify, []);
  assert.deepEqual(first?.spec_refs, ['EXPENSE_TRACKER:Goals']);
  assert.deepEqual(first?.arch_refs, ['EXPENSE_TRACKER:Components > Storage']);
  const rewritten = renderPlanText(plan);
  assert.match(rewritten, /verify = \[\n {4}"uv run python -c 'import spenny'",\n\]/);
  assert.match(rewritten, /verify = \[\]\n$/);
});

test('legacy output.toml: `files` is read as created_files and written back under the current name', () => {
  const text = 'files = [\n    "src/storage.rs",\n]\nsuccess = true\nverify_output = "ok"\n';
  const { output } = parseTaskOutputText(text);
  assert.deepEqual(output.created_files, ['src/storage.rs']);
  assert.equal(output.success, true);
  assert.deepEqual(output.edited_files, []);
  assert.equal(
    renderTaskOutputText(output),
    'created_files = [\n    "src/storage.rs",\n]\nsuccess = true\nverify_output = "ok"\n',
  );
});

test('legacy state.toml without [meta] (version 1) is discarded; written_files is read as created_files', () => {
  const old = `# header\n\n[tasks.001]\ninput_hash = "sha256:a"\noutput_hash = "sha256:b"\nwritten_files = [\n    "src/a.rs",\n]\n`;
  const discarded = parseStateText(old);
  assert.equal(discarded.discarded?.reason, 'old-version');
  assert.deepEqual(discarded.state.tasks, {});
  const current = parseStateText(old.replace('# header\n\n', '[meta]\nversion = 2\n\n'));
  assert.equal(current.discarded, undefined);
  assert.deepEqual(current.state.tasks['001']?.created_files, ['src/a.rs']);
  assert.ok(!('written_files' in (current.state.tasks['001'] ?? {})));
  const corrupt = parseStateText('[meta\nversion = 2');
  assert.equal(corrupt.discarded?.reason, 'unreadable');
  assert.deepEqual(corrupt.state.tasks, {});
});

test('state is written with version 2, tasks sorted by id, edited_files only when non-empty', () => {
  const text = renderStateText({
    meta: { version: 2 },
    tasks: {
      '010': { input_hash: 'sha256:c', output_hash: 'sha256:d', created_files: [], edited_files: [] },
      '002': { input_hash: 'sha256:a', output_hash: 'sha256:b', created_files: ['x'], edited_files: ['y'] },
    },
  });
  assert.equal(
    text,
    `# .ossature/state.toml — Build state (auto-generated, do not edit)

[meta]
version = 2

[tasks.002]
input_hash = "sha256:a"
output_hash = "sha256:b"
created_files = [
    "x",
]
edited_files = [
    "y",
]

[tasks.010]
input_hash = "sha256:c"
output_hash = "sha256:d"
created_files = []
`,
  );
  assert.equal(renderStateText({ meta: { version: 2 }, tasks: {} }, []), '[meta]\nversion = 2\n\n[tasks]\n');
});

test('keys a user added to a task, [meta] or the plan survive a rewrite, after the known keys', () => {
  const text = `${readFileSync(corpusPath('spenny', '.ossature', 'plan.toml'), 'utf8')}`.replace(
    'status = "done"\nverify = [\n    "test -f pyproject.toml",',
    'owner = "alice"\nstatus = "done"\nverify = [\n    "test -f pyproject.toml",',
  );
  const withExtras = text.replace('total_tasks = 7\n', 'total_tasks = 7\nreviewed = true\n');
  const { plan, header } = parsePlanText(withExtras);
  assert.equal(plan.task[0]?.owner, 'alice');
  const rewritten = renderPlanText(plan, header);
  const firstTask = rewritten.slice(
    rewritten.indexOf('[[task]]'),
    rewritten.indexOf('[[task]]', rewritten.indexOf('[[task]]') + 1),
  );
  assert.ok(firstTask.trimEnd().endsWith('owner = "alice"'), firstTask);
  assert.match(rewritten, /specs = \[\n {4}"EXPENSE_TRACKER",\n\]\nreviewed = true\n/);
  // Reading the rewritten file again gives the same text: the order is stable.
  const again = parsePlanText(rewritten);
  assert.equal(renderPlanText(again.plan, again.header), rewritten);
});

test('plan writing follows the original omission rules: kind fields for verify tasks, context:// sources', () => {
  const { plan } = parsePlanText(LEGACY_PLAN);
  const task = plan.task[1];
  assert.ok(task);
  Object.assign(task, {
    kind: 'verify',
    vmd_file: 'specs/yep.vmd',
    vmd_group: '@scenarios',
    source: ['assets/*.wav'],
    covers: ['output-repeated-string'],
    notes: 'check stderr',
    inject_files: [],
  });
  const text = renderPlanText(plan);
  const second = text.slice(text.lastIndexOf('[[task]]'));
  assert.equal(
    second,
    `[[task]]
id = "002"
spec = "EXPENSE_TRACKER"
title = "Nothing to check"
description = "No verify."
outputs = []
depends_on = []
spec_refs = []
arch_refs = []
status = "pending"
verify = []
kind = "verify"
vmd_file = "specs/yep.vmd"
vmd_group = "@scenarios"
source = [
    "context://assets/*.wav",
]
covers = [
    "output-repeated-string",
]
notes = "check stderr"
`,
  );
});

test('manifest: project_brief_input first, then [sources] and [brief_inputs] (even when empty)', () => {
  const text = renderManifestText({
    sources: { './specs/a.smd': 'sha256:1', 'ossature.toml': 'sha256:2' },
    brief_inputs: {},
    project_brief_input: '',
  });
  assert.equal(
    text,
    'project_brief_input = ""\n\n[sources]\n"./specs/a.smd" = "sha256:1"\n"ossature.toml" = "sha256:2"\n\n[brief_inputs]\n',
  );
  assert.deepEqual(parseManifestText('[sources]\n"a" = "sha256:1"\n').manifest.brief_inputs, {});
});

test('a missing plan reads as undefined; an invalid one is reported with a StoreError saying what to do', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ossature-plan-'));
  const file = join(dir, 'plan.toml');
  assert.equal(readPlanFile(file), undefined);
  assert.deepEqual(loadPlanFile(file), { kind: 'missing' });
  writeFileSync(file, '[meta]\ngenerated_at = "x"\ntotal_tasks = "seven"\nspecs = []\n');
  const loaded = loadPlanFile(file);
  assert.equal(loaded.kind, 'invalid');
  assert.throws(
    () => readPlanFile(file),
    (error: unknown) =>
      error instanceof StoreError &&
      /total_tasks/.test(error.message) &&
      /ossature validate/.test(error.message),
  );
  writeFileSync(file, '[meta\n');
  assert.throws(() => readPlanFile(file), /not valid TOML \(line 1, column 6\)/);
  assert.equal(readManifestFile(file), undefined);
  assert.equal(readGraphFile(file), undefined);
  assert.equal(readTaskOutputFile(file), undefined);
  assert.deepEqual(readStateFile(join(dir, 'none.toml')).state, { meta: { version: 2 }, tasks: {} });
});
