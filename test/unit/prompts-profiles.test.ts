import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  curatedProfileNames,
  genericProfile,
  getPrompt,
  type LanguageProfile,
  PROFILE_VARIABLES,
  ProfileError,
  profileFor,
  registeredIds,
  registerProfile,
  render,
} from '../../shared/src/prompts';

// Language profiles (reference §7, §4.8) and the leakage check: a render for one language never
// mentions the tooling of another curated language.

const CURATED = ['javascript', 'lua', 'python', 'rust', 'typescript', 'zig'];
const languageIds = () => registeredIds().filter((id) => getPrompt(id).variables.includes('language'));
const fixedIds = () => registeredIds().filter((id) => !getPrompt(id).variables.includes('language'));
const rendersFor = (language: string) => languageIds().map((id) => ({ id, text: render(id, { language }) }));

/** Whole-word occurrence: the token is not glued to a letter, digit or underscore on either side. */
function mentions(text: string, token: string): boolean {
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![A-Za-z0-9_])${escaped}(?![A-Za-z0-9_])`).test(text);
}

/** Tokens that name a profile's tooling: its own list plus its validator's build-invocation tokens. */
const toolingOf = (profile: LanguageProfile) => [...profile.toolingTokens, ...profile.buildInvocationTokens];

test('the curated profiles are python, rust, javascript, typescript, lua and zig', () => {
  assert.deepEqual(curatedProfileNames(), CURATED);
  for (const name of CURATED) {
    const profile = profileFor(name);
    assert.equal(profile.name, name);
    assert.equal(profile.curated, true);
    for (const field of PROFILE_VARIABLES) assert.ok(profile[field].trim().length > 0, `${name}.${field}`);
    assert.ok(profile.toolingTokens.length > 0, `${name} tooling tokens`);
  }
});

test('profileFor ignores case and surrounding spaces, and falls back to the generic profile', () => {
  assert.equal(profileFor(' Rust ').name, 'rust');
  const go = profileFor('go');
  assert.equal(go.name, 'go');
  assert.equal(go.curated, false);
  assert.deepEqual(go, genericProfile('go'));
  assert.equal(profileFor(' Elixir ').name, 'Elixir');
  assert.throws(() => profileFor('  '), ProfileError);
  assert.throws(() => registerProfile(profileFor('python')), /duplicate language profile: python/);
});

test('the generic profile is worded from the language name and carries no validator data', () => {
  const elixir = genericProfile('elixir');
  for (const field of ['scaffoldManifests', 'buildInvocationExamples', 'commonVerifyCommand'] as const) {
    assert.match(elixir[field], /elixir/, field);
  }
  assert.deepEqual(
    [elixir.buildInvocationTokens, elixir.sourceExtensions, elixir.manifestFilenames, elixir.toolingTokens],
    [[], [], [], []],
  );
  const text = render('audit.plan_initial', { language: 'elixir' });
  assert.match(text, /written in elixir:/);
  assert.match(text, /`test -f <file>`/);
});

test('validator data of the curated profiles matches the reference table', () => {
  const table: Record<string, [string[], string[], string[]]> = {
    python: [['pip install', 'python -m build', 'setup.py build', 'setup.py install'], ['.py'], []],
    rust: [['cargo build', 'cargo run', 'cargo test', 'cargo install'], ['.rs'], []],
    javascript: [
      ['npm install', 'npm run build', 'npm run bundle', 'yarn install', 'yarn build'],
      ['.js', '.mjs', '.cjs'],
      [],
    ],
    typescript: [['npm install', 'npm run build', 'tsc --build', 'tsc -b'], ['.ts', '.tsx'], []],
    lua: [['love .', 'luarocks make', 'luarocks install'], ['.lua'], ['conf.lua']],
    zig: [['zig build'], ['.zig'], ['build.zig', 'build.zig.zon']],
  };
  for (const name of CURATED) {
    const p = profileFor(name);
    assert.deepEqual([p.buildInvocationTokens, p.sourceExtensions, p.manifestFilenames], table[name], name);
  }
});

for (const name of CURATED) {
  test(`leakage: ${name} renders mention no other curated language's tooling`, () => {
    const own = new Set(toolingOf(profileFor(name)));
    const forbidden = CURATED.filter((other) => other !== name)
      .flatMap((other) => toolingOf(profileFor(other)))
      .filter((token) => !own.has(token));
    assert.ok(forbidden.length > 10, 'forbidden list derived from the other profiles');
    for (const { id, text } of rendersFor(name)) {
      const leaked = [...new Set(forbidden.filter((token) => mentions(text, token)))];
      assert.deepEqual(leaked, [], `${id} for ${name}`);
    }
  });
}

test('leakage: generic-language renders and language-free prompts mention no curated tooling', () => {
  const all = [...new Set(CURATED.flatMap((name) => toolingOf(profileFor(name))))];
  const texts = [
    ...rendersFor('go'),
    ...rendersFor('elixir'),
    ...fixedIds().map((id) => ({ id, text: render(id) })),
  ];
  for (const { id, text } of texts) {
    assert.deepEqual(
      all.filter((token) => mentions(text, token)),
      [],
      id,
    );
  }
});

test('the leakage check catches a leak', () => {
  const leaky = render('audit.plan_initial', { language: 'python', commonVerifyCommand: '`cargo check`' });
  assert.ok(mentions(leaky, 'cargo'));
  assert.ok(!mentions('a pipeline of tscript', 'pip') && !mentions('tsconfig', 'tsc'), 'whole words only');
  assert.ok(mentions('run `love .` now', 'love .') && mentions('the .venv folder', 'venv'));
});

test('every tooling token of a profile appears in its own planner render (the lists stay honest)', () => {
  for (const name of CURATED) {
    const text = render('audit.plan_initial', { language: name });
    const absent = toolingOf(profileFor(name)).filter((token) => !mentions(text, token));
    assert.deepEqual(absent, [], name);
  }
});

/** The `<example>` tasks of a profile, parsed from the JSON each example holds. */
function workedTasks(profile: LanguageProfile): Record<string, unknown>[] {
  const bodies = [...profile.workedExamples.matchAll(/<example>\n[^\n]*\n(\{[\s\S]*?\n\})\n<\/example>/g)];
  return bodies.map((match) => JSON.parse(match[1] ?? '') as Record<string, unknown>);
}

test('worked examples: a scaffold, a types task, a test task (curated) and a copy task, as valid JSON', () => {
  for (const name of [...CURATED, 'go']) {
    const profile = profileFor(name);
    const tasks = workedTasks(profile);
    assert.equal((profile.workedExamples.match(/<example>/g) ?? []).length, tasks.length, `${name} parses`);
    assert.equal(tasks.length, profile.curated ? 4 : 3, name);
    for (const task of tasks) {
      assert.equal(task.kind, 'task');
      for (const field of ['outputs', 'depends_on', 'spec_refs', 'arch_refs', 'verify']) {
        assert.ok(Array.isArray(task[field]), `${name} ${String(task.title)} ${field}`);
      }
    }
    const copy = tasks.find((task) => Array.isArray(task.source));
    assert.deepEqual(copy?.source, ['context://assets/audio/*.mp3'], name);
    assert.deepEqual(copy?.verify, [], name);
    if (profile.curated)
      assert.ok(
        tasks.some((task) => Array.isArray(task.covers)),
        `${name} test task`,
      );
  }
});

test('worked examples obey the verify-command rule they teach (§4.8)', () => {
  for (const name of CURATED) {
    const profile = profileFor(name);
    const isSource = (path: string) =>
      profile.sourceExtensions.some((ext) => path.endsWith(ext)) &&
      !profile.manifestFilenames.includes(path.split('/').pop() ?? '');
    for (const task of workedTasks(profile)) {
      const outputs = task.outputs as string[];
      const verify = task.verify as string[];
      const buildsProject = verify.some((cmd) => profile.buildInvocationTokens.some((t) => cmd.includes(t)));
      // A depends_on index in an example points at a task outside the example, which wrote source.
      const hasSource = outputs.some(isSource) || (task.depends_on as number[]).length > 0;
      assert.ok(!buildsProject || hasSource, `${name} ${String(task.title)}`);
      for (const cmd of verify) {
        const unquoted = cmd.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, '""');
        assert.doesNotMatch(unquoted, /&&|;|\||^cd /, `${name}: one command per item: ${cmd}`);
      }
    }
  }
});
