import { VMD_CODES } from '../../diagnostics/codes-vmd';
import type { CallStep, Given, Scenario } from '../../model/vmd';
import { type Range, range } from '../../text/range';
import { closestMatches } from '../../util/did-you-mean';
import { parseCallArgs } from './call-args';
import { parseCommandThen, parseWhenCommand, type StepState } from './command-steps';
import { firstWord, type Span, spanRange, sub, trimSpan, type VmdContext } from './context';
import { parseErrorExpectation } from './groups';
import { parseJson } from './json-cell';

/** `scenario <words>:`; an empty name is matched too, so it can be reported as such. */
const SCENARIO_HEADER = /^scenario(?:\s+(.*))?:$/d;
const GIVEN = /^given\s+([A-Za-z_][A-Za-z0-9_]*)\s*(?:=\s*(.+))?$/d;
const CALL = /^([A-Za-z_][A-Za-z0-9_.-]*)\((.*)\)$/d;
const STEP_WORDS = ['given', 'when', 'then'];

/** A scenario being read. */
export interface ScenarioBuilder {
  scenario: Scenario;
  /** Bindings by name; a binding whose line had an error is kept (value undefined) so uses of it stay quiet. */
  givens: Map<string, Given>;
  /** Any `when` line, valid or not. */
  whenSeen: boolean;
  /** Set by the first valid `when`. */
  kind?: 'call' | 'command';
  /** Any `then` line of a call scenario, valid or not. */
  callThenSeen: boolean;
  step?: StepState;
  /** A `>` line without a command was reported; cleared by the next other line. */
  orphanOutputReported: boolean;
}

export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** A `scenario <words>:` header, or undefined when `line` is not one. */
export function parseScenarioHeader(
  ctx: VmdContext,
  line: Span,
  seen: Map<string, Range>,
): ScenarioBuilder | undefined {
  const m = SCENARIO_HEADER.exec(line.text);
  if (!m?.indices) return undefined;
  const [a, b] = m.indices[1] ?? [line.text.length - 1, line.text.length - 1];
  const nameSpan = trimSpan(sub(line, a, b));
  const nameRange = nameSpan.text ? spanRange(nameSpan) : spanRange(line);
  const slug = slugify(nameSpan.text);
  const scenario: Scenario = {
    name: nameSpan.text,
    slug,
    nameRange,
    range: spanRange(line),
    kind: 'command',
    covers: ctx.takeCovers(),
    givens: [],
    steps: [],
  };
  if (!slug) {
    ctx.report(
      VMD_CODES.scenarioNameEmpty,
      nameRange,
      nameSpan.text
        ? `Scenario name '${nameSpan.text}' needs at least one word of letters or digits (it names the case).`
        : "Scenario needs a name: write 'scenario <what it shows>:'.",
    );
  } else {
    const first = seen.get(slug);
    if (first) {
      ctx.report(
        VMD_CODES.scenarioDuplicate,
        nameRange,
        `Scenario '${nameSpan.text}' has the same name (slug '${slug}') as an earlier scenario; give it a different name.`,
        { related: [{ range: first, message: 'first scenario with this name' }] },
      );
    } else {
      seen.set(slug, nameRange);
    }
  }
  return { scenario, givens: new Map(), whenSeen: false, callThenSeen: false, orphanOutputReported: false };
}

/** Grows the scenario's range (and the current command step's) to include `line`. */
function extend(b: ScenarioBuilder, line: Span, step = false): void {
  const end = line.start + line.text.length;
  const s = b.scenario.range.start;
  b.scenario.range = range(s.line, s.character, line.line, end);
  if (step && b.step) {
    const t = b.step.step.range.start;
    b.step.step.range = range(t.line, t.character, line.line, end);
  }
}

/** A verbatim `> text` output line (`line` is the raw line, trimmed: `#` is literal here). */
export function parseOutputLine(ctx: VmdContext, b: ScenarioBuilder, line: Span): void {
  extend(b, line, true);
  const state = b.step;
  if (b.kind !== 'command' || !state) {
    if (!b.orphanOutputReported) {
      b.orphanOutputReported = true;
      ctx.report(
        VMD_CODES.outputWithoutCommand,
        spanRange(line),
        "'>' output lines need a preceding 'when $ command' step: they are the expected stdout of that command.",
      );
    }
    return;
  }
  if (state.step.stdoutMode) {
    if (!state.outputConflictReported) {
      state.outputConflictReported = true;
      ctx.report(
        VMD_CODES.outputWithStdoutCheck,
        spanRange(line),
        `Scenario '${b.scenario.name}': '>' lines and a 'then stdout' check are mutually exclusive; keep one of them.`,
        state.stdoutThen
          ? { related: [{ range: state.stdoutThen, message: "the 'then stdout' check" }] }
          : {},
      );
    }
    return;
  }
  let content = line.text.slice(1);
  if (content.startsWith(' ')) content = content.slice(1);
  state.step.stdoutLines ??= [];
  state.step.stdoutLines.push(content);
  if (!state.firstOutput) state.firstOutput = spanRange(line);
}

/** One `given` / `when` / `then` line (trimmed, comment removed). */
export function parseScenarioStep(ctx: VmdContext, b: ScenarioBuilder, line: Span): void {
  b.orphanOutputReported = false;
  const { word, rest } = firstWord(line);
  switch (word.text) {
    case 'given':
      extend(b, line);
      parseGiven(ctx, b, line);
      return;
    case 'when':
      extend(b, line);
      parseWhen(ctx, b, line, rest);
      return;
    case 'then':
      extend(b, line, true);
      parseThen(ctx, b, line, rest);
      return;
  }
  const near = closestMatches(word.text, STEP_WORDS);
  const wordRange = spanRange(word);
  ctx.report(
    VMD_CODES.scenarioUnexpectedLine,
    spanRange(line),
    `Unexpected line in scenario '${b.scenario.name}': inside a scenario, lines must start with given, when, then, or >${near.length ? ` (did you mean '${near[0]}'?)` : ''}. End the scenario with a blank line first.`,
    { fixes: near.map((n, i) => ctx.replaceFix(`Change to '${n}'`, wordRange, n, i === 0)) },
  );
}

function parseGiven(ctx: VmdContext, b: ScenarioBuilder, line: Span): void {
  if (b.whenSeen) {
    ctx.report(
      VMD_CODES.givenAfterWhen,
      spanRange(line),
      "'given' steps come before the first 'when': move this line up.",
    );
    return;
  }
  const m = GIVEN.exec(line.text);
  if (!m?.indices) {
    ctx.report(
      VMD_CODES.givenMalformed,
      spanRange(line),
      "Malformed given: write 'given name = <JSON>' to bind a value, or 'given FIXTURE' to use a fixture.",
    );
    return;
  }
  const [na, nb] = m.indices[1]!;
  const name = m[1]!;
  const nameRange = spanRange(sub(line, na, nb));
  const first = b.givens.get(name);
  if (first) {
    ctx.report(
      VMD_CODES.givenDuplicate,
      nameRange,
      `Duplicate given '${name}': each binding needs its own name.`,
      {
        related: [{ range: first.nameRange, message: `'${name}' first bound here` }],
      },
    );
    return;
  }
  const given: Given = { name, range: spanRange(line), nameRange };
  b.givens.set(name, given);
  const valueIndices = m.indices[2];
  if (!valueIndices) {
    const fixture = ctx.fixtures.get(name);
    if (!fixture) {
      const near = closestMatches(name, ctx.fixtures.keys());
      ctx.report(
        VMD_CODES.givenUnknownFixture,
        nameRange,
        `'given ${name}' references unknown fixture '${name}'${near.length ? ` (did you mean ${near[0]}?)` : ''}: define it with \`@fixture ${name} = <JSON>\`, or bind a value with 'given ${name} = <JSON>'.`,
        { fixes: near.map((n, i) => ctx.replaceFix(`Change to '${n}'`, nameRange, n, i === 0)) },
      );
      return;
    }
    given.fixture = name;
    if (fixture.opaque) given.opaque = true;
    else {
      given.value = fixture.value;
      if (fixture.raw !== undefined) given.raw = fixture.raw;
    }
    b.scenario.givens.push(given);
    return;
  }
  const valueSpan = trimSpan(sub(line, valueIndices[0], valueIndices[1]));
  const json = parseJson(valueSpan.text);
  if (!json.ok) {
    ctx.report(
      VMD_CODES.givenInvalidJson,
      spanRange(valueSpan),
      `Given '${name}' value is not valid JSON (${json.message}); quote strings ("text").`,
    );
    return;
  }
  given.value = json.value;
  given.raw = valueSpan.text;
  b.scenario.givens.push(given);
}

function parseWhen(ctx: VmdContext, b: ScenarioBuilder, line: Span, rest: Span): void {
  b.whenSeen = true;
  if (rest.text.startsWith('$')) {
    if (b.kind === 'call') {
      reportMixed(ctx, b, line);
      return;
    }
    b.kind = 'command';
    b.scenario.kind = 'command';
    b.step = parseWhenCommand(ctx, line, rest);
    b.scenario.steps.push(b.step.step);
    return;
  }
  const m = CALL.exec(rest.text);
  if (!m?.indices) {
    ctx.report(
      VMD_CODES.whenMalformed,
      spanRange(line),
      "Malformed when: write 'when target(args)' to call a function, or 'when $ program args' to run a command.",
    );
    return;
  }
  if (b.kind === 'command') {
    reportMixed(ctx, b, line);
    return;
  }
  const call = b.scenario.call;
  if (call) {
    ctx.report(
      VMD_CODES.callSecondWhen,
      spanRange(line),
      "A function scenario has exactly one 'when' step; sequences are for command scenarios. Split this into another scenario.",
      { related: [{ range: call.range, message: "the scenario's 'when'" }] },
    );
    return;
  }
  const [ta, tb] = m.indices[1]!;
  const [aa, ab] = m.indices[2]!;
  const args = parseCallArgs(ctx, sub(rest, aa, ab), b.givens);
  const step: CallStep = {
    target: m[1]!,
    targetRange: spanRange(sub(rest, ta, tb)),
    range: spanRange(line),
    ...args,
  };
  b.kind = 'call';
  b.scenario.kind = 'call';
  b.scenario.call = step;
}

function reportMixed(ctx: VmdContext, b: ScenarioBuilder, line: Span): void {
  ctx.report(
    VMD_CODES.scenarioMixedSteps,
    spanRange(line),
    `Scenario '${b.scenario.name}' mixes call and command steps; use two scenarios.`,
  );
}

function parseThen(ctx: VmdContext, b: ScenarioBuilder, line: Span, rest: Span): void {
  if (!b.whenSeen) {
    ctx.report(
      VMD_CODES.thenWithoutWhen,
      spanRange(line),
      "'then' needs a preceding 'when' step: write the 'when' (what happens) before the 'then' (what to expect).",
    );
    return;
  }
  if (b.kind === 'command' && b.step) parseCommandThen(ctx, b.scenario.name, b.step, line, rest);
  else if (b.kind === 'call' && b.scenario.call) parseCallThen(ctx, b, b.scenario.call, line, rest);
  // Otherwise the `when` was malformed and already reported.
}

function parseCallThen(ctx: VmdContext, b: ScenarioBuilder, call: CallStep, line: Span, rest: Span): void {
  b.callThenSeen = true;
  if (call.expectKind) {
    ctx.report(
      VMD_CODES.callSecondThen,
      spanRange(line),
      `Scenario '${b.scenario.name}': a function scenario has one 'then'; remove this one or split the scenario.`,
      call.thenRange ? { related: [{ range: call.thenRange, message: "the scenario's 'then'" }] } : {},
    );
    return;
  }
  const text = rest.text;
  if (text === 'ok') {
    setOutcome(call, line, { expectKind: 'ok' });
  } else if (text.startsWith('returns')) {
    const value = trimSpan(sub(rest, 'returns'.length));
    const json = parseJson(value.text);
    if (!json.ok) {
      ctx.report(
        VMD_CODES.thenReturnsInvalidJson,
        value.text ? spanRange(value) : spanRange(line),
        `'then returns' needs a JSON value (${json.message}); quote strings ("text").`,
      );
      return;
    }
    setOutcome(call, line, { expectKind: 'value', expected: json.value, rawExpected: value.text });
  } else if (text.startsWith('raises')) {
    const error = parseErrorExpectation(
      ctx,
      sub(rest, 'raises'.length),
      spanRange(line),
      `scenario '${b.scenario.name}'`,
    );
    if (error) setOutcome(call, line, { expectKind: 'error', ...error });
  } else {
    ctx.report(
      VMD_CODES.thenMalformed,
      spanRange(line),
      `Expected 'then returns <JSON>', 'then raises Type: message', or 'then ok' in a function scenario, got 'then ${text}'.`,
    );
  }
}

type Outcome = Pick<
  CallStep,
  'expectKind' | 'expected' | 'rawExpected' | 'errorType' | 'errorMessage' | 'errorRange'
>;

function setOutcome(call: CallStep, line: Span, outcome: Outcome): void {
  Object.assign(call, outcome);
  call.thenRange = spanRange(line);
}

/** Checks that need the whole scenario. */
export function finishScenario(ctx: VmdContext, b: ScenarioBuilder): void {
  const { scenario } = b;
  if (!b.whenSeen) {
    ctx.report(
      VMD_CODES.scenarioNoWhen,
      scenario.nameRange,
      `Scenario '${scenario.name}' has no 'when' step: add 'when target(args)' or 'when $ command'.`,
    );
  } else if (b.kind === 'call' && scenario.call && !b.callThenSeen) {
    ctx.report(
      VMD_CODES.callNoThen,
      scenario.call.range,
      `Scenario '${scenario.name}': the 'when' call has no 'then'; add 'then returns <JSON>', 'then raises Type', or 'then ok'.`,
    );
  }
}
