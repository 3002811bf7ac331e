import { basename, extname } from 'node:path';
import type { AmdSpec } from '../model/amd';
import type { Group, Scenario, VmdSpec } from '../model/vmd';
import { projectRelative } from './file-order';

/**
 * Deterministic verify tasks from VMD files (reference §5.9, synthesis part). The planner never writes
 * these; they are appended after each spec's planned tasks by the merge.
 *
 * - Each table group → one task, for Python output only (other languages: a warning, no task; the cases
 *   still count for coverage). Groups with a parameter fed by an opaque fixture → skipped with a warning.
 * - Each VMD file's scenarios → one bundle task (`vmd_group = "@scenarios"`): command scenarios in any
 *   language, call scenarios only for Python; scenarios with an opaque `given` are skipped with a warning.
 * - Outputs: `[fixture, harness]`. Fixtures live under `checks/` and carry the spec slug
 *   (`checks/<spec>.<name>.<arity>.cases.json`, `checks/<spec>.scenarios.<stem>.cases.json`). Harnesses:
 *   `tests/test_checks_<spec>_<name>[_<arity>].py` / `tests/test_checks_scenarios_<spec>_<stem>.py` for
 *   Python projects (pytest modules that also run as `python3 <harness>`).
 * - Verify: `python -m pytest <harness> -q`, or `[test] command` with `{file}` replaced by the harness path
 *   (the path is appended when there is no `{file}`).
 *
 * Departure from the original: the command scenarios of a project in another language get a Node.js
 * harness, `checks/scenarios_<spec>_<stem>.mjs`, verified by `node <harness>` (or `[test] command`), where
 * the original wrote a pytest module under `checks/` and so needed Python and pytest in every project.
 */

export const FIXTURE_DIR = 'checks';
export const SCENARIOS_GROUP = '@scenarios';

/** A verify task before it gets a plan id. */
export interface VerifyTaskSpec {
  specId: string;
  title: string;
  description: string;
  outputs: string[];
  verify: string[];
  covers: string[];
  /** Project-root-relative `.vmd` path. */
  vmdFile: string;
  /** `<name>/<arity>` or `@scenarios`. */
  vmdGroup: string;
  /** `@path` of the AMD component whose interface mentions the group (chooses the producer task). */
  targetFile: string;
  /** Names of the scenarios a bundle runs (shown to the planner). */
  caseLabels: string[];
}

export interface VerifyTaskInput {
  root: string;
  /** `[output] language`. */
  language: string;
  /** `[test] command` ('' when unset). */
  testCommand: string;
  /** Every parsed VMD, in file order. */
  vmds: readonly VmdSpec[];
  /** Spec id → its AMDs (a group binds to the AMDs of `@arch`, default `@spec`). */
  amdsBySpec: ReadonlyMap<string, readonly AmdSpec[]>;
}

export interface VerifyTaskSynthesis {
  /** Spec id → its verify tasks: table groups in file order, then scenario bundles. */
  bySpec: Map<string, VerifyTaskSpec[]>;
  warnings: string[];
}

/** Characters other than `[A-Za-z0-9_]` → `_` (keeps harness names importable). */
export function sanitizeName(text: string): string {
  return text.replace(/[^A-Za-z0-9_]/g, '_');
}

/** The spec id as it appears in fixture and harness names: sanitized, lower-cased. */
export function specSlug(specId: string): string {
  return sanitizeName(specId).toLowerCase();
}

/** `name/arity`: a group's identity within its spec. */
export function groupKey(group: Group): string {
  return `${group.name}/${group.arity}`;
}

/** The verify command for a harness: `[test] command` when set, else pytest (or node for a `.mjs` harness). */
export function verifyCommandFor(testCommand: string, harness: string): string[] {
  if (testCommand) {
    return [
      testCommand.includes('{file}')
        ? testCommand.replaceAll('{file}', harness)
        : `${testCommand} ${harness}`,
    ];
  }
  return harness.endsWith('.mjs') ? [`node ${harness}`] : [`python -m pytest ${harness} -q`];
}

/** The `@path` of the first component (over the AMDs in order) whose interface mentions `name` as a word. */
export function resolveTargetFile(name: string, amds: readonly AmdSpec[]): string {
  const word = new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
  for (const amd of amds) {
    for (const c of amd.components) if (c.interface && word.test(c.interface)) return c.path?.value ?? '';
  }
  return '';
}

const coversOf = (targets: readonly { text: string }[]) => targets.map((t) => t.text);

function addUnique(list: string[], items: readonly string[]): void {
  for (const item of items) if (!list.includes(item)) list.push(item);
}

export function synthesizeVerifyTasks(input: VerifyTaskInput): VerifyTaskSynthesis {
  const warnings: string[] = [];
  const bySpec = new Map<string, VerifyTaskSpec[]>();
  const python = input.language.trim().toLowerCase() === 'python';
  const push = (task: VerifyTaskSpec) => {
    const list = bySpec.get(task.specId);
    if (list) list.push(task);
    else bySpec.set(task.specId, [task]);
  };
  const vmds = input.vmds.filter((vmd) => vmd.specId?.value);

  // Table groups, per spec. The arity suffix is added when sanitized names collide within a spec.
  const nameCounts = new Map<string, number>();
  for (const vmd of vmds) {
    for (const group of vmd.groups) {
      const key = `${vmd.specId!.value}\u0000${sanitizeName(group.name)}`;
      nameCounts.set(key, (nameCounts.get(key) ?? 0) + 1);
    }
  }
  for (const vmd of vmds) {
    const specId = vmd.specId!.value;
    const vmdFile = projectRelative(input.root, vmd.file);
    const amds = input.amdsBySpec.get(vmd.archId?.value ?? specId) ?? [];
    for (const group of vmd.groups) {
      if (!python) {
        warnings.push(
          `${specId}: no verify task for group '${group.name}' — generated harnesses for function groups need Python output (this project is ${input.language}); its cases still count for coverage.`,
        );
        continue;
      }
      if (group.params.some((p) => p.opaque)) {
        warnings.push(
          `${specId}: no verify task for group '${group.name}' — it uses an opaque fixture, which generated harnesses cannot build yet; cover it with an ordinary test task.`,
        );
        continue;
      }
      const unique = nameCounts.get(`${specId}\u0000${sanitizeName(group.name)}`) === 1;
      const base = `test_checks_${specSlug(specId)}_${sanitizeName(group.name)}${unique ? '' : `_${group.arity}`}`;
      const harness = `tests/${base}.py`;
      const fixture = `${FIXTURE_DIR}/${specSlug(specId)}.${group.name}.${group.arity}.cases.json`;
      push({
        specId,
        title: `Verify: ${group.name}`,
        description: `Runs the ${group.cases.length} verification case(s) the spec author wrote for ${group.name} in ${vmdFile}. Ossature writes the fixture and the harness itself; the expected values belong to the author and are not to be changed.`,
        outputs: [fixture, harness],
        verify: verifyCommandFor(input.testCommand, harness),
        covers: coversOf(group.covers),
        vmdFile,
        vmdGroup: groupKey(group),
        targetFile: resolveTargetFile(group.name, amds),
        caseLabels: [],
      });
    }
  }

  // Scenario bundles, one per VMD file; a stem shared by two files of one spec falls back to the path.
  const stemCounts = new Map<string, number>();
  for (const vmd of vmds) {
    const key = `${vmd.specId!.value}\u0000${fileStem(vmd.file)}`;
    stemCounts.set(key, (stemCounts.get(key) ?? 0) + 1);
  }
  for (const vmd of vmds) {
    if (vmd.scenarios.length === 0) continue;
    const specId = vmd.specId!.value;
    const eligible: Scenario[] = [];
    for (const scenario of vmd.scenarios) {
      const reason = scenarioSkipReason(scenario, python, input.language);
      if (reason) warnings.push(`${specId}: scenario '${scenario.name}' skipped — ${reason}`);
      else eligible.push(scenario);
    }
    if (eligible.length === 0) continue;
    const vmdFile = projectRelative(input.root, vmd.file);
    let stem = fileStem(vmd.file);
    if ((stemCounts.get(`${specId}\u0000${stem}`) ?? 1) > 1)
      stem = sanitizeName(vmdFile.replace(/\.[^./]*$/, ''));
    const harness = python
      ? `tests/test_checks_scenarios_${specSlug(specId)}_${stem}.py`
      : `${FIXTURE_DIR}/scenarios_${specSlug(specId)}_${stem}.mjs`;
    const fixture = `${FIXTURE_DIR}/${specSlug(specId)}.scenarios.${stem}.cases.json`;
    const covers: string[] = [];
    for (const scenario of eligible) addUnique(covers, coversOf(scenario.covers));
    push({
      specId,
      title: `Verify: scenarios (${stem})`,
      description: `Runs the ${eligible.length} scenario(s) the spec author wrote in ${vmdFile}. Ossature writes the fixture and the harness itself; the expected results belong to the author and are not to be changed.`,
      outputs: [fixture, harness],
      verify: verifyCommandFor(input.testCommand, harness),
      covers,
      vmdFile,
      vmdGroup: SCENARIOS_GROUP,
      targetFile: '',
      caseLabels: eligible.map((s) => s.name),
    });
  }
  return { bySpec, warnings };
}

function fileStem(file: string): string {
  return sanitizeName(basename(file, extname(file)));
}

function scenarioSkipReason(scenario: Scenario, python: boolean, language: string): string | undefined {
  if (scenario.givens.some((g) => g.opaque)) {
    return 'it uses an opaque fixture, which generated harnesses cannot build yet; cover it with an ordinary test task.';
  }
  if (scenario.kind === 'call' && !python) {
    return `it calls a function, and generated harnesses for calls need Python output (this project is ${language}); its cases still count for coverage.`;
  }
  return undefined;
}
