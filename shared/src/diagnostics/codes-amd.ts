import { defineCodes } from './code-info';

/** Codes for .amd architecture files (OSS200–OSS249). */
export const AMD_CODES = defineCodes({
  missingTitle: {
    code: 'OSS200',
    severity: 'error',
    title: 'An architecture has no `# Architecture: Title` (H1) line, or its title is empty',
  },
  missingSection: {
    code: 'OSS201',
    severity: 'error',
    title: 'A required section (Overview, Components) is missing',
  },
  emptyOverview: { code: 'OSS202', severity: 'error', title: '`## Overview` has no text' },
  noComponents: { code: 'OSS203', severity: 'error', title: '`## Components` has no `### ` component' },
  textBeforeFirstItem: {
    code: 'OSS204',
    severity: 'error',
    title: 'Components or Data Models has text before its first `### ` heading',
  },
  unknownSection: {
    code: 'OSS205',
    severity: 'warning',
    title: 'A `##` section Ossature does not know is ignored',
  },
  duplicateSection: {
    code: 'OSS206',
    severity: 'warning',
    title: 'A `##` section appears twice in an architecture (only the last one is read)',
  },
  componentMissingPath: {
    code: 'OSS210',
    severity: 'error',
    title: 'A component has no `@path:` line (or it is empty)',
  },
  componentMissingDescription: {
    code: 'OSS211',
    severity: 'error',
    title: 'A component has no description between `@path:` and its first marker',
  },
  componentMissingInterface: {
    code: 'OSS212',
    severity: 'error',
    title: 'A component has no `**Interface:**` marker followed by a non-empty fenced code block',
  },
  componentMissingContracts: {
    code: 'OSS213',
    severity: 'warning',
    title: 'A component has no `**Contracts:**` marker (required since Ossature 0.1.0)',
  },
  contractsNoneWithBullets: {
    code: 'OSS214',
    severity: 'error',
    title: '`**Contracts:** None` is followed by bullet items',
  },
  contractsNoneWithContent: {
    code: 'OSS215',
    severity: 'error',
    title: '`**Contracts:** None` is followed by more text',
  },
  contractsWithoutBullets: {
    code: 'OSS216',
    severity: 'error',
    title: '`**Contracts:**` has neither `- ` bullet items nor `None`',
  },
  dataModelWithoutCode: {
    code: 'OSS220',
    severity: 'error',
    title: 'A data model has no non-empty fenced code block',
  },
  dependencyWithoutColon: {
    code: 'OSS225',
    severity: 'error',
    title: 'A `## Dependencies` bullet has no `name: purpose` colon',
  },
  dependencyEmptySide: {
    code: 'OSS226',
    severity: 'error',
    title: 'A `## Dependencies` bullet has an empty name or purpose',
  },
});
