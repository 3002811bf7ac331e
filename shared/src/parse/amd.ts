import { AMD_CODES } from '../diagnostics/codes-amd';
import { FRONTMATTER_CODES } from '../diagnostics/codes-frontmatter';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/make';
import { AMD_SECTIONS, type AmdSpec, type DataModel, type ExternalDependency } from '../model/amd';
import { SPEC_STATUSES } from '../model/common';
import { range } from '../text/range';
import { SourceText } from '../text/source-text';
import { parseComponent } from './amd-components';
import {
  bulletAt,
  codeBlockAt,
  FENCE_CLOSE,
  FENCE_OPEN,
  firstCodeBlock,
  type HeadingBlock,
  type Lines,
  TEXT,
  textOf,
} from './markdown-blocks';
import { checkEnumKey, checkRequiredKey, idFromFileName, metaString } from './metadata';
import type { ParseResult } from './parse-result';
import { parseItems, reportMissingSections, sortDiagnostics } from './sections';
import { readSections, readSpecHeader } from './spec-header';

const REQUIRED: [name: string, need: string][] = [
  ['Overview', 'a short description of how the module is built'],
  ['Components', 'at least one `### ` component'],
];
const TITLE_PREFIX = 'Architecture:';

/**
 * Parses a `.amd` architecture (reference §2.2) into a model with source ranges, reporting every parse-level
 * check of §3.1 and the unknown-section warnings of §3.3 at once. The model is always returned.
 */
export function parseAmd(text: string, file: string): ParseResult<AmdSpec> {
  const src = new SourceText(text);
  const out: Diagnostic[] = [];
  const header = readSpecHeader(src, file, 'amd', out);
  const { doc } = header;
  const fm = header.frontmatter;

  let title = header.title;
  if (title?.value.startsWith(TITLE_PREFIX)) {
    const rest = title.value.slice(TITLE_PREFIX.length);
    const value = rest.trim();
    const start = title.range.end.character - rest.length + (rest.length - rest.trimStart().length);
    const line = title.range.start.line;
    title = { value, range: range(line, start, line, start + value.length) };
  }
  if (!title?.value) {
    out.push(
      header.titleLine >= 0
        ? diag(
            AMD_CODES.missingTitle,
            file,
            src.trimmedLineRange(header.titleLine),
            'The `#` title is empty; write it as `# Architecture: <Title>`.',
          )
        : diag(
            AMD_CODES.missingTitle,
            file,
            header.anchor,
            'The architecture has no `# Architecture: <Title>` line; add one after the frontmatter.',
          ),
    );
  }
  if (fm && header.keysReliable) {
    checkRequiredKey(
      out,
      src,
      file,
      fm,
      'spec',
      FRONTMATTER_CODES.missingSpec,
      idFromFileName(file),
      'the id of the spec (SMD) this architecture describes',
    );
    checkRequiredKey(
      out,
      src,
      file,
      fm,
      'status',
      FRONTMATTER_CODES.missingStatus,
      'draft',
      'one of draft, review, approved, implemented, deprecated',
    );
    checkEnumKey(out, file, fm, 'status', SPEC_STATUSES, FRONTMATTER_CODES.invalidStatus);
  }

  const { sections, byName } = readSections(src, file, header, AMD_CODES.duplicateSection, out);
  const known: readonly string[] = AMD_SECTIONS;
  reportMissingSections(out, file, header.anchor, byName, REQUIRED, known, AMD_CODES.missingSection);
  for (const section of sections) {
    if (known.includes(section.name)) continue;
    const isContracts =
      section.name
        .replace(/^:+|:+$/g, '')
        .trim()
        .toLowerCase() === 'contracts';
    const hint = isContracts
      ? " (contracts go in a '**Contracts:**' line inside a component, not a section heading)"
      : '';
    out.push(
      diag(
        AMD_CODES.unknownSection,
        file,
        section.headingRange,
        `Unknown section '## ${section.name}' is ignored${hint}. Known sections: ${known.join(', ')}.`,
      ),
    );
  }

  const overviewBlock = byName.get('Overview');
  const overview = overviewBlock ? textOf(doc, overviewBlock.bodyStart, overviewBlock.bodyEnd) : '';
  if (overviewBlock && !overview) {
    out.push(
      diag(
        AMD_CODES.emptyOverview,
        file,
        src.trimmedLineRange(overviewBlock.headingLine),
        '`## Overview` is empty; describe how the module is put together.',
      ),
    );
  }

  const components = parseItems(
    src,
    file,
    doc,
    byName.get('Components'),
    {
      noun: 'component',
      textBeforeFirstItem: AMD_CODES.textBeforeFirstItem,
      empty: {
        code: AMD_CODES.noComponents,
        message:
          '`## Components` has no component; add one as a `### Name` heading with @path, a description, **Interface:** and **Contracts:**.',
      },
    },
    out,
    (chunk) => parseComponent(src, file, doc, chunk, out),
  );
  const dataModels = parseItems(
    src,
    file,
    doc,
    byName.get('Data Models'),
    { noun: 'data model', textBeforeFirstItem: AMD_CODES.textBeforeFirstItem },
    out,
    (chunk) => parseDataModel(src, file, doc, chunk, out),
  );
  const depBlock = byName.get('Dependencies');
  const dependencies = depBlock ? parseDependencies(file, doc, depBlock, out) : [];
  const flowBlock = byName.get('Flow');
  const notesBlock = byName.get('Notes');

  const spec: AmdSpec = {
    kind: 'amd',
    file,
    frontmatter: fm,
    specId: metaString(fm, 'spec'),
    status: metaString(fm, 'status'),
    title: title?.value ? title : undefined,
    sections,
    overview,
    components,
    dataModels,
    flow: flowBlock ? flowText(doc, flowBlock) : '',
    dependencies,
    notes: notesBlock ? textOf(doc, notesBlock.bodyStart, notesBlock.bodyEnd) : '',
  };
  return { spec, diagnostics: sortDiagnostics(out) };
}

/** `### Name` + its first fenced code block (language tag kept). */
function parseDataModel(
  src: SourceText,
  file: string,
  doc: Lines,
  block: HeadingBlock,
  out: Diagnostic[],
): DataModel {
  const name = block.name;
  const where = name ? block.nameRange : src.trimmedLineRange(block.headingLine);
  const code = firstCodeBlock(doc, block.bodyStart, block.bodyEnd);
  if (!code?.content) {
    out.push(
      diag(
        AMD_CODES.dataModelWithoutCode,
        file,
        where,
        `Data model '${name}' has no code block; put its definition in a non-empty fenced block under the heading.`,
      ),
    );
  }
  return {
    name,
    nameRange: where,
    range: src.linesRange(block.headingLine, Math.max(block.headingLine, block.bodyEnd - 1)),
    definition: code?.content || undefined,
    definitionLanguage: code?.content ? code.language : undefined,
  };
}

/** `- name: purpose` bullets, split on the first colon. */
function parseDependencies(
  file: string,
  doc: Lines,
  block: HeadingBlock,
  out: Diagnostic[],
): ExternalDependency[] {
  const deps: ExternalDependency[] = [];
  for (let i = block.bodyStart; i < block.bodyEnd; i++) {
    if (doc.fences[i] !== TEXT) continue;
    const bullet = bulletAt(doc.lines[i]!, i);
    if (!bullet) continue;
    const content = bullet.value;
    const colon = content.indexOf(':');
    if (colon === -1) {
      out.push(
        diag(
          AMD_CODES.dependencyWithoutColon,
          file,
          bullet.range,
          `Dependency '${content}' has no colon; write it as \`- name: purpose\`.`,
        ),
      );
      continue;
    }
    const name = content.slice(0, colon).trim();
    const purpose = content.slice(colon + 1).trim();
    if (!name || !purpose) {
      out.push(
        diag(
          AMD_CODES.dependencyEmptySide,
          file,
          bullet.range,
          `Dependency '${content}' has an empty ${name ? 'purpose' : 'name'}; write both: \`- name: purpose\`.`,
        ),
      );
      continue;
    }
    deps.push({ name, purpose, range: bullet.range } satisfies ExternalDependency);
  }
  return deps;
}

/** The Flow text; one fence enclosing the whole section is stripped (the renderer adds it back). */
function flowText(doc: Lines, block: HeadingBlock): string {
  let first = block.bodyStart;
  let last = block.bodyEnd - 1;
  while (first <= last && doc.lines[first]!.trim() === '') first++;
  while (last >= first && doc.lines[last]!.trim() === '') last--;
  if (first > last) return '';
  if (doc.fences[first] === FENCE_OPEN && doc.fences[last] === FENCE_CLOSE) {
    const code = codeBlockAt(doc, first, last + 1);
    if (code.closeLine === last) {
      let a = first + 1;
      let b = last - 1;
      while (a <= b && doc.lines[a]!.trim() === '') a++;
      while (b >= a && doc.lines[b]!.trim() === '') b--;
      return a > b
        ? ''
        : doc.lines
            .slice(a, b + 1)
            .join('\n')
            .trimEnd();
    }
  }
  return textOf(doc, block.bodyStart, block.bodyEnd);
}
