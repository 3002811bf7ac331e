import { SCENARIOS_GROUP } from '../../audit/vmd-tasks';
import type { CommandStep, Group, Scenario, ValueCase } from '../../model/vmd';
import { PyInt, type PyValue, pyDict, pyJsonDumps, pyValueOf } from './python-json';

/**
 * The canonical fixture files of VMD verify tasks (reference §5.9, format 1): the author's cases as the
 * generated harness reads them, written by Ossature and never by a model. Byte-for-byte what the original
 * writes for the same cases (sorted keys, compact separators, ASCII only, one trailing newline), so a
 * project built by either tool keeps its input hashes. Comments and alignment in the `.vmd` do not show
 * here; any change to a case does.
 */

export const FIXTURE_FORMAT = 1;

function expectation(c: {
  expectKind?: string;
  expected?: unknown;
  rawExpected?: string;
  errorType?: string;
  errorMessage?: string;
}): Record<string, PyValue> {
  return {
    expect: c.expectKind ?? '',
    expected: c.expectKind === 'value' ? pyValueOf(c.rawExpected, c.expected) : null,
    error_type: c.errorType ?? '',
    error_message: c.errorMessage ?? '',
  };
}

function valueCase(c: ValueCase): PyValue {
  return pyDict({
    name: c.name,
    inputs: c.inputs.map((input, i) => pyValueOf(c.rawInputs[i], input)),
    ...expectation(c),
  });
}

/** The fixture text of a table group. */
export function serializeGroup(group: Group): string {
  const data = pyDict({
    format: new PyInt(FIXTURE_FORMAT),
    kind: 'value',
    target: group.name,
    params: group.params.filter((p) => !p.opaque).map((p) => pyDict({ name: p.name, type: p.type ?? '' })),
    compare: pyDict({
      modes: [...group.compareModes].sort(),
      approx_tol: group.approxTol ?? null,
    }),
    cases: group.cases.map(valueCase),
  });
  return `${pyJsonDumps(data)}\n`;
}

function word(item: string | Uint8Array): PyValue {
  return typeof item === 'string' ? item : pyDict({ __bytes__: [...item].map((b) => new PyInt(b)) });
}

function commandStep(step: CommandStep): PyValue {
  return pyDict({
    argv: step.argv.map(word),
    stdout_lines: step.stdoutLines === null ? null : [...step.stdoutLines],
    stdout: step.stdout,
    stdout_mode: step.stdoutMode ?? '',
    exit: new PyInt(step.exitCode),
    stderr: step.stderr,
    stderr_mode: step.stderrMode ?? '',
  });
}

function scenarioCase(scenario: Scenario): PyValue {
  const call = scenario.call;
  if (scenario.kind === 'call' && call) {
    return pyDict({
      name: scenario.slug,
      title: scenario.name,
      kind: 'call',
      target: call.target,
      args: call.args.map((arg, i) => pyValueOf(call.rawArgs[i], arg)),
      ...expectation(call),
    });
  }
  return pyDict({
    name: scenario.slug,
    title: scenario.name,
    kind: 'command',
    steps: scenario.steps.map(commandStep),
  });
}

/** The fixture text of one VMD file's scenario bundle. */
export function serializeScenarios(scenarios: readonly Scenario[]): string {
  const data = pyDict({
    format: new PyInt(FIXTURE_FORMAT),
    kind: 'scenarios',
    target: SCENARIOS_GROUP,
    cases: scenarios.map(scenarioCase),
  });
  return `${pyJsonDumps(data)}\n`;
}
