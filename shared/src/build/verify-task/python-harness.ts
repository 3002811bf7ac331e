import { PY_HEADER, PY_RUNNER, PY_SETUP } from './python-harness-parts';
import { pyJsonDumps, pyJsonString } from './python-json';
import { commentText, fillTemplate, folderDepth } from './template';

/**
 * The generated Python harnesses (reference §5.9): one for a table group, one for a VMD file's scenarios
 * (call scenarios and command scenarios). Both are pytest modules that also run on their own with
 * `python3 <harness>`. The cases live in the fixture; a harness holds only the code that checks them.
 *
 * Table groups: decimal params become exact `Decimal`s; an argument goes by keyword when the real signature
 * has a parameter of that name, else by position; error cases compare the exception's class name and an
 * optional message substring; `ok` cases only call; values compare under the group's modes (`struct`
 * turns named tuples and tuples into dicts and lists, `decimal` numbers and numeric strings into
 * `Decimal`s, `matches` regex-searches the string form, `unordered` compares sorted JSON forms, `approx`
 * allows the absolute tolerance given or pytest's default `max(1e-6 × |expected|, 1e-12)`), else `==`.
 *
 * Scenarios: a call goes positionally (keyword-only parameters by name) and compares with `==`; each
 * command scenario runs its steps in one fresh temporary folder, 60 s per step, the program looked up in
 * `target/release`, `target/debug`, `zig-out/bin`, `build`, `bin` and the output root, then on PATH.
 */

const GROUP_BODY = `import importlib
import inspect
import json
import re
import sys
import traceback
from decimal import Decimal
from pathlib import Path
${PY_SETUP}
PARAMS = FIXTURE["params"]
MODES = set(FIXTURE["compare"]["modes"])
APPROX_TOL = FIXTURE["compare"]["approx_tol"]


def argument(value, param):
    if param["type"] == "decimal" and isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return Decimal(str(value))
    return value


def call_target(case):
    target = find_callable(FIXTURE["target"])
    values = [argument(value, param) for value, param in zip(case["inputs"], PARAMS)]
    try:
        accepted = inspect.signature(target).parameters
    except (TypeError, ValueError):
        return target(*values)
    args, keywords = [], {}
    for value, param in zip(values, PARAMS):
        real = accepted.get(param["name"])
        if real is None or real.kind in (real.POSITIONAL_ONLY, real.VAR_POSITIONAL, real.VAR_KEYWORD):
            args.append(value)
        else:
            keywords[param["name"]] = value
    return target(*args, **keywords)


def as_struct(value):
    if hasattr(value, "_asdict"):
        return {key: as_struct(item) for key, item in value._asdict().items()}
    if isinstance(value, dict):
        return {key: as_struct(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [as_struct(item) for item in value]
    return value


def as_decimal(value):
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return Decimal(str(value))
    if isinstance(value, str):
        try:
            return Decimal(value)
        except ArithmeticError:
            return value
    if isinstance(value, dict):
        return {key: as_decimal(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [as_decimal(item) for item in value]
    return value


def is_number(value):
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def approx_equal(actual, expected):
    if isinstance(expected, dict):
        return (
            isinstance(actual, dict)
            and actual.keys() == expected.keys()
            and all(approx_equal(actual[key], expected[key]) for key in expected)
        )
    if isinstance(expected, (list, tuple)):
        return (
            isinstance(actual, (list, tuple))
            and len(actual) == len(expected)
            and all(approx_equal(a, e) for a, e in zip(actual, expected))
        )
    if not (is_number(actual) and is_number(expected)):
        return actual == expected
    if actual == expected:
        return True
    if isinstance(actual, Decimal) or isinstance(expected, Decimal):
        actual, expected = Decimal(str(actual)), Decimal(str(expected))
        if APPROX_TOL is not None:
            return abs(actual - expected) <= Decimal(str(APPROX_TOL))
        return abs(actual - expected) <= max(Decimal("1e-6") * abs(expected), Decimal("1e-12"))
    if APPROX_TOL is not None:
        return abs(actual - expected) <= APPROX_TOL
    return abs(actual - expected) <= max(1e-6 * abs(expected), 1e-12)


def sort_key(value):
    return json.dumps(value, sort_keys=True, default=str)


def assert_matches(actual, expected):
    if "struct" in MODES:
        actual, expected = as_struct(actual), as_struct(expected)
    if "decimal" in MODES:
        actual, expected = as_decimal(actual), as_decimal(expected)
    if "matches" in MODES:
        assert re.search(expected, str(actual)), f"{actual!r} does not match the pattern {expected!r}"
    elif "unordered" in MODES:
        assert sorted(map(sort_key, actual)) == sorted(map(sort_key, expected)), (
            f"{actual!r} does not hold the same items as {expected!r} (order aside)"
        )
    elif "approx" in MODES:
        tolerance = "the default tolerance" if APPROX_TOL is None else f"{APPROX_TOL}"
        assert approx_equal(actual, expected), f"{actual!r} is not within {tolerance} of {expected!r}"
    else:
        assert actual == expected, f"got {actual!r}, expected {expected!r}"


def check_case(case):
    find_callable(FIXTURE["target"])
    if case["expect"] == "error":
        expect_error(lambda: call_target(case), case)
    elif case["expect"] == "ok":
        call_target(case)
    else:
        assert_matches(call_target(case), case["expected"])


if pytest is not None:

    @pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
    def test___SAFE_NAME___cases(case):
        check_case(case)
${PY_RUNNER}`;

const SCENARIOS_BODY = String.raw`import importlib
import inspect
import json
import os
import re
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path
${PY_SETUP}
PROGRAM_FOLDERS = ("target/release", "target/debug", "zig-out/bin", "build", "bin", ".")
STEP_TIMEOUT = 60


def call_scenario(case):
    target = find_callable(case["target"])
    args = case["args"]
    try:
        params = list(inspect.signature(target).parameters.values())
    except (TypeError, ValueError):
        return target(*args)
    positional, keywords = [], {}
    for value, param in zip(args, params):
        if param.kind is param.KEYWORD_ONLY:
            keywords[param.name] = value
        else:
            positional.append(value)
    positional.extend(args[len(params):])
    return target(*positional, **keywords)


def find_program(name):
    names = [name, name + ".exe"] if os.name == "nt" else [name]
    for folder in PROGRAM_FOLDERS:
        for candidate in names:
            path = ROOT / folder / candidate
            if path.is_file() and os.access(path, os.X_OK):
                return str(path)
    return name


def word(item):
    if isinstance(item, dict) and "__bytes__" in item:
        return bytes(item["__bytes__"])
    return item


def text(data):
    return data.decode("utf-8", errors="replace")


def same_output(actual, expected):
    """Equal, with one trailing newline tolerated."""
    return actual == expected or actual == expected + "\n"


def check_stream(label, channel, data, mode, expected):
    actual = text(data)
    if mode == "empty":
        assert actual == "", f"{label}: {channel} should be empty, got {actual!r}"
    elif mode == "has":
        assert expected in actual, f"{label}: {channel} {actual!r} does not contain {expected!r}"
    elif mode == "matches":
        assert re.search(expected, actual), f"{label}: {channel} {actual!r} does not match {expected!r}"
    else:
        assert same_output(actual, expected), f"{label}: {channel} is {actual!r}, expected {expected!r}"


def run_command_scenario(case):
    with tempfile.TemporaryDirectory(prefix="ossature-scenario-") as workdir:
        for number, step in enumerate(case["steps"], 1):
            label = f"{case['name']} step {number}"
            argv = [word(item) for item in step["argv"]]
            if isinstance(argv[0], str):
                argv[0] = find_program(argv[0])
            try:
                done = subprocess.run(argv, cwd=workdir, capture_output=True, timeout=STEP_TIMEOUT)
            except FileNotFoundError:
                raise AssertionError(
                    f"{label}: program {argv[0]!r} not found (looked in {', '.join(PROGRAM_FOLDERS)} "
                    "of the output folder, then on PATH)"
                ) from None
            except subprocess.TimeoutExpired:
                raise AssertionError(f"{label}: still running after {STEP_TIMEOUT} s") from None
            assert done.returncode == step["exit"], (
                f"{label}: exit status {done.returncode}, expected {step['exit']}; stderr: {text(done.stderr)!r}"
            )
            if step["stdout_lines"] is not None:
                expected = "\n".join(step["stdout_lines"])
                actual = text(done.stdout)
                assert same_output(actual, expected), f"{label}: stdout is {actual!r}, expected {expected!r}"
            if step["stdout_mode"]:
                check_stream(label, "stdout", done.stdout, step["stdout_mode"], step["stdout"])
            if step["stderr_mode"]:
                check_stream(label, "stderr", done.stderr, step["stderr_mode"], step["stderr"])


def check_case(case):
    if case["kind"] == "command":
        run_command_scenario(case)
        return
    find_callable(case["target"])
    if case["expect"] == "error":
        expect_error(lambda: call_scenario(case), case)
    elif case["expect"] == "ok":
        call_scenario(case)
    else:
        actual = call_scenario(case)
        assert actual == case["expected"], f"{case['target']} returned {actual!r}, expected {case['expected']!r}"


if pytest is not None:

    @pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
    def test___SAFE_NAME___scenarios(case):
        check_case(case)
${PY_RUNNER}`;

/** What a harness is generated from. */
export interface HarnessInput {
  /** Output-relative path of the harness itself (decides how far up the output root is). */
  harnessPath: string;
  /** Output-relative path of the fixture. */
  fixturePath: string;
  caseCount: number;
  moduleCandidates: readonly string[];
}

/** Characters other than `[A-Za-z0-9_]` → `_`. */
const safeName = (text: string) => text.replace(/[^A-Za-z0-9_]/g, '_');

function render(body: string, input: HarnessInput, title: string, name: string, countName: string): string {
  return fillTemplate(PY_HEADER + body, {
    TITLE: commentText(title),
    FIXTURE_TEXT: commentText(input.fixturePath),
    DEPTH: String(folderDepth(input.harnessPath)),
    FIXTURE_LITERAL: pyJsonString(input.fixturePath),
    COUNT: String(input.caseCount),
    MODULES: pyJsonDumps([...input.moduleCandidates]),
    SAFE_NAME: safeName(name),
    COUNT_NAME: countName,
  });
}

/** The pytest (and stand-alone) harness of a table group. */
export function renderPythonGroupHarness(input: HarnessInput, target: string): string {
  return render(GROUP_BODY, input, target, target, 'case_count');
}

/** The pytest (and stand-alone) harness of a VMD file's scenarios; `stem` names the bundle. */
export function renderPythonScenariosHarness(input: HarnessInput, stem: string): string {
  return render(SCENARIOS_BODY, input, `the scenarios of ${stem}`, stem, 'scenario_count');
}
