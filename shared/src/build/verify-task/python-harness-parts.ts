/**
 * The fixed pieces every generated Python harness shares (reference §5.9 "Harness semantics"): the header,
 * the import-path setup and fixture loading, finding a callable in the module candidates, the error-case
 * check, and the runner that makes `python3 <harness>` do what pytest does (every case, then the case
 * count) without pytest installed. `python-harness.ts` puts them around the group or scenario body.
 *
 * Tokens: `__TITLE__`, `__FIXTURE_TEXT__` (comment text), `__DEPTH__` (folders between the harness and the
 * output root), `__FIXTURE_LITERAL__`, `__COUNT__`, `__MODULES__` (a list literal), `__SAFE_NAME__`.
 * A piece whose Python source holds a backslash must be a `String.raw` template.
 */

export const PY_HEADER = `# Verification harness written by Ossature for __TITLE__. Do not edit: every build writes it again.
#
# Cases: __FIXTURE_TEXT__
# Ossature writes them from the spec author's .vmd file. Their expected values are the author's and
# define correct behaviour; this file holds none of them.
#
# Run it with pytest, or on its own: python3 <this file> (exit status 1 when a case fails).

`;

export const PY_SETUP = `
try:
    import pytest
except ImportError:
    pytest = None  # python3 <this file> runs the cases itself: see the end of the file

ROOT = Path(__file__).resolve().parents[__DEPTH__]
for _folder in (ROOT / "src", ROOT):
    if _folder.is_dir() and str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))

FIXTURE = json.loads((ROOT / __FIXTURE_LITERAL__).read_text(encoding="utf-8"))
CASES = FIXTURE["cases"]
EXPECTED_CASE_COUNT = __COUNT__
MODULE_CANDIDATES = __MODULES__

_MISSING = object()
_FOUND = {}


def find_callable(name):
    """The attribute name of the first module candidate that has it (a dotted name walks attributes)."""
    if name in _FOUND:
        return _FOUND[name]
    tried = []
    for module_name in MODULE_CANDIDATES:
        try:
            found = importlib.import_module(module_name)
        except ImportError as error:
            tried.append(f"{module_name}: {error}")
            continue
        for part in name.split("."):
            found = getattr(found, part, _MISSING)
            if found is _MISSING:
                break
        if found is not _MISSING:
            _FOUND[name] = found
            return found
        tried.append(f"module {module_name} has no {name!r}")
    raise LookupError(f"{name!r} not found; tried " + ("; ".join(tried) or "no modules (none were found)"))


def expect_error(call, case):
    """The call must raise the case's error type (last dotted part compared) with its message in the text."""
    try:
        call()
    except Exception as error:
        raised = error
    else:
        raise AssertionError(f"expected {case['error_type']} to be raised, but the call returned normally")
    actual = type(raised).__name__
    expected = case["error_type"].rsplit(".", 1)[-1]
    assert actual == expected, f"expected {expected}, got {actual}: {raised}"
    if case["error_message"]:
        assert case["error_message"] in str(raised), (
            f"{actual} was raised, but its message {str(raised)!r} does not contain {case['error_message']!r}"
        )
`;

export const PY_RUNNER = `

def test___SAFE_NAME_____COUNT_NAME__():
    assert len(CASES) == EXPECTED_CASE_COUNT, (
        f"the fixture holds {len(CASES)} case(s); {EXPECTED_CASE_COUNT} were there when this harness was generated"
    )


def run_all():
    """Runs every case, then the count check, printing one line each; the exit status of python3 <this file>."""
    ran = failed = 0
    for case in CASES:
        ran += 1
        try:
            check_case(case)
        except AssertionError as error:
            failed += 1
            print(f"FAIL {case['name']}: {error or 'assertion failed'}")
        except (Exception, SystemExit) as error:
            failed += 1
            print(f"FAIL {case['name']}: {type(error).__name__}: {error}")
            trace = traceback.format_exception(type(error), error, error.__traceback__)
            print("".join("    " + line for line in "".join(trace).splitlines(True)), end="")
        else:
            print(f"ok   {case['name']}")
    print(f"{ran} case(s): {ran - failed} passed, {failed} failed")
    if ran != EXPECTED_CASE_COUNT:
        print(f"FAIL case count: ran {ran} case(s); {EXPECTED_CASE_COUNT} were there when this harness was generated")
        failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(run_all())
`;
