// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests are about ${name} placeholders in plain strings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type Block,
  block,
  definePrompt,
  getPrompt,
  PROFILE_VARIABLES,
  PROMPT_IDS,
  type PromptId,
  PromptRegistry,
  type PromptSpec,
  PromptSpecError,
  placeholdersIn,
  registeredIds,
  render,
} from '../../shared/src/prompts';
import { parseTemplate, substitute } from '../../shared/src/prompts/template';

// Registry, render errors and the `${var}` template syntax. Snapshots: prompts-snapshots.test.ts;
// language profiles and the leakage check: prompts-profiles.test.ts.

/** A spec for a private registry; the id is cast because these tests need ids outside the twelve. */
function spec(id: string, variables: string[], ...blocks: Block[]): PromptSpec {
  return { id: id as PromptId, version: '1.0.0', variables, blocks };
}

function throwsPromptSpecError(fn: () => unknown, message: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof PromptSpecError, `expected a PromptSpecError, got ${String(error)}`);
    assert.match(error.message, message);
    return true;
  });
}

test('the registry holds exactly the twelve prompt ids of the reference', () => {
  assert.equal(PROMPT_IDS.length, 12);
  assert.deepEqual(registeredIds(), [...PROMPT_IDS].sort());
});

test('every prompt has a semantic version, blocks, and a wrapper tag per block', () => {
  for (const id of registeredIds()) {
    const prompt = getPrompt(id);
    assert.equal(prompt.id, id);
    assert.match(prompt.version, /^\d+\.\d+\.\d+$/, `${id} version`);
    assert.ok(prompt.blocks.length >= 2, `${id} has blocks`);
    for (const { name, content } of prompt.blocks) {
      assert.ok(content.startsWith(`<${name}>\n`) && content.endsWith(`\n</${name}>`), `${id} block ${name}`);
    }
  }
});

test('every declared variable is used in some block, and every used variable is declared', () => {
  for (const id of registeredIds()) {
    const prompt = getPrompt(id);
    const used = new Set(prompt.blocks.flatMap((b) => placeholdersIn(b.content, `${id} ${b.name}`)));
    assert.deepEqual([...used].sort(), [...prompt.variables].sort(), id);
  }
});

test('prompts take the variables of the reference: language, plus profile fields for the planners', () => {
  const expected: Record<PromptId, string[]> = {
    'audit.spec_audit': ['language'],
    'audit.cross_spec_audit': ['language'],
    'audit.spec_fixer': [],
    'audit.interface_inference': ['language'],
    'audit.project_brief': [],
    'audit.spec_brief': [],
    'audit.plan_initial': ['language', ...PROFILE_VARIABLES],
    'audit.plan_replan': ['language', ...PROFILE_VARIABLES],
    'build.implementer': ['language'],
    'build.fixer': ['language'],
    'build.interface_extraction': ['language'],
    'build.reviewer': ['language'],
  };
  for (const id of PROMPT_IDS) assert.deepEqual(getPrompt(id).variables, [...expected[id]].sort(), id);
});

test('the block order of each prompt follows the reference', () => {
  const names = (id: string) => getPrompt(id).blocks.map((b) => b.name);
  assert.deepEqual(names('audit.spec_audit'), [
    'role',
    'input_format',
    'instructions',
    'output_format',
    'examples',
  ]);
  assert.deepEqual(names('audit.spec_fixer'), ['role', 'tools', 'instructions']);
  assert.deepEqual(names('audit.plan_replan'), [
    'role',
    'instructions',
    'preservation_rules',
    'output_format',
    'examples',
  ]);
  assert.deepEqual(names('build.implementer'), ['role', 'instructions', 'tools', 'workflow', 'footer']);
  assert.deepEqual(names('build.reviewer'), ['role', 'instructions', 'examples']);
});

test('render: an unknown id is a PromptSpecError naming the id', () => {
  throwsPromptSpecError(() => render('audit.nope', {}), /unknown PromptSpec id: audit\.nope/);
});

test('render: a missing variable names the prompt and the variable', () => {
  throwsPromptSpecError(
    () => render('audit.spec_audit', {}),
    /^audit\.spec_audit: missing variables \[language\]$/,
  );
  throwsPromptSpecError(
    () => render('audit.plan_initial'),
    /^audit\.plan_initial: missing variables \[.*language/,
  );
});

test('render: an unknown (extra) variable names the prompt and the variable', () => {
  throwsPromptSpecError(
    () => render('audit.project_brief', { language: 'python' }),
    /^audit\.project_brief: unknown variables \[language\]$/,
  );
  throwsPromptSpecError(
    () => render('build.fixer', { language: 'rust', workedExamples: 'x', colour: 'blue' }),
    /^build\.fixer: unknown variables \[colour, workedExamples\]$/,
  );
});

test('render: an empty language is refused', () => {
  throwsPromptSpecError(
    () => render('build.reviewer', { language: '  ' }),
    /build\.reviewer: the language variable is empty/,
  );
});

test('render: prompts without variables render with no arguments, blocks joined by one blank line', () => {
  const text = render('audit.spec_brief');
  assert.equal(
    text,
    getPrompt('audit.spec_brief')
      .blocks.map((b) => b.content)
      .join('\n\n'),
  );
  assert.doesNotMatch(text, /\$\{/);
});

test('render: language is substituted and profile fields fill the planner variables; caller values win', () => {
  const text = render('audit.plan_initial', { language: 'rust' });
  assert.match(text, /of a project written in rust:/);
  assert.match(text, /`cargo check`/);
  assert.doesNotMatch(text, /\$\{/);
  const overridden = render('audit.plan_initial', { language: 'rust', commonVerifyCommand: '`my-check`' });
  assert.match(overridden, /enough: `my-check`\./);
  assert.doesNotMatch(overridden, /enough: `cargo check`/);
});

test('render is pure: the same input gives the same text', () => {
  for (const id of registeredIds()) {
    const vars: Record<string, string> = getPrompt(id).variables.includes('language')
      ? { language: 'zig' }
      : {};
    assert.equal(render(id, vars), render(id, vars), id);
  }
});

test('template: ${var} substitution, the $${ escape, and literal dollars', () => {
  const values = { name: 'Ada', n: '3' };
  assert.equal(substitute('Hello ${name}, ${n} new', values, 't'), 'Hello Ada, 3 new');
  assert.equal(
    substitute('write $${name} for a placeholder', values, 't'),
    'write ${name} for a placeholder',
  );
  assert.equal(substitute('costs $5, $HOME, $$ and $', values, 't'), 'costs $5, $HOME, $$ and $');
  assert.equal(substitute('${name}${n}', values, 't'), 'Ada3');
  assert.equal(substitute('${x}', { x: 'keeps ${name} verbatim' }, 't'), 'keeps ${name} verbatim');
  assert.deepEqual(parseTemplate('a $${b} ${c}', 't'), [{ text: 'a ${b} ' }, { variable: 'c' }]);
});

test('template: malformed placeholders and missing values are errors naming the place', () => {
  throwsPromptSpecError(
    () => parseTemplate('see ${not closed', 'p block b'),
    /^p block b: malformed placeholder "\$\{not closed"/,
  );
  throwsPromptSpecError(() => parseTemplate('${1x}', 'p'), /malformed placeholder "\$\{1x\}"/);
  throwsPromptSpecError(() => parseTemplate('${}', 'p'), /malformed placeholder/);
  throwsPromptSpecError(() => substitute('${who}', {}, 'p'), /^p: missing variables \[who\]$/);
});

test('a private registry renders the escape through render()', () => {
  const registry = new PromptRegistry();
  registry.register(spec('test.escape', ['x'], block('role', 'Use $${x} literally; x is ${x}.')));
  assert.equal(registry.render('test.escape', { x: '42' }), '<role>\nUse ${x} literally; x is 42.\n</role>');
  assert.deepEqual(registry.ids(), ['test.escape']);
});

test('register refuses duplicates, undeclared or unused variables, malformed text and bad block names', () => {
  const registry = new PromptRegistry();
  registry.register(spec('test.one', [], block('role', 'fixed')));
  throwsPromptSpecError(
    () => registry.register(spec('test.one', [], block('role', 'again'))),
    /duplicate PromptSpec id: test\.one/,
  );
  throwsPromptSpecError(
    () => registry.register(spec('test.undeclared', [], block('role', 'hi ${who}'))),
    /^test\.undeclared: undeclared variables used \[who\]$/,
  );
  throwsPromptSpecError(
    () => registry.register(spec('test.unused', ['who'], block('role', 'hi'))),
    /^test\.unused: declared variables never used \[who\]$/,
  );
  throwsPromptSpecError(
    () => registry.register(spec('test.bad', [], block('role', 'a ${ b'))),
    /test\.bad block role: malformed placeholder/,
  );
  throwsPromptSpecError(
    () => registry.register(spec('test.blocks', [], block('role', 'a'), block('role', 'b'))),
    /test\.blocks: block names must be unique/,
  );
  throwsPromptSpecError(
    () => registry.register(spec('test.profile', ['workedExamples'], block('examples', '${workedExamples}'))),
    /test\.profile: profile variables need the language variable/,
  );
  assert.deepEqual(registry.ids(), ['test.one']);
});

test('definePrompt gives typed placeholders and sorted variables', () => {
  const defined = definePrompt({
    id: 'build.fixer',
    version: '9.9.9',
    variables: ['zeta', 'alpha'],
    blocks: (v) => [block('role', `${v.alpha} then ${v.zeta}`)],
  });
  assert.deepEqual(defined.variables, ['alpha', 'zeta']);
  assert.equal(defined.blocks[0]?.content, '<role>\n${alpha} then ${zeta}\n</role>');
});
