import { defineCodes } from './code-info';

/** Codes for .ossature/plan.toml and other .ossature files (OSS600–OSS699). */
export const PLAN_CODES = defineCodes({
  tomlSyntax: { code: 'OSS600', severity: 'error', title: 'plan.toml is not valid TOML' },
  invalidValue: {
    code: 'OSS601',
    severity: 'error',
    title: 'A plan field has the wrong type or an invalid value (e.g. an unknown task status)',
  },
  missingField: { code: 'OSS602', severity: 'error', title: 'A required plan field is missing' },
  unknownKey: {
    code: 'OSS603',
    severity: 'warning',
    title: 'A plan key Ossature does not know (kept, ignored)',
  },
  totalTasksMismatch: {
    code: 'OSS604',
    severity: 'warning',
    title: '[meta] total_tasks does not match the number of [[task]] tables',
  },
  metaUnknownSpec: {
    code: 'OSS605',
    severity: 'warning',
    title: '[meta] specs names a spec that does not exist',
  },
  legacyVerifyString: {
    code: 'OSS606',
    severity: 'info',
    title: 'A task gives `verify` as one string (older format); a list of commands is preferred',
  },
  duplicateTaskId: { code: 'OSS610', severity: 'error', title: 'Two tasks share an id' },
  unknownDependency: { code: 'OSS611', severity: 'error', title: 'A `depends_on` entry names no task' },
  forwardDependency: {
    code: 'OSS612',
    severity: 'error',
    title: 'A task depends on a task that comes later in the plan (tasks run in plan order)',
  },
  dependencyCycle: { code: 'OSS613', severity: 'error', title: 'Tasks depend on each other in a cycle' },
  duplicateEntry: {
    code: 'OSS614',
    severity: 'warning',
    title: 'A task list (outputs, inject_files, depends_on, refs, …) names the same entry twice',
  },
  copyTaskVerify: {
    code: 'OSS620',
    severity: 'warning',
    title: 'A copy task (`source` set) has `verify` commands, which are ignored',
  },
  invalidSource: {
    code: 'OSS621',
    severity: 'error',
    title: 'A copy-task `source` uses another scheme than context://, an absolute path, or `..`',
  },
  sourceOutputCount: {
    code: 'OSS622',
    severity: 'error',
    title: 'A copy task has a different number of `source` entries and `outputs`',
  },
  copyWildcard: {
    code: 'OSS623',
    severity: 'error',
    title: 'A copy-task pattern has more than one wildcard, or pairs a wildcard with a literal path',
  },
  unknownSpec: { code: 'OSS630', severity: 'error', title: 'A task names a spec that does not exist' },
  unknownSpecRef: {
    code: 'OSS631',
    severity: 'error',
    title: 'A `spec_refs` entry names no section, requirement or example of the spec',
  },
  unknownArchRef: {
    code: 'OSS632',
    severity: 'error',
    title: "An `arch_refs` entry names no section, component or data model of the spec's architecture",
  },
  emptyRef: {
    code: 'OSS633',
    severity: 'info',
    title: 'A ref names a standard section the spec does not have, so it adds nothing to the prompt',
  },
  unknownInterfaceSpec: {
    code: 'OSS634',
    severity: 'error',
    title: 'A `cross_spec_interfaces` entry names a spec that does not exist',
  },
  legacyRefPrefix: {
    code: 'OSS635',
    severity: 'info',
    title: 'A ref carries the older `SPEC_ID:` prefix, no longer needed',
  },
});
