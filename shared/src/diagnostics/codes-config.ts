import { defineCodes } from './code-info';

/** Codes for ossature.toml and project discovery (OSS001–OSS099). */
export const CONFIG_CODES = defineCodes({
  tomlSyntax: { code: 'OSS001', severity: 'error', title: 'ossature.toml is not valid TOML' },
  missingLlmSection: { code: 'OSS002', severity: 'error', title: 'ossature.toml has no [llm] section' },
  missingModel: { code: 'OSS003', severity: 'error', title: '[llm] has no model' },
  invalidValue: {
    code: 'OSS004',
    severity: 'error',
    title: 'A setting has the wrong type or an invalid value',
  },
  unknownKey: { code: 'OSS005', severity: 'warning', title: 'A setting Ossature does not know (ignored)' },
  removedKey: {
    code: 'OSS006',
    severity: 'warning',
    title: 'A setting that was removed from Ossature (ignored)',
  },
  modelWithoutProvider: {
    code: 'OSS010',
    severity: 'warning',
    title: 'A model string has no provider: prefix',
  },
  unknownProvider: { code: 'OSS011', severity: 'warning', title: 'A model string names an unknown provider' },
  unknownModel: { code: 'OSS012', severity: 'warning', title: 'A model name is not known for its provider' },
  redundantCd: {
    code: 'OSS013',
    severity: 'warning',
    title: 'A setup/verify command starts with `cd <output dir>`, which is redundant',
  },
  specDirMissing: { code: 'OSS020', severity: 'error', title: 'The spec directory does not exist' },
  noSpecFiles: { code: 'OSS021', severity: 'warning', title: 'No .smd spec files were found' },
});
