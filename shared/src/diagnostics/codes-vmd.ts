import { defineCodes } from './code-info';

/** Codes for .vmd verification files (OSS300–OSS399). */
export const VMD_CODES = defineCodes({
  // Fixtures (first pass).
  fixtureMalformed: {
    code: 'OSS300',
    severity: 'error',
    title: 'An `@fixture` line is not `@fixture NAME = <JSON>` or `@fixture NAME = !label`',
  },
  fixtureInvalidName: { code: 'OSS301', severity: 'error', title: 'A fixture name is not an identifier' },
  fixtureReservedName: {
    code: 'OSS302',
    severity: 'error',
    title: 'A fixture is named after a literal (true, false, null, NaN, Infinity, Ok)',
  },
  fixtureDuplicate: { code: 'OSS303', severity: 'error', title: 'Two fixtures of one file share a name' },
  fixtureMissingLabel: { code: 'OSS304', severity: 'error', title: 'An opaque fixture (`= !`) has no label' },
  fixtureInvalidJson: { code: 'OSS305', severity: 'error', title: 'A fixture value is not valid JSON' },

  // Directives.
  coversEmptyTarget: { code: 'OSS310', severity: 'error', title: '`@covers` has no target, or an empty one' },
  coversMalformedTarget: {
    code: 'OSS311',
    severity: 'error',
    title: 'A quoted `@covers` target is not a valid JSON string',
  },
  coversInvalidTarget: {
    code: 'OSS312',
    severity: 'error',
    title: 'An unquoted `@covers` target is not an anchor slug ([A-Za-z0-9_-])',
  },
  coversDangling: {
    code: 'OSS313',
    severity: 'error',
    title: '`@covers` is not followed by a group or scenario',
  },
  directiveDuplicate: {
    code: 'OSS314',
    severity: 'error',
    title: '`@spec`, `@arch` or `@status` appears twice',
  },
  directiveEmpty: { code: 'OSS315', severity: 'error', title: '`@spec`, `@arch` or `@status` has no value' },
  directiveInvalidId: {
    code: 'OSS316',
    severity: 'error',
    title: 'An `@spec` or `@arch` id is not made of [A-Za-z0-9_-]',
  },
  directiveUnknown: {
    code: 'OSS317',
    severity: 'error',
    title: 'A line starts with an unknown `@` directive',
  },
  specMissing: { code: 'OSS318', severity: 'error', title: 'A VMD file has no `@spec` directive' },
  statusInvalid: { code: 'OSS319', severity: 'error', title: '`@status` is not a known spec status' },

  // Group signatures.
  signatureUnrecognised: {
    code: 'OSS320',
    severity: 'error',
    title: 'A line outside any stanza is neither a group signature `name(params)` nor `scenario …:`',
  },
  groupInvalidName: {
    code: 'OSS321',
    severity: 'error',
    title: 'A group name is not [A-Za-z_][A-Za-z0-9_.-]*',
  },
  signatureTrailingText: {
    code: 'OSS322',
    severity: 'error',
    title: 'A group signature has text after `)` that is neither `-> returns` nor `~mode`',
  },
  modeTokenExpected: {
    code: 'OSS323',
    severity: 'error',
    title: 'A word among the compare modes of a signature does not start with `~`',
  },
  modeUnknown: { code: 'OSS324', severity: 'error', title: 'A compare mode is not one VMD knows' },
  modeDuplicate: {
    code: 'OSS325',
    severity: 'error',
    title: 'A compare mode appears twice in one signature',
  },
  approxToleranceInvalid: {
    code: 'OSS326',
    severity: 'error',
    title: 'The `~approx:<tol>` tolerance is not a number',
  },
  modeArgumentUnexpected: {
    code: 'OSS327',
    severity: 'error',
    title: 'A compare mode other than `~approx` has a `:argument`',
  },
  modeCliRemoved: {
    code: 'OSS328',
    severity: 'error',
    title: '`~cli` groups were replaced by command scenarios',
  },
  paramEmpty: { code: 'OSS329', severity: 'error', title: 'A group signature has an empty parameter' },
  paramInvalidName: {
    code: 'OSS330',
    severity: 'error',
    title: 'A group parameter name is not an identifier',
  },
  paramDuplicate: { code: 'OSS331', severity: 'error', title: 'Two parameters of one group share a name' },
  paramUnknownType: {
    code: 'OSS332',
    severity: 'error',
    title: 'A group parameter has a type other than `decimal`',
  },
  groupDuplicate: {
    code: 'OSS333',
    severity: 'error',
    title: 'Two groups of one file share a name (case-insensitive) and an arity',
  },

  // Case rows.
  rowColumnCount: {
    code: 'OSS340',
    severity: 'error',
    title: 'A case row does not have 1 + arity + 1 cells (name, inputs, expected)',
  },
  caseInvalidName: { code: 'OSS341', severity: 'error', title: 'A case name is not made of [A-Za-z0-9_-]' },
  caseDuplicate: { code: 'OSS342', severity: 'error', title: 'Two cases of one group share a name' },
  cellUndecodable: {
    code: 'OSS343',
    severity: 'error',
    title: 'A cell is empty, or neither valid JSON nor a known fixture name',
  },
  cellOpaqueFixture: {
    code: 'OSS344',
    severity: 'error',
    title: 'An opaque fixture is used as a cell value (it can only feed a parameter of its name)',
  },
  cellNotDecimal: {
    code: 'OSS345',
    severity: 'error',
    title: 'A `:decimal` column holds something other than a number or a numeric string',
  },
  errorTypeInvalid: {
    code: 'OSS346',
    severity: 'error',
    title: 'An expected error type (`!Type` or `then raises Type`) is not a dotted identifier',
  },
  matchesExpectsString: {
    code: 'OSS347',
    severity: 'error',
    title: 'A `~matches` group expects a value that is not a string pattern',
  },
  groupNoRows: { code: 'OSS348', severity: 'error', title: 'A group has no case rows' },

  // Scenarios.
  scenarioNameEmpty: {
    code: 'OSS350',
    severity: 'error',
    title: 'A scenario name has no letters or digits (its slug is empty)',
  },
  scenarioDuplicate: { code: 'OSS351', severity: 'error', title: 'Two scenarios of one file share a slug' },
  scenarioUnexpectedLine: {
    code: 'OSS352',
    severity: 'error',
    title: 'A scenario line does not start with given, when, then or >',
  },
  scenarioNoWhen: { code: 'OSS353', severity: 'error', title: 'A scenario has no `when` step' },
  givenAfterWhen: { code: 'OSS354', severity: 'error', title: 'A `given` step comes after a `when` step' },
  givenMalformed: {
    code: 'OSS355',
    severity: 'error',
    title: 'A `given` step is not `given name = <JSON>` or `given FIXTURE`',
  },
  givenInvalidJson: { code: 'OSS356', severity: 'error', title: 'A `given` value is not valid JSON' },
  givenDuplicate: {
    code: 'OSS357',
    severity: 'error',
    title: 'Two `given` steps of one scenario share a name',
  },
  givenUnknownFixture: { code: 'OSS358', severity: 'error', title: '`given NAME` names no fixture' },
  whenMalformed: {
    code: 'OSS359',
    severity: 'error',
    title: 'A `when` step is not `when target(args)` or `when $ command`',
  },
  scenarioMixedSteps: { code: 'OSS360', severity: 'error', title: 'A scenario mixes call and command steps' },
  callSecondWhen: { code: 'OSS361', severity: 'error', title: 'A call scenario has a second `when`' },
  commandUnterminatedQuote: {
    code: 'OSS362',
    severity: 'error',
    title: 'A `when $` command has an unterminated double quote',
  },
  commandInvalidEscape: {
    code: 'OSS363',
    severity: 'error',
    title: 'A `when $` command has a backslash escape other than \\xNN, \\", \\\\ or "\\ "',
  },
  commandShellMetachar: {
    code: 'OSS364',
    severity: 'error',
    title: 'A `when $` command uses a shell metacharacter (| < > ; &) outside quotes',
  },
  commandEmpty: { code: 'OSS365', severity: 'error', title: 'A `when $` step has no command' },
  callArgUnknownName: {
    code: 'OSS366',
    severity: 'error',
    title: 'A call argument names neither a `given` nor a value fixture',
  },
  callArgInvalidJson: {
    code: 'OSS367',
    severity: 'error',
    title: 'A call argument is not valid JSON, or arguments are not separated by commas',
  },
  callArgOpaqueFixture: {
    code: 'OSS368',
    severity: 'error',
    title: 'An opaque fixture is used as a call argument',
  },
  callNoThen: { code: 'OSS369', severity: 'error', title: 'A call scenario has no `then`' },
  thenWithoutWhen: { code: 'OSS370', severity: 'error', title: 'A `then` step comes before any `when`' },
  callSecondThen: { code: 'OSS371', severity: 'error', title: 'A call scenario has a second `then`' },
  thenMalformed: {
    code: 'OSS372',
    severity: 'error',
    title: 'A `then` step is not one of the forms its scenario kind allows',
  },
  thenReturnsInvalidJson: {
    code: 'OSS373',
    severity: 'error',
    title: '`then returns` is not followed by valid JSON',
  },
  exitDuplicate: { code: 'OSS374', severity: 'error', title: 'A command step has a second `then exit`' },
  exitNotInteger: { code: 'OSS375', severity: 'error', title: '`then exit` is not followed by an integer' },
  streamDuplicate: {
    code: 'OSS376',
    severity: 'error',
    title: 'A command step has a second `then stdout …` (or `then stderr …`) check',
  },
  streamExpectsString: {
    code: 'OSS377',
    severity: 'error',
    title: '`then stdout|stderr has|is|matches` is not followed by a JSON string',
  },
  streamEmptyWithValue: {
    code: 'OSS378',
    severity: 'error',
    title: '`then stdout|stderr empty` has a value',
  },
  streamInvalidPattern: {
    code: 'OSS379',
    severity: 'error',
    title: 'A `then stdout|stderr matches` pattern is not a valid regular expression',
  },
  outputWithoutCommand: {
    code: 'OSS380',
    severity: 'error',
    title: 'A `>` output line has no preceding `when $` step',
  },
  outputWithStdoutCheck: {
    code: 'OSS381',
    severity: 'error',
    title: 'A command step has both `>` output lines and a `then stdout` check',
  },

  // The file as a whole.
  noCases: { code: 'OSS390', severity: 'error', title: 'A VMD file has no groups and no scenarios' },
});
