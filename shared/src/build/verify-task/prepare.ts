import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { groupKey, SCENARIOS_GROUP, sanitizeName } from '../../audit/vmd-tasks';
import type { OssatureConfig } from '../../model/config';
import type { PlanTask } from '../../model/plan';
import type { Group, Scenario, VmdSpec } from '../../model/vmd';
import { parseVmd } from '../../parse/vmd/vmd';
import type { Workspace } from '../../project/workspace';
import { writeFileAtomicSync } from '../../store/atomic-write';
import { confinedPath } from '../copy-task';
import { pathWithin } from '../prompt/text-files';
import { serializeGroup, serializeScenarios } from './fixture';
import { implementationFiles, moduleCandidates } from './module-candidates';
import { renderNodeScenariosHarness } from './node-harness';
import { renderPythonGroupHarness, renderPythonScenariosHarness } from './python-harness';

/**
 * A VMD verify task made ready to run (reference §5.9 "Execution at build time", steps 1–3): the VMD
 * re-read, its group or runnable scenarios found, the module candidates, the canonical fixture and the
 * harness text, and the synthetic prompt whose hash decides whether the task must run again. Pure: nothing
 * is written and nothing runs here; {@link writeVerifyMaterials} writes the two files.
 *
 * The synthetic prompt is the original's text: id, title, VMD file, group key, outputs, verify commands,
 * module candidates and the canonical fixture. Comments and alignment in the `.vmd` do not change it; an
 * edited case does.
 *
 * Departures from the original: command scenarios of a non-Python project get a Node.js harness (decided by
 * the harness path: `.mjs`), and the AMD components searched for the target are those of the VMD's `@arch`
 * (default `@spec`), where the original always used the task's spec.
 */

export interface PrepareVerifyInput {
  task: PlanTask;
  /** The plan; its tasks in plan order. */
  plan: { readonly task: readonly PlanTask[] };
  workspace: Workspace;
  config: OssatureConfig;
  outputDir: string;
}

export interface VerifyTaskMaterials {
  kind: 'group' | 'scenarios';
  /** Output-relative paths (the task's `outputs[0]` and `outputs[1]`). */
  fixturePath: string;
  fixtureText: string;
  harnessPath: string;
  harnessText: string;
  /** How the harness runs: `python3`/pytest, or `node`. */
  harnessRuntime: 'python' | 'node';
  caseCount: number;
  /** Python import paths the harness looks in for the target callables. */
  moduleCandidates: string[];
  /** Output-relative files the fixer may change when the cases fail. */
  implementationFiles: string[];
  /** The input-hash seed. */
  syntheticPrompt: string;
  /** One line for `response.md`: what was written. */
  summary: string;
}

export interface VerifyTaskProblem {
  /** What is wrong and what to do. */
  problem: string;
  /** The input-hash seed, with the problem in it (as the original writes it). */
  syntheticPrompt: string;
}

/** Whether a harness path names a Node.js harness. */
export function isNodeHarness(path: string): boolean {
  return /\.(mjs|cjs|js)$/i.test(path);
}

function promptHead(task: PlanTask): string[] {
  return [
    '<verify_task>',
    `id: ${task.id}`,
    `title: ${task.title}`,
    `vmd_file: ${task.vmd_file}`,
    `vmd_group: ${task.vmd_group}`,
    'outputs:',
    ...task.outputs.map((o) => `- ${o}`),
    'verify:',
    ...task.verify.map((v) => `- ${v}`),
  ];
}

function problemOf(task: PlanTask, problem: string): VerifyTaskProblem {
  return {
    problem,
    syntheticPrompt: [...promptHead(task), `error: ${problem}`, '</verify_task>'].join('\n'),
  };
}

const RE_AUDIT = 'Run `ossature audit` to plan the verify tasks again.';

/** The task's VMD as parsed now, or why it cannot be read. */
function loadVmd(input: PrepareVerifyInput): VmdSpec | string {
  const { task, workspace } = input;
  if (!task.vmd_file) return `Verify task ${task.id} names no vmd_file in plan.toml. ${RE_AUDIT}`;
  const file = resolve(workspace.root, task.vmd_file);
  let parsed = workspace.file(file);
  if (parsed?.spec.kind !== 'vmd') {
    if (!existsSync(file)) {
      return `VMD file not found: ${task.vmd_file}. Restore it, or run \`ossature audit\` to drop its verify tasks from the plan.`;
    }
    const text = readFileSync(file, 'utf8');
    const { spec, diagnostics } = parseVmd(text, file);
    parsed = { file, text, spec, diagnostics, bytes: text.length };
  }
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const listed = errors
      .slice(0, 5)
      .map((d) => `line ${d.range.start.line + 1}: ${d.message}`)
      .join('; ');
    return `VMD file ${task.vmd_file} no longer parses (${errors.length} error${errors.length === 1 ? '' : 's'}: ${listed}). Fix it (\`ossature validate\` lists the errors) and build again.`;
  }
  return parsed.spec as VmdSpec;
}

/** Scenarios a generated harness can run: no opaque `given`; calls only in Python projects. */
export function runnableScenarios(vmd: VmdSpec, python: boolean): Scenario[] {
  return vmd.scenarios.filter(
    (s) =>
      !s.givens.some((g) => g.opaque) &&
      (s.kind === 'command' || (python && s.kind === 'call' && s.call !== undefined)),
  );
}

function callTargets(scenarios: readonly Scenario[]): string[] {
  const targets: string[] = [];
  for (const s of scenarios)
    if (s.kind === 'call' && s.call && !targets.includes(s.call.target)) targets.push(s.call.target);
  return targets;
}

export function prepareVerifyTask(input: PrepareVerifyInput): VerifyTaskMaterials | VerifyTaskProblem {
  const { task, workspace, config, outputDir } = input;
  const fail = (problem: string) => problemOf(task, problem);
  const [fixturePath, harnessPath] = task.outputs;
  if (fixturePath === undefined || harnessPath === undefined) {
    return fail(
      `Verify task ${task.id} needs two outputs in plan.toml, the fixture and the harness. ${RE_AUDIT}`,
    );
  }
  for (const path of [fixturePath, harnessPath]) {
    if (pathWithin(outputDir, path) === undefined) {
      return fail(`Verify task ${task.id}: output '${path}' is not inside the output directory. ${RE_AUDIT}`);
    }
  }
  const vmd = loadVmd(input);
  if (typeof vmd === 'string') return fail(vmd);
  const amds = workspace.index.amdsBySpec.get(vmd.archId?.value || task.spec) ?? [];
  const node = isNodeHarness(harnessPath);
  const harnessInput = (caseCount: number, modules: string[]) => ({
    harnessPath,
    fixturePath,
    caseCount,
    moduleCandidates: modules,
  });

  let kind: VerifyTaskMaterials['kind'];
  let fixtureText: string;
  let harnessText: string;
  let caseCount: number;
  let modules: string[];
  let missingModules: string | undefined;
  if (task.vmd_group === SCENARIOS_GROUP) {
    const scenarios = runnableScenarios(vmd, config.output.language.trim().toLowerCase() === 'python');
    if (scenarios.length === 0) {
      return fail(`No runnable scenarios left in ${task.vmd_file}. ${RE_AUDIT}`);
    }
    const targets = callTargets(scenarios);
    if (node && targets.length > 0) {
      return fail(
        `${harnessPath} is a Node.js harness, but ${task.vmd_file} has function scenarios (${targets.join(', ')}), which need the Python harness. ${RE_AUDIT}`,
      );
    }
    kind = 'scenarios';
    caseCount = scenarios.length;
    modules = moduleCandidates(task, input.plan.task, targets, amds);
    if (targets.length > 0 && modules.length === 0) missingModules = `scenario targets ${targets.join(', ')}`;
    fixtureText = serializeScenarios(scenarios);
    const stem = sanitizeName(basename(task.vmd_file, extname(task.vmd_file)));
    harnessText = node
      ? renderNodeScenariosHarness(harnessInput(caseCount, modules), stem)
      : renderPythonScenariosHarness(harnessInput(caseCount, modules), stem);
  } else {
    const group = vmd.groups.find((g: Group) => groupKey(g) === task.vmd_group);
    if (!group) {
      const known = vmd.groups.map(groupKey).join(', ') || 'none';
      return fail(`Group '${task.vmd_group}' is not in ${task.vmd_file} (its groups: ${known}). ${RE_AUDIT}`);
    }
    if (group.params.some((p) => p.opaque)) {
      return fail(
        `Group '${group.name}' in ${task.vmd_file} uses an opaque fixture, which a generated harness cannot build; cover it with an ordinary test task. ${RE_AUDIT}`,
      );
    }
    if (node) {
      return fail(
        `${harnessPath} is a Node.js harness, but table groups need the Python harness. ${RE_AUDIT}`,
      );
    }
    kind = 'group';
    caseCount = group.cases.length;
    modules = moduleCandidates(task, input.plan.task, [group.name], amds);
    if (modules.length === 0) missingModules = `target '${group.name}'`;
    fixtureText = serializeGroup(group);
    harnessText = renderPythonGroupHarness(harnessInput(caseCount, modules), group.name);
  }

  const syntheticPrompt = [
    ...promptHead(task),
    'module_candidates:',
    ...modules.map((m) => `- ${m}`),
    'fixture:',
    fixtureText.replace(/\n+$/, ''),
    '</verify_task>',
  ].join('\n');
  if (missingModules) {
    return {
      problem: `No importable Python module found for ${missingModules}, so no harness can be generated. Give the AMD component that declares it an @path ending in .py, or make sure spec ${task.spec}'s tasks output the .py file that defines it.`,
      syntheticPrompt,
    };
  }
  return {
    kind,
    fixturePath,
    fixtureText,
    harnessPath,
    harnessText,
    harnessRuntime: node ? 'node' : 'python',
    caseCount,
    moduleCandidates: modules,
    implementationFiles: implementationFiles(task, input.plan.task, outputDir),
    syntheticPrompt,
    summary: `Wrote the fixture ${fixturePath} (${caseCount} case(s)) and the harness ${harnessPath}.`,
  };
}

/** Writes the fixture and the harness (atomically); returns their paths as the task's outputs give them. */
export function writeVerifyMaterials(materials: VerifyTaskMaterials, outputDir: string): string[] {
  mkdirSync(outputDir, { recursive: true });
  const written: string[] = [];
  for (const [path, text] of [
    [materials.fixturePath, materials.fixtureText],
    [materials.harnessPath, materials.harnessText],
  ] as const) {
    const file = confinedPath(outputDir, path);
    if (file === undefined) {
      throw new Error(`${path} leads outside the output directory ${outputDir}; it cannot be written.`);
    }
    writeFileAtomicSync(file, text);
    written.push(path);
  }
  return written;
}
