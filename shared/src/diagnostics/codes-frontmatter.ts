import { defineCodes } from './code-info';

/** Codes for Frontmatter and legacy metadata of .smd/.amd (OSS100–OSS149). */
export const FRONTMATTER_CODES = defineCodes({
  missingFrontmatter: {
    code: 'OSS100',
    severity: 'error',
    title: 'The file does not start with a `---` YAML frontmatter block',
  },
  unterminatedFrontmatter: {
    code: 'OSS101',
    severity: 'error',
    title: 'The frontmatter block has no closing `---` line',
  },
  invalidYaml: { code: 'OSS102', severity: 'error', title: 'The frontmatter is not valid YAML' },
  notMapping: {
    code: 'OSS103',
    severity: 'error',
    title: 'The frontmatter is not a YAML mapping of `key: value` pairs',
  },
  legacyMetadata: {
    code: 'OSS104',
    severity: 'error',
    title: 'Metadata is in the pre-0.0.5 `@key: value` format instead of YAML frontmatter',
  },
  duplicateKey: {
    code: 'OSS105',
    severity: 'warning',
    title: 'A frontmatter key appears twice (the last value wins)',
  },
  missingId: { code: 'OSS110', severity: 'error', title: 'A spec has no `id` (or it is empty)' },
  missingStatus: { code: 'OSS111', severity: 'error', title: 'A spec or architecture has no `status`' },
  missingPriority: { code: 'OSS112', severity: 'error', title: 'A spec has no `priority`' },
  missingSpec: {
    code: 'OSS113',
    severity: 'error',
    title: 'An architecture has no `spec` naming the spec it describes',
  },
  invalidStatus: {
    code: 'OSS120',
    severity: 'error',
    title: '`status` is not one of draft, review, approved, implemented, deprecated',
  },
  invalidPriority: {
    code: 'OSS121',
    severity: 'error',
    title: '`priority` is not one of low, medium, high, critical',
  },
});
