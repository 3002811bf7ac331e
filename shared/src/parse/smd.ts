import { FRONTMATTER_CODES } from '../diagnostics/codes-frontmatter';
import { SMD_CODES } from '../diagnostics/codes-smd';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/make';
import { type Located, PRIORITIES, SPEC_STATUSES } from '../model/common';
import type { SmdSpec } from '../model/smd';
import { SourceText } from '../text/source-text';
import { bulletItems, type HeadingBlock, type Lines, textOf } from './markdown-blocks';
import { checkEnumKey, checkRequiredKey, idFromFileName, metaList, metaString } from './metadata';
import type { ParseResult } from './parse-result';
import { parseItems, reportMissingSections, sortDiagnostics } from './sections';
import { parseExample } from './smd-examples';
import { parseRequirement } from './smd-requirements';
import { readSections, readSpecHeader } from './spec-header';

/** Sections every spec must have, in canonical order, with what each needs (Notes is optional). */
const REQUIRED: [name: string, need: string][] = [
  ['Overview', 'a short description of the module'],
  ['Goals', 'at least one `- ` bullet'],
  ['Non-Goals', 'at least one `- ` bullet'],
  ['Requirements', 'at least one `### ` requirement'],
  ['Constraints', 'at least one `- ` bullet'],
  ['Examples', 'at least one `### ` example'],
  ['Acceptance Criteria', 'at least one `- ` bullet'],
];
const KNOWN_SECTIONS = [...REQUIRED.map(([n]) => n), 'Notes'];

/**
 * Parses a `.smd` spec (reference §2.1) into a model with source ranges, reporting every parse-level check of
 * §3.1 at once. The model is always returned, filled as far as the text allows.
 */
export function parseSmd(text: string, file: string): ParseResult<SmdSpec> {
  const src = new SourceText(text);
  const out: Diagnostic[] = [];
  const header = readSpecHeader(src, file, 'smd', out);
  const { doc } = header;
  const fm = header.frontmatter;

  if (!header.title?.value) {
    out.push(
      header.titleLine >= 0
        ? diag(
            SMD_CODES.missingTitle,
            file,
            src.trimmedLineRange(header.titleLine),
            'The `#` title is empty; write the spec title after `# `.',
          )
        : diag(
            SMD_CODES.missingTitle,
            file,
            header.anchor,
            'The spec has no `# Title` line; add one after the frontmatter.',
          ),
    );
  }
  if (fm && header.keysReliable) {
    checkRequiredKey(
      out,
      src,
      file,
      fm,
      'id',
      FRONTMATTER_CODES.missingId,
      idFromFileName(file),
      'the spec id other specs use in `depends`',
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
    checkRequiredKey(
      out,
      src,
      file,
      fm,
      'priority',
      FRONTMATTER_CODES.missingPriority,
      'medium',
      'one of low, medium, high, critical',
    );
    checkEnumKey(out, file, fm, 'status', SPEC_STATUSES, FRONTMATTER_CODES.invalidStatus);
    checkEnumKey(out, file, fm, 'priority', PRIORITIES, FRONTMATTER_CODES.invalidPriority);
  }

  const { sections, byName } = readSections(src, file, header, SMD_CODES.duplicateSection, out);
  reportMissingSections(out, file, header.anchor, byName, REQUIRED, KNOWN_SECTIONS, SMD_CODES.missingSection);

  const overviewBlock = byName.get('Overview');
  const overview = overviewBlock ? textOf(doc, overviewBlock.bodyStart, overviewBlock.bodyEnd) : '';
  if (overviewBlock && !overview) {
    out.push(
      diag(
        SMD_CODES.emptyOverview,
        file,
        src.trimmedLineRange(overviewBlock.headingLine),
        '`## Overview` is empty; describe what the module does and who it is for.',
      ),
    );
  }
  const list = (name: string) => bulletList(src, file, doc, byName.get(name), out);
  const goals = list('Goals');
  const nonGoals = list('Non-Goals');
  const constraints = list('Constraints');
  const acceptanceCriteria = list('Acceptance Criteria');

  const requirements = parseItems(
    src,
    file,
    doc,
    byName.get('Requirements'),
    {
      noun: 'requirement',
      textBeforeFirstItem: SMD_CODES.textBeforeFirstItem,
      empty: {
        code: SMD_CODES.noRequirements,
        message:
          '`## Requirements` has no requirement; add one as a `### Name` heading with a description, **Accepts:** and **Returns:**.',
      },
    },
    out,
    (chunk) => parseRequirement(src, file, doc, chunk, out),
  );
  const examples = parseItems(
    src,
    file,
    doc,
    byName.get('Examples'),
    {
      noun: 'example',
      textBeforeFirstItem: SMD_CODES.textBeforeFirstItem,
      empty: {
        code: SMD_CODES.noExamples,
        message:
          '`## Examples` has no example; add one as a `### Name` heading with **Input:** and **Output:** code blocks.',
      },
    },
    out,
    (chunk) => parseExample(src, file, doc, chunk, out),
  );
  const notesBlock = byName.get('Notes');

  const spec: SmdSpec = {
    kind: 'smd',
    file,
    frontmatter: fm,
    id: metaString(fm, 'id'),
    status: metaString(fm, 'status'),
    priority: metaString(fm, 'priority'),
    depends: metaList(src, fm, 'depends'),
    title: header.title?.value ? header.title : undefined,
    sections,
    overview,
    goals,
    nonGoals,
    requirements,
    constraints,
    examples,
    acceptanceCriteria,
    notes: notesBlock ? textOf(doc, notesBlock.bodyStart, notesBlock.bodyEnd) : '',
  };
  return { spec, diagnostics: sortDiagnostics(out) };
}

/** The `- ` items of a bullet section; a present section without any is reported. */
function bulletList(
  src: SourceText,
  file: string,
  doc: Lines,
  block: HeadingBlock | undefined,
  out: Diagnostic[],
): Located<string>[] {
  if (!block) return [];
  const items = bulletItems(doc, block.bodyStart, block.bodyEnd);
  if (items.length === 0) {
    let hint = '';
    for (let i = block.bodyStart; i < block.bodyEnd; i++) {
      const t = doc.lines[i]!.trimStart();
      if (t.startsWith('* ') || t.startsWith('+ ') || /^\d+[.)] /.test(t)) {
        hint = ' (only `- ` bullets are read, not `*`, `+` or numbered items)';
        break;
      }
    }
    out.push(
      diag(
        SMD_CODES.sectionWithoutBullets,
        file,
        src.trimmedLineRange(block.headingLine),
        `\`## ${block.name}\` has no items${hint}; list them as \`- \` bullets.`,
      ),
    );
  }
  return items;
}
