import { defineCodes } from './code-info';

/** Codes for cross-file checks between specs, and spec warnings (OSS400–OSS499). */
export const CROSS_CODES = defineCodes({
  unknownDependency: { code: 'OSS400', severity: 'error', title: 'A `depends` entry names no existing spec' },
  dependencyCycle: { code: 'OSS401', severity: 'error', title: 'Specs depend on each other in a cycle' },
  amdUnknownSpec: { code: 'OSS402', severity: 'error', title: 'An AMD describes a spec that does not exist' },
  duplicateComponent: {
    code: 'OSS403',
    severity: 'error',
    title: 'Two components of one spec share a name (case-insensitive, across its AMDs)',
  },
  vmdUnknownSpec: { code: 'OSS404', severity: 'error', title: 'A VMD `@spec` names no existing spec' },
  vmdUnknownArch: { code: 'OSS405', severity: 'error', title: 'A VMD `@arch` names no existing spec' },
  duplicateVmdGroup: {
    code: 'OSS406',
    severity: 'error',
    title: 'Two VMD groups of one spec share a name and arity (across files)',
  },
  duplicateScenario: {
    code: 'OSS407',
    severity: 'error',
    title: 'Two VMD scenarios of one spec share a slug',
  },
  duplicateSpecId: { code: 'OSS408', severity: 'error', title: 'Two SMD files declare the same spec id' },
  unknownComponentDependency: {
    code: 'OSS409',
    severity: 'error',
    title: 'An AMD `**Depends on:**` names no component of that spec',
  },
  duplicateDependency: {
    code: 'OSS410',
    severity: 'warning',
    title: 'A spec lists the same dependency twice',
  },
  highComplexity: {
    code: 'OSS450',
    severity: 'warning',
    title: 'A spec has high requirement complexity (may fail during planning)',
  },
  vmdTargetNotInInterface: {
    code: 'OSS451',
    severity: 'warning',
    title: 'A VMD group or call target does not appear in the AMD interfaces',
  },
  vmdTargetNoRequirement: {
    code: 'OSS452',
    severity: 'warning',
    title: 'A VMD group or call target matches no requirement heading (spec has no AMD)',
  },
});
