import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PlannerTask, SpecPlanEntry, VerifyProfile } from '../../shared/src/audit/types';
import {
  checkVerifyCommands,
  formatVerifyCommandErrors,
  invokesBuild,
  isSourceFile,
} from '../../shared/src/audit/verify-validator';
import { loadCorpusProject } from '../support/audit/corpus-project';

/** The curated profile data of reference §4.8 (the prompts module owns the real profiles). */
const PROFILES: Record<string, VerifyProfile> = {
  python: {
    name: 'python',
    buildInvocationTokens: ['pip install', 'python -m build', 'setup.py build', 'setup.py install'],
    sourceExtensions: ['.py'],
    manifestFilenames: [],
  },
  rust: {
    name: 'rust',
    buildInvocationTokens: ['cargo build', 'cargo run', 'cargo test', 'cargo install'],
    sourceExtensions: ['.rs'],
    manifestFilenames: [],
  },
  javascript: {
    name: 'javascript',
    buildInvocationTokens: ['npm install', 'npm run build', 'npm run bundle', 'yarn install', 'yarn build'],
    sourceExtensions: ['.js', '.mjs', '.cjs'],
    manifestFilenames: [],
  },
  typescript: {
    name: 'typescript',
    buildInvocationTokens: ['npm install', 'npm run build', 'tsc --build', 'tsc -b'],
    sourceExtensions: ['.ts', '.tsx'],
    manifestFilenames: [],
  },
  lua: {
    name: 'lua',
    buildInvocationTokens: ['love .', 'luarocks make', 'luarocks install'],
    sourceExtensions: ['.lua'],
    manifestFilenames: ['conf.lua'],
  },
  zig: {
    name: 'zig',
    buildInvocationTokens: ['zig build'],
    sourceExtensions: ['.zig'],
    manifestFilenames: ['build.zig', 'build.zig.zon'],
  },
  generic: { name: 'generic', buildInvocationTokens: [], sourceExtensions: [], manifestFilenames: [] },
};

const task = (
  outputs: string[],
  verify: string[],
  depends_on: number[] = [],
  extra: Partial<PlannerTask> = {},
) =>
  ({
    kind: 'task',
    title: `writes ${outputs.join(', ') || 'nothing'}`,
    description: '',
    outputs,
    depends_on,
    spec_refs: [],
    arch_refs: [],
    verify,
    ...extra,
  }) satisfies PlannerTask;
const check = (profile: string, tasks: SpecPlanEntry[]) => checkVerifyCommands({ tasks }, PROFILES[profile]!);

const SCAFFOLD: Record<string, [manifest: string, build: string, source: string]> = {
  python: ['pyproject.toml', 'pip install -e .', 'src/app/__init__.py'],
  rust: ['Cargo.toml', 'cargo build', 'src/main.rs'],
  javascript: ['package.json', 'npm install && npm run build', 'src/index.mjs'],
  typescript: ['package.json', 'npx tsc -b', 'src/index.ts'],
  lua: ['conf.lua', 'love . --check', 'main.lua'],
  zig: ['build.zig', 'zig build', 'src/main.zig'],
};

for (const [language, [manifest, build, source]] of Object.entries(SCAFFOLD)) {
  test(`${language}: a scaffold task that builds is flagged; one that has a source file is not`, () => {
    const errors = check(language, [task([manifest], [`test -f ${manifest}`, build])]);
    assert.equal(errors.length, 1);
    assert.deepEqual(
      { index: errors[0]!.task_index, command: errors[0]!.verify_command },
      { index: 1, command: build },
    );
    assert.ok(errors[0]!.reason.includes(`\`${manifest}\``));
    assert.deepEqual(check(language, [task([manifest, source], [build])]), []);
    // A source file from a task it depends on counts; one from a task it does not depend on does not.
    assert.deepEqual(check(language, [task([source], []), task([manifest], [build], [1])]), []);
    assert.equal(check(language, [task([source], []), task([manifest], [build])]).length, 1);
  });
}

test('manifest file names that end like sources are not sources', () => {
  assert.equal(isSourceFile('build.zig', PROFILES.zig!), false);
  assert.equal(isSourceFile('tools/build.zig', PROFILES.zig!), false);
  assert.equal(isSourceFile('src/build.zig.zon', PROFILES.zig!), false);
  assert.equal(isSourceFile('src/main.zig', PROFILES.zig!), true);
  assert.equal(isSourceFile('conf.lua', PROFILES.lua!), false);
  assert.equal(invokesBuild('cd x && cargo build --release', PROFILES.rust!), true);
  assert.equal(invokesBuild('cargo check', PROFILES.rust!), false);
});

test('skipped: copy tasks, tasks depending on a preserved task, the generic profile', () => {
  assert.deepEqual(
    check('rust', [task(['Cargo.toml'], ['cargo build'], [], { source: ['context://x'] })]),
    [],
  );
  assert.deepEqual(
    check('rust', [
      { kind: 'preserved', previous_index: 1, depends_on: [] },
      task(['Cargo.toml'], ['cargo build'], [1]),
    ]),
    [],
  );
  assert.deepEqual(check('generic', [task(['Cargo.toml'], ['cargo build'])]), []);
  // Only commands with a build token are flagged; every flagged command is reported.
  const errors = check('rust', [task(['Cargo.toml'], ['cargo build', 'cargo check', 'cargo test'])]);
  assert.deepEqual(
    errors.map((e) => e.verify_command),
    ['cargo build', 'cargo test'],
  );
});

test('the retry message names each task and command and ends with what to do instead', () => {
  const message = formatVerifyCommandErrors(check('rust', [task(['Cargo.toml'], ['cargo build'])]));
  assert.ok(message.includes('Task 1 ("writes Cargo.toml"), verify command `cargo build`'));
  assert.ok(message.includes('`test -f <output>`'));
  assert.ok(message.trimEnd().endsWith('run a build.'));
});

test('corpus planner answers pass the validator (markman: rust, spenny: python)', () => {
  for (const [name, language] of [
    ['markman', 'rust'],
    ['spenny', 'python'],
  ] as const) {
    const project = loadCorpusProject(name);
    for (const id of project.specOrder) {
      assert.deepEqual(check(language, project.plannerResponse(id).tasks), [], `${name} ${id}`);
    }
  }
});
