import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LlmClient } from '../llm';
import type { Component } from '../model/amd';
import type { PlanTask } from '../model/plan';
import { render } from '../prompts';
import { writeFileAtomicSync } from '../store/atomic-write';
import { interfaceExtractionPrompt } from './prompt/interface-prompt';
import { within } from './tools/sandbox';

/**
 * Build-time interface extraction (reference §5.7, §2.8): once every task of a spec is done, a model reads
 * the spec's source files and documents their public interface in `context/interfaces/<ID>.md`
 * (`@source: build`), which dependent specs then get instead of the code. The AMDs' contracts are appended
 * as a `## Declared Contracts` section by code, so a model cannot paraphrase them away.
 *
 * Departures from the original: an output listed by several tasks is sent once; an empty answer from the
 * model is an error (the original would write an interface with no content); the file is not rewritten when
 * its bytes would not change.
 */

/** The plan as extraction reads it: the tasks in plan order, with their current statuses. */
export interface PlanTasks {
  readonly task: readonly PlanTask[];
}

export interface ExtractionDueInput {
  plan: PlanTasks;
  /** The task that just completed or was confirmed done. */
  task: Pick<PlanTask, 'id' | 'spec'>;
  /** Specs with a task (re)built in this run. */
  rebuiltSpecs: ReadonlySet<string>;
  /** Whether the spec's interface file exists now (from the audit, an earlier run, or this one). */
  interfaceExists: boolean;
}

/**
 * True when the spec of `task` should have its interface extracted now: the task is the spec's last in
 * plan order, all the spec's tasks are done, and there is no interface file yet or the spec was rebuilt.
 */
export function interfaceExtractionDue(input: ExtractionDueInput): boolean {
  const { spec, id } = input.task;
  const ofSpec = input.plan.task.filter((t) => t.spec === spec);
  if (ofSpec.at(-1)?.id !== id) return false;
  if (input.interfaceExists && !input.rebuiltSpecs.has(spec)) return false;
  return ofSpec.every((t) => t.status === 'done');
}

/** A source file given to the extraction: its path relative to the output dir and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

/**
 * The text of every existing output of the spec's done tasks, in plan order, each path once — leaving out
 * copy tasks (verbatim assets) and verify tasks (fixtures and harnesses), and files that are not UTF-8 text.
 */
export function extractionSources(plan: PlanTasks, specId: string, outputDir: string): SourceFile[] {
  const root = resolve(outputDir);
  const seen = new Set<string>();
  const files: SourceFile[] = [];
  for (const task of plan.task) {
    if (task.spec !== specId || task.status !== 'done' || task.source.length > 0 || task.kind === 'verify') {
      continue;
    }
    for (const path of task.outputs) {
      if (seen.has(path)) continue;
      seen.add(path);
      const full = resolve(root, path);
      if (!within(root, full)) continue;
      const text = readText(full);
      if (text !== undefined) files.push({ path, text });
    }
  }
  return files;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function readText(file: string): string | undefined {
  try {
    if (!statSync(file).isFile()) return undefined;
    const bytes = readFileSync(file);
    if (bytes.includes(0)) return undefined;
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** What the Declared Contracts section needs of an AMD. */
export interface ContractSource {
  components: readonly Pick<Component, 'name' | 'contracts'>[];
}

export interface ExtractInterfaceInput {
  specId: string;
  /** `[output] language`: the prompt's language and the source fences' tag. */
  language: string;
  /** The plan with current statuses: the sources are the outputs of the spec's done tasks. */
  plan: PlanTasks;
  outputDir: string;
  /** The spec's AMDs, in order (none for an SMD-only spec). */
  amds: readonly ContractSource[];
  /** `.ossature/context/interfaces/<ID>.md`. */
  interfaceFile: string;
  signal?: AbortSignal | undefined;
}

export interface ExtractInterfaceResult {
  /** An interface extracted from the current sources is on disk (false: there were no sources). */
  written: boolean;
  /** The file's bytes differ from what was there before (or there was no file). */
  changed: boolean;
  /** The file's content, when written. */
  text?: string;
}

/**
 * Asks the `interface` role for the spec's interface from its {@link extractionSources} and writes the file
 * atomically. With no sources nothing is asked or written. Model errors propagate (the build logs them as warnings).
 */
export async function extractInterface(
  client: LlmClient,
  input: ExtractInterfaceInput,
): Promise<ExtractInterfaceResult> {
  const sources = extractionSources(input.plan, input.specId, input.outputDir);
  if (sources.length === 0) return { written: false, changed: false };
  const { text } = await client.callText('interface', {
    system: render('build.interface_extraction', { language: input.language }),
    user: interfaceExtractionPrompt(input.specId, sources, input.language),
    labels: { spec: input.specId, operation: 'interface-extraction' },
    ...(input.signal ? { signal: input.signal } : {}),
  });
  const body = text.trim();
  if (body === '') {
    throw new Error(
      `The model answered the interface extraction for ${input.specId} with no text; the interface file was not written.`,
    );
  }
  const content = extractedInterfaceFile(input.specId, body, input.amds);
  const before = readBytes(input.interfaceFile);
  const changed = before === undefined || !before.equals(Buffer.from(content, 'utf8'));
  if (changed) writeFileAtomicSync(input.interfaceFile, content);
  return { written: true, changed, text: content };
}

/** The interface file: title, `@source: build`, the model's document, then the AMDs' declared contracts. */
export function extractedInterfaceFile(
  specId: string,
  modelText: string,
  amds: readonly ContractSource[],
): string {
  let content = `# Interface: ${specId}\n\n@source: build\n\n${modelText}`;
  const lines: string[] = [];
  for (const amd of amds) {
    for (const component of amd.components) {
      if (component.contracts.length === 0) continue;
      lines.push(`### ${component.name}`, '');
      for (const contract of component.contracts) lines.push(`- ${contract.value}`);
      lines.push('');
    }
  }
  if (lines.length > 0) content += `\n\n## Declared Contracts\n\n${lines.join('\n').trimEnd()}\n`;
  return content;
}

function readBytes(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
