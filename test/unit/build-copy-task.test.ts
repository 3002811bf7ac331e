import assert from 'node:assert/strict';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { CopyTaskError, matchedContextFiles, planCopy, runCopyTask } from '../../shared/src/build/copy-task';
import { type PlanTask, planTaskSchema } from '../../shared/src/model/plan';
import { makeProject } from '../support/project';

/** Verbatim copy tasks (reference §5.8): pairing source patterns with outputs, copying, and every refusal. */

const copyTask = (source: string[], outputs: string[]): PlanTask =>
  planTaskSchema.parse({
    id: '003',
    spec: 'APP',
    title: 'Copy assets',
    description: 'Copies.',
    outputs,
    depends_on: [],
    spec_refs: [],
    arch_refs: [],
    verify: [],
    source,
  });

function project(files: Record<string, string>) {
  const root = makeProject(
    Object.fromEntries(Object.entries(files).map(([path, text]) => [`context/${path}`, text])),
  );
  return { root, contextDir: join(root, 'context'), outputDir: join(root, 'output') };
}

const CONTEXT = {
  'logo.svg': '<svg/>',
  'assets/a.png': 'A',
  'assets/b.png': 'B',
  'assets/.hidden.png': 'H',
  'assets/notes.txt': 'N',
  'assets/sub/c.png': 'C',
  'docs/index.md': '# root',
  'docs/guide/index.md': '# guide',
  'docs/guide/deep/index.md': '# deep',
  'docs/guide/setup.md': '# setup',
};

test('a literal source copies one file, keeping its mode and modification time', () => {
  const p = project(CONTEXT);
  chmodSync(join(p.contextDir, 'logo.svg'), 0o640);
  const mtime = new Date('2020-02-02T10:00:00Z');
  utimesSync(join(p.contextDir, 'logo.svg'), mtime, mtime);
  const result = runCopyTask(
    copyTask(['context://logo.svg'], ['public/logo.svg']),
    p.contextDir,
    p.outputDir,
  );
  assert.deepEqual(result.created, ['public/logo.svg']);
  assert.equal(result.verifyOutput, 'Copied 1 file(s) from context to output.');
  assert.equal(
    result.response,
    'Copied 1 file(s) from context to output.\n\n- logo.svg -> public/logo.svg\n',
  );
  const copied = join(p.outputDir, 'public/logo.svg');
  assert.equal(readFileSync(copied, 'utf8'), '<svg/>');
  assert.equal(statSync(copied).mode & 0o777, 0o640);
  assert.equal(statSync(copied).mtime.getTime(), mtime.getTime());
});

test('a * source pairs with a * output: files in that folder only, sorted, the matched text substituted', () => {
  const p = project(CONTEXT);
  const task = copyTask(['assets/*.png'], ['static/img/*.png']);
  assert.deepEqual(planCopy(task, p.contextDir), [
    { source: 'assets/.hidden.png', dest: 'static/img/.hidden.png' },
    { source: 'assets/a.png', dest: 'static/img/a.png' },
    { source: 'assets/b.png', dest: 'static/img/b.png' },
  ]);
  const result = runCopyTask(task, p.contextDir, p.outputDir);
  assert.deepEqual(result.created, ['static/img/.hidden.png', 'static/img/a.png', 'static/img/b.png']);
  assert.equal(readFileSync(join(p.outputDir, 'static/img/b.png'), 'utf8'), 'B');
  assert.equal(existsSync(join(p.outputDir, 'static/img/c.png')), false);
});

test('a ** source spans folders: a whole tree, or one file name at any depth (none included)', () => {
  const p = project(CONTEXT);
  assert.deepEqual(planCopy(copyTask(['docs/**'], ['site/**']), p.contextDir), [
    { source: 'docs/guide/deep/index.md', dest: 'site/guide/deep/index.md' },
    { source: 'docs/guide/index.md', dest: 'site/guide/index.md' },
    { source: 'docs/guide/setup.md', dest: 'site/guide/setup.md' },
    { source: 'docs/index.md', dest: 'site/index.md' },
  ]);
  const task = copyTask(['context://docs/**/index.md'], ['pages/**/index.html']);
  const result = runCopyTask(task, p.contextDir, p.outputDir);
  assert.deepEqual(result.created, [
    'pages/guide/deep/index.html',
    'pages/guide/index.html',
    'pages/index.html',
  ]);
  assert.equal(readFileSync(join(p.outputDir, 'pages/index.html'), 'utf8'), '# root');
  assert.match(result.response, /- docs\/index\.md -> pages\/index\.html\n$/);
});

test('matchedContextFiles: every file the sources match now, sorted and once; nothing without a context dir', () => {
  const p = project(CONTEXT);
  const task = copyTask(
    ['assets/*.png', 'context://assets/a.png', 'docs/**/setup.md'],
    ['a/*.png', 'x.png', 'd/**/s.md'],
  );
  assert.deepEqual(matchedContextFiles(task, p.contextDir), [
    'assets/.hidden.png',
    'assets/a.png',
    'assets/b.png',
    'docs/guide/setup.md',
  ]);
  assert.deepEqual(matchedContextFiles(task, join(p.root, 'no-context')), []);
});

test('pairing mistakes are refused with what to change in plan.toml', () => {
  const p = project(CONTEXT);
  const refuse = (source: string[], outputs: string[], message: RegExp) =>
    assert.throws(
      () => planCopy(copyTask(source, outputs), p.contextDir),
      (error: unknown) => {
        assert.ok(error instanceof CopyTaskError);
        assert.match(error.message, message);
        return true;
      },
    );
  refuse(
    ['assets/*.png', 'logo.svg'],
    ['a/*.png'],
    /2 source pattern\(s\) but 1 output\(s\).*same number of entries/,
  );
  refuse(['assets/**/*.png'], ['a/**/*.png'], /'assets\/\*\*\/\*\.png' has more than one wildcard.*split it/);
  refuse(
    ['logo.svg'],
    ['public/*.svg'],
    /'logo\.svg' is a single file but its output 'public\/\*\.svg' has a wildcard/,
  );
  refuse(
    ['assets/*.png'],
    ['public/logo.png'],
    /has a wildcard but its output 'public\/logo\.png' does not; .*add a matching/,
  );
  refuse(['assets/*.gif'], ['a/*.gif'], /source 'assets\/\*\.gif' matched no files in the context directory/);
  refuse(['missing.txt'], ['missing.txt'], /source 'missing\.txt' matched no files/);
  refuse([], [], /has no source patterns/);
  assert.throws(
    () => planCopy(copyTask(['logo.svg'], ['logo.svg']), join(p.root, 'nowhere')),
    /copies from the context directory .*nowhere, which does not exist\. Create it/,
  );
});

test('symlinks: inside the context dir they are followed; leading outside either folder is refused', () => {
  const p = project(CONTEXT);
  const outside = mkdtempSync(join(tmpdir(), 'ossature-outside-'));
  writeFileSync(join(outside, 'secret.txt'), 'secret');
  symlinkSync(join(p.contextDir, 'assets/a.png'), join(p.contextDir, 'alias.png'));
  symlinkSync(join(outside, 'secret.txt'), join(p.contextDir, 'assets/secret.png'));

  const alias = runCopyTask(copyTask(['alias.png'], ['alias.png']), p.contextDir, p.outputDir);
  assert.deepEqual(alias.created, ['alias.png']);
  assert.equal(readFileSync(join(p.outputDir, 'alias.png'), 'utf8'), 'A');

  assert.throws(
    () => planCopy(copyTask(['assets/*.png'], ['img/*.png']), p.contextDir),
    /matches 'assets\/secret\.png', which leads outside the context directory through a symlink/,
  );
  assert.deepEqual(matchedContextFiles(copyTask(['assets/*.png'], ['img/*.png']), p.contextDir), [
    'assets/.hidden.png',
    'assets/a.png',
    'assets/b.png',
  ]);

  assert.throws(
    () =>
      runCopyTask(
        copyTask(['logo.svg', 'assets/b.png'], ['kept.svg', '../escaped.png']),
        p.contextDir,
        p.outputDir,
      ),
    /output '\.\.\/escaped\.png' is not a file path inside the output directory/,
  );
  assert.equal(existsSync(join(p.outputDir, 'kept.svg')), false, 'a refused task copies nothing');
  mkdirSync(p.outputDir, { recursive: true });
  symlinkSync(outside, join(p.outputDir, 'linked'));
  assert.throws(
    () => runCopyTask(copyTask(['logo.svg'], ['linked/logo.svg']), p.contextDir, p.outputDir),
    CopyTaskError,
  );
  assert.equal(existsSync(join(outside, 'logo.svg')), false);
  assert.equal(existsSync(join(dirname(p.outputDir), 'escaped.png')), false);
});
