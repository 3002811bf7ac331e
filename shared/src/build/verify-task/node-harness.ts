import type { HarnessInput } from './python-harness';
import { pyJsonString } from './python-json';
import { commentText, fillTemplate, folderDepth } from './template';

/**
 * The generated Node.js harness for the command scenarios of a project whose output is not Python
 * (`checks/scenarios_<spec>_<stem>.mjs`, run by `node <harness>`; Node 18 or later, no packages). The
 * original ran these through pytest, so a Rust or Go project needed Python and pytest just to run its
 * author's command checks; Node is already there wherever Ossature runs.
 *
 * Same checks as the Python scenario harness: each scenario's steps run in one fresh temporary folder,
 * 60 s per step, the program looked up in `target/release`, `target/debug`, `zig-out/bin`, `build`, `bin`
 * and the output root, then on PATH; exit status, verbatim stdout (one trailing newline tolerated) and
 * `has` / `is` / `matches` / `empty` checks; then the scenario count. Node passes arguments as UTF-8 text,
 * so a step with raw-byte words (`\xNN` that is not UTF-8) runs through `/bin/sh`, whose `printf` builds
 * those words byte for byte. `matches` patterns are Python regexes; `(?P<name>…)`, `(?P=name)` and
 * leading inline flags (`(?i)`, `(?m)`, `(?s)`) are translated, other Python-only syntax is not.
 */

const NODE_TEMPLATE = String.raw`// Verification harness written by Ossature for the scenarios of __TITLE__. Do not edit: every build
// writes it again.
//
// Scenarios: __FIXTURE_TEXT__
// Ossature writes them from the spec author's .vmd file. Their expected results are the author's and
// define correct behaviour; this file holds none of them.
//
// Run it with: node <this file> (Node.js 18 or later, no packages; exit status 1 when a scenario fails).

import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), __UP__);
const FIXTURE = JSON.parse(readFileSync(join(ROOT, __FIXTURE_LITERAL__), 'utf8'));
const CASES = FIXTURE.cases;
const EXPECTED_CASE_COUNT = __COUNT__;
const PROGRAM_FOLDERS = ['target/release', 'target/debug', 'zig-out/bin', 'build', 'bin', '.'];
const STEP_TIMEOUT_MS = 60000;

class CheckFailed extends Error {}

function check(ok, message) {
  if (!ok) throw new CheckFailed(message);
}

const show = (value) => JSON.stringify(value);

function isExecutableFile(path) {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findProgram(name) {
  const names = process.platform === 'win32' ? [name, name + '.exe'] : [name];
  for (const folder of PROGRAM_FOLDERS) {
    for (const candidate of names) {
      const path = resolve(ROOT, folder, candidate);
      if (isExecutableFile(path)) return path;
    }
  }
  return name;
}

function word(item) {
  if (item !== null && typeof item === 'object' && Array.isArray(item.__bytes__)) {
    return Uint8Array.from(item.__bytes__);
  }
  return item;
}

const text = (data) => new TextDecoder('utf-8').decode(data ?? new Uint8Array());

function printfOctal(bytes) {
  return Array.from(bytes, (byte) => '\\' + byte.toString(8).padStart(3, '0')).join('');
}

function runWords(words, cwd) {
  const options = { cwd, timeout: STEP_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, windowsHide: true };
  if (words.every((w) => typeof w === 'string')) return spawnSync(words[0], words.slice(1), options);
  if (process.platform === 'win32') {
    return { error: new Error('words with raw bytes (\\xNN) need a POSIX /bin/sh to pass them') };
  }
  const encoder = new TextEncoder();
  const lines = words.map((w, i) => {
    const bytes = typeof w === 'string' ? encoder.encode(w) : w;
    const name = 'w' + i;
    return name + "=$(printf '" + printfOctal(bytes) + "x'); " + name + '=$' + '{' + name + '%x}';
  });
  lines.push('exec ' + words.map((_, i) => '"$w' + i + '"').join(' '));
  return spawnSync('/bin/sh', ['-c', lines.join('\n')], options);
}

function pythonRegExp(pattern) {
  let body = pattern;
  let flags = '';
  const inline = /^\(\?([aiLmsux]+)\)/.exec(body);
  if (inline) {
    body = body.slice(inline[0].length);
    for (const flag of inline[1]) if ('ims'.includes(flag) && !flags.includes(flag)) flags += flag;
  }
  body = body.replace(/\(\?P</g, '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>');
  return new RegExp(body, flags);
}

const sameOutput = (actual, expected) => actual === expected || actual === expected + '\n';

function checkStream(label, channel, data, mode, expected) {
  const actual = text(data);
  const where = label + ': ' + channel + ' ' + show(actual);
  if (mode === 'empty') check(actual === '', label + ': ' + channel + ' should be empty, got ' + show(actual));
  else if (mode === 'has') check(actual.includes(expected), where + ' does not contain ' + show(expected));
  else if (mode === 'matches') check(pythonRegExp(expected).test(actual), where + ' does not match ' + show(expected));
  else check(sameOutput(actual, expected), label + ': ' + channel + ' is ' + show(actual) + ', expected ' + show(expected));
}

function runStep(scenario, step, index, workdir) {
  const label = scenario.name + ' step ' + (index + 1);
  const words = step.argv.map(word);
  if (typeof words[0] === 'string') words[0] = findProgram(words[0]);
  const done = runWords(words, workdir);
  if (done.error) {
    const code = done.error.code;
    if (code === 'ENOENT') {
      throw new CheckFailed(
        label + ': program ' + show(words[0]) + ' not found (looked in ' + PROGRAM_FOLDERS.join(', ') +
          ' of the output folder, then on PATH)',
      );
    }
    if (code === 'ETIMEDOUT') throw new CheckFailed(label + ': still running after ' + STEP_TIMEOUT_MS / 1000 + ' s');
    throw new CheckFailed(label + ': could not run it: ' + done.error.message);
  }
  const status = done.status === null ? 'none (killed by ' + done.signal + ')' : done.status;
  check(
    done.status === step.exit,
    label + ': exit status ' + status + ', expected ' + step.exit + '; stderr: ' + show(text(done.stderr)),
  );
  if (step.stdout_lines !== null) {
    const expected = step.stdout_lines.join('\n');
    const actual = text(done.stdout);
    check(sameOutput(actual, expected), label + ': stdout is ' + show(actual) + ', expected ' + show(expected));
  }
  if (step.stdout_mode) checkStream(label, 'stdout', done.stdout, step.stdout_mode, step.stdout);
  if (step.stderr_mode) checkStream(label, 'stderr', done.stderr, step.stderr_mode, step.stderr);
}

function runScenario(scenario) {
  if (scenario.kind !== 'command') {
    throw new CheckFailed('calls a function; function scenarios need Python output and the Python harness');
  }
  const workdir = mkdtempSync(join(tmpdir(), 'ossature-scenario-'));
  try {
    scenario.steps.forEach((step, index) => runStep(scenario, step, index, workdir));
  } finally {
    rmSync(workdir, { recursive: true, force: true });
  }
}

let ran = 0;
let failed = 0;
for (const scenario of CASES) {
  ran += 1;
  try {
    runScenario(scenario);
    console.log('ok   ' + scenario.name);
  } catch (error) {
    failed += 1;
    const why = error instanceof CheckFailed ? error.message : String((error && error.stack) || error);
    console.log('FAIL ' + scenario.name + ': ' + why);
  }
}
console.log(ran + ' scenario(s): ' + (ran - failed) + ' passed, ' + failed + ' failed');
if (ran !== EXPECTED_CASE_COUNT) {
  console.log('FAIL scenario count: ran ' + ran + ' scenario(s); ' + EXPECTED_CASE_COUNT + ' were there when this harness was generated');
  failed += 1;
}
process.exitCode = failed > 0 ? 1 : 0;
`;

/** The Node.js harness of a VMD file's command scenarios; `stem` names the bundle. */
export function renderNodeScenariosHarness(input: HarnessInput, stem: string): string {
  const depth = folderDepth(input.harnessPath);
  return fillTemplate(NODE_TEMPLATE, {
    TITLE: commentText(stem),
    FIXTURE_TEXT: commentText(input.fixturePath),
    UP: pyJsonString(depth === 0 ? '.' : Array(depth).fill('..').join('/')),
    FIXTURE_LITERAL: pyJsonString(input.fixturePath),
    COUNT: String(input.caseCount),
  });
}
