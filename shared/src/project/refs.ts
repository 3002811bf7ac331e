import { AMD_SECTIONS, type AmdSpec, type Component, type DataModel } from '../model/amd';
import type { Section } from '../model/common';
import { splitSpecPrefix } from '../model/plan';
import { type Example, type Requirement, SMD_SECTIONS, type SmdSpec } from '../model/smd';
import type { Range } from '../text/range';

/**
 * What a plan task's `spec_refs` / `arch_refs` entry points at (reference §5.3), shared by plan checks
 * and the build's prompt assembly. Matching is case-insensitive and whitespace-tolerant.
 *
 * spec_refs: a section name (`Goals`, `Acceptance Criteria`, `Requirements` = all, `Examples` = all), a
 * requirement title (`Data Persistence`), an example name, `Requirements > <title or #anchor>`,
 * `Examples > <name>`. arch_refs: a section name (`Overview`, `Components` = all, `Data Models` = all,
 * `Flow`, `Dependencies`, `Notes`), `Components > <name>`, `Data Models > <name>`, or a bare component or
 * data-model name. Both accept the legacy `SPEC_ID:` prefix when it names the spec being searched.
 *
 * The original resolved only bare titles, silently dropping `Requirements > X`; here those resolve too.
 */

export type SmdSectionName = (typeof SMD_SECTIONS)[number];
export type AmdSectionName = (typeof AMD_SECTIONS)[number];

export type SpecRefTarget =
  | {
      kind: 'section';
      name: SmdSectionName;
      /** Undefined when the spec has no such section (e.g. no `## Notes`): the ref inlines nothing. */
      section: Section | undefined;
      file: string;
      /** The `## Name` heading, when present. */
      range: Range | undefined;
    }
  | { kind: 'requirement'; requirement: Requirement; file: string; range: Range }
  | { kind: 'example'; example: Example; file: string; range: Range };

export type ArchRefTarget =
  | {
      kind: 'section';
      name: AmdSectionName;
      /** The AMD holding the section first; undefined when none of the spec's AMDs has it. */
      amd: AmdSpec | undefined;
      section: Section | undefined;
      file: string | undefined;
      range: Range | undefined;
    }
  | { kind: 'component'; component: Component; amd: AmdSpec; file: string; range: Range }
  | { kind: 'dataModel'; dataModel: DataModel; amd: AmdSpec; file: string; range: Range };

/** Lower-cased with runs of whitespace collapsed, for comparing ref text with headings. */
export function normalizeRefText(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** `A > B` → `['a', 'B' as written]`; undefined when the ref has no `>` path separator. */
function splitPath(ref: string): { head: string; rest: string } | undefined {
  const at = ref.indexOf('>');
  if (at === -1) return undefined;
  return { head: normalizeRefText(ref.slice(0, at)), rest: ref.slice(at + 1) };
}

/** The ref without a legacy `SPEC_ID:` prefix naming `specId`. */
function withoutOwnPrefix(ref: string, specId: string | undefined): string {
  const { spec, ref: rest } = splitSpecPrefix(ref);
  return spec !== undefined && spec === specId ? rest : ref;
}

const findSection = (sections: readonly Section[], name: string): Section | undefined =>
  sections.find((s) => normalizeRefText(s.name) === normalizeRefText(name));

/** What a `spec_refs` entry points at in `smd`, or undefined when it names nothing there. */
export function resolveSpecRef(ref: string, smd: SmdSpec): SpecRefTarget | undefined {
  const text = withoutOwnPrefix(ref, smd.id?.value);
  const requirement = (title: string): SpecRefTarget | undefined => {
    const key = normalizeRefText(title);
    const anchor = key.startsWith('#') ? key.slice(1) : undefined;
    const found = smd.requirements.find((r) =>
      anchor !== undefined ? r.anchor?.toLowerCase() === anchor : normalizeRefText(r.title) === key,
    );
    return found && { kind: 'requirement', requirement: found, file: smd.file, range: found.titleRange };
  };
  const example = (name: string): SpecRefTarget | undefined => {
    const found = smd.examples.find((e) => normalizeRefText(e.name) === normalizeRefText(name));
    return found && { kind: 'example', example: found, file: smd.file, range: found.nameRange };
  };

  const path = splitPath(text);
  if (path) {
    if (path.head === 'requirements') return requirement(path.rest);
    if (path.head === 'examples') return example(path.rest);
    return undefined;
  }
  const name = SMD_SECTIONS.find((s) => normalizeRefText(s) === normalizeRefText(text));
  if (name) {
    const section = findSection(smd.sections, name);
    return { kind: 'section', name, section, file: smd.file, range: section?.headingRange };
  }
  return requirement(text) ?? example(text);
}

/** What an `arch_refs` entry points at in a spec's AMDs (merged), or undefined when it names nothing. */
export function resolveArchRef(ref: string, amds: readonly AmdSpec[]): ArchRefTarget | undefined {
  const text = withoutOwnPrefix(ref, amds[0]?.specId?.value);
  const component = (name: string): ArchRefTarget | undefined => {
    for (const amd of amds) {
      const found = amd.components.find((c) => normalizeRefText(c.name) === normalizeRefText(name));
      if (found) return { kind: 'component', component: found, amd, file: amd.file, range: found.nameRange };
    }
    return undefined;
  };
  const dataModel = (name: string): ArchRefTarget | undefined => {
    for (const amd of amds) {
      const found = amd.dataModels.find((d) => normalizeRefText(d.name) === normalizeRefText(name));
      if (found) return { kind: 'dataModel', dataModel: found, amd, file: amd.file, range: found.nameRange };
    }
    return undefined;
  };

  const path = splitPath(text);
  if (path) {
    if (path.head === 'components') return component(path.rest);
    if (path.head === 'data models') return dataModel(path.rest);
    return undefined;
  }
  const name = AMD_SECTIONS.find((s) => normalizeRefText(s) === normalizeRefText(text));
  if (name) {
    for (const amd of amds) {
      const section = findSection(amd.sections, name);
      if (section)
        return { kind: 'section', name, amd, section, file: amd.file, range: section.headingRange };
    }
    return { kind: 'section', name, amd: undefined, section: undefined, file: undefined, range: undefined };
  }
  return component(text) ?? dataModel(text);
}

/** Every form of ref that resolves in `smd`, for "did you mean" suggestions. */
export function specRefCandidates(smd: SmdSpec): string[] {
  const sections = SMD_SECTIONS.filter((name) => findSection(smd.sections, name));
  return [
    ...sections,
    ...smd.requirements.map((r) => r.title),
    ...smd.requirements.map((r) => `Requirements > ${r.title}`),
    ...smd.examples.map((e) => e.name),
  ];
}

/** Every form of ref that resolves in the AMDs, for "did you mean" suggestions. */
export function archRefCandidates(amds: readonly AmdSpec[]): string[] {
  const sections = AMD_SECTIONS.filter((name) => amds.some((amd) => findSection(amd.sections, name)));
  return [
    ...sections,
    ...amds.flatMap((amd) => amd.components.map((c) => `Components > ${c.name}`)),
    ...amds.flatMap((amd) => amd.dataModels.map((d) => `Data Models > ${d.name}`)),
  ];
}
