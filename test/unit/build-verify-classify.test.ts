import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { looksLikeInvalidVerifyCommand } from '../../shared/src/build/verify-classify';
import { makeProject } from '../support/project';

const root = makeProject({
  'out/src/main.rs': 'fn main() {}\n',
  'out/src/index.ts': 'export const x = 1;\n',
  'out/tests/test_cli.py': 'def test_usage(): pass\n',
});
const out = join(root, 'out');
after(() => rmSync(root, { recursive: true, force: true }));

/** Outputs of verify commands that are themselves wrong: the fix loop cannot help. */
const invalidCommands: Record<string, string> = {
  'cargo, misspelt flag': `error: unexpected argument '--releas' found

  tip: a similar argument exists: '--release'

Usage: cargo build --release [OPTIONS]

For more information, try '--help'.`,
  'cargo, unknown subcommand': `error: no such command: \`tset\`

	Did you mean \`test\`?

	View all installed commands with \`cargo --list\`
	Find a package to install \`tset\` with \`cargo search cargo-tset\`
error: no such subcommand: \`tset\``,
  'node, unknown flag': 'node: bad option: --experimental-fetchh',
  'pytest, unknown option (its rootdir is the output dir itself)': `ERROR: usage: pytest [options] [file_or_dir] [file_or_dir] [...]
pytest: error: unrecognized arguments: --covv
  inifile: None
  rootdir: ${out}`,
  'npm, missing script': `npm error Missing script: "tset"
npm error
npm error Did you mean this?
npm error   npm test # Test a package
npm error
npm error To see a list of scripts, run:
npm error   npm run
npm error A complete log of this run can be found in: /root/.npm/_logs/2025-05-01T10_00_00_000Z-debug-0.log`,
  'npm, unknown command': `Unknown command: "tset"

Did you mean this?
  npm test # Test a package
To see a list of supported npm commands, run:
  npm help`,
  'tsc, unknown compiler option': `error TS5023: Unknown compiler option '--strictt'.`,
  'python, unknown option': `unknown option --verion
usage: python3 [option] ... [-c cmd | -m mod | file | -] [arg] ...
Try \`python -h' for more information.`,
  'sh (dash), program not installed': '/bin/sh: 1: pytets: not found',
  'bash, program not installed': 'bash: line 1: pytets: command not found',
};

/** Outputs of commands that ran fine and found broken code: the fixer should get them. */
const codeFailures: Record<string, string> = {
  'rustc, call with an extra argument (relative path into the project)': `   Compiling app v0.1.0 (${out})
error[E0061]: this function takes 1 argument but 2 arguments were supplied
 --> src/main.rs:4:5
  |
4 |     add(1, 2);
  |     ^^^    - unexpected argument #2 of type \`{integer}\`
  |
note: function defined here
 --> src/main.rs:1:4`,
  'node, runtime error thrown by the code (absolute path into the project)': `${out}/src/index.js:3
    throw new Error('invalid argument: amount');
    ^

Error: invalid argument: amount
    at Object.<anonymous> (${out}/src/index.js:3:11)
    at Module._compile (node:internal/modules/cjs/loader:1364:14)`,
  'pytest, a failing test about the usage text': `=================================== FAILURES ===================================
_________________________________ test_usage __________________________________

    def test_usage():
>       assert "usage:" in run_cli(["--help"])
E       AssertionError: assert 'usage:' in ''

tests/test_cli.py:12: AssertionError
=========================== short test summary info ============================
FAILED tests/test_cli.py::test_usage - AssertionError: assert 'usage:' in ''`,
  'python, a traceback from the code': `Traceback (most recent call last):
  File "${out}/app/main.py", line 3, in <module>
    Color("purple")
ValueError: 'purple' is not a valid Color`,
  'tsc, a type error': `src/index.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.`,
  'cargo test, a failing assertion': `running 1 test
test tests::adds ... FAILED

failures:

---- tests::adds stdout ----
thread 'tests::adds' panicked at src/main.rs:9:9:
assertion \`left == right\` failed
  left: 3
 right: 4`,
  'an Error: line naming a path': 'Error: invalid argument in /etc/app/config.json',
  'only a hint mentions usage': 'hint: usage: run `cargo fix` to apply suggestions',
  'a missing build artifact (a path, not a tool)': '/bin/sh: 1: ./target/debug/app: not found',
};

for (const [name, output] of Object.entries(invalidCommands)) {
  test(`an invalid verify command: ${name}`, () => {
    assert.equal(looksLikeInvalidVerifyCommand(output, out), true);
  });
}

for (const [name, output] of Object.entries(codeFailures)) {
  test(`a code failure, not the command: ${name}`, () => {
    assert.equal(looksLikeInvalidVerifyCommand(output, out), false);
  });
}

test('a relative path counts only when the file exists in the output dir', () => {
  const output = `error: unexpected argument '--x' found\n --> src/missing.rs:1:1`;
  assert.equal(looksLikeInvalidVerifyCommand(output, out), true);
  assert.equal(looksLikeInvalidVerifyCommand(output.replace('missing.rs', 'main.rs'), out), false);
});

test('the `$ command` headers of a multi-command run do not count as paths into the project', () => {
  const output = `$ cargo build\n$ node src/index.ts --bogus\nnode: bad option: --bogus`;
  assert.equal(looksLikeInvalidVerifyCommand(output, out), true);
});

test('empty output is not an invalid command', () => {
  assert.equal(looksLikeInvalidVerifyCommand('', out), false);
  assert.equal(looksLikeInvalidVerifyCommand('\n  \n', out), false);
});
