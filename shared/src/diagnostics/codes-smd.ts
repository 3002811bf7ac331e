import { defineCodes } from './code-info';

/** Codes for .smd specs (OSS150–OSS199). */
export const SMD_CODES = defineCodes({
  missingTitle: { code: 'OSS150', severity: 'error', title: 'A spec has no `# Title` (H1) line' },
  missingSection: {
    code: 'OSS151',
    severity: 'error',
    title:
      'A required section (Overview, Goals, Non-Goals, Requirements, Constraints, Examples, Acceptance Criteria) is missing',
  },
  emptyOverview: { code: 'OSS152', severity: 'error', title: '`## Overview` has no text' },
  sectionWithoutBullets: {
    code: 'OSS153',
    severity: 'error',
    title: 'Goals, Non-Goals, Constraints or Acceptance Criteria has no `- ` bullet item',
  },
  noRequirements: {
    code: 'OSS154',
    severity: 'error',
    title: '`## Requirements` has no `### ` requirement',
  },
  noExamples: { code: 'OSS155', severity: 'error', title: '`## Examples` has no `### ` example' },
  textBeforeFirstItem: {
    code: 'OSS156',
    severity: 'error',
    title: 'Requirements or Examples has text before its first `### ` heading',
  },
  duplicateSection: {
    code: 'OSS157',
    severity: 'warning',
    title: 'A `##` section appears twice in a spec (only the last one is read)',
  },
  requirementMissingAccepts: {
    code: 'OSS160',
    severity: 'error',
    title: 'A requirement has no `**Accepts:**` line (or it is empty)',
  },
  requirementMissingReturns: {
    code: 'OSS161',
    severity: 'error',
    title: 'A requirement has no `**Returns:**` line (or it is empty)',
  },
  requirementMissingDescription: {
    code: 'OSS162',
    severity: 'error',
    title: 'A requirement has no description before its first marker',
  },
  errorWithoutArrow: {
    code: 'OSS163',
    severity: 'error',
    title: 'An `**Errors:**` bullet has no `->` (or `→`) between condition and response',
  },
  errorEmptySide: {
    code: 'OSS164',
    severity: 'error',
    title: 'An `**Errors:**` bullet has an empty condition or response',
  },
  invalidHeadingMarker: {
    code: 'OSS165',
    severity: 'warning',
    title: 'A requirement heading ends with a `{…}` group that is not a valid `{#anchor .no-verify}` marker',
  },
  exampleMissingInput: { code: 'OSS170', severity: 'error', title: 'An example has no `**Input:**` marker' },
  exampleMissingOutput: {
    code: 'OSS171',
    severity: 'error',
    title: 'An example has no `**Output:**` marker',
  },
  exampleInputWithoutCode: {
    code: 'OSS172',
    severity: 'error',
    title: 'An example `**Input:**` is not followed by a non-empty fenced code block',
  },
  exampleOutputWithoutCode: {
    code: 'OSS173',
    severity: 'error',
    title: 'An example `**Output:**` is not followed by a non-empty fenced code block',
  },
});
