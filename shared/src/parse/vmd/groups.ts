import { VMD_CODES } from '../../diagnostics/codes-vmd';
import { type CompareMode, type Group, type GroupParam, VMD_COMPARE_MODES } from '../../model/vmd';
import { type Range, range } from '../../text/range';
import { closestMatches } from '../../util/did-you-mean';
import { readCell } from './cells';
import { partRange, type Span, spanRange, sub, subRange, trimSpan, type VmdContext } from './context';
import { IDENT } from './directives';
import { splitOutsideStrings } from './json-cell';

const GROUP_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const CASE_NAME = /^[A-Za-z0-9_-]+$/;
const ERROR_TYPE = /^[A-Za-z_][A-Za-z0-9_.]*$/;
const DECIMAL_STRING = /^-?[0-9]+(\.[0-9]+)?$/;
/** What Python's float() accepts, less digit separators. */
const FLOAT = /^[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf|infinity|nan)$/i;

/** A group being read: the model node plus what its rows are checked against. */
export interface GroupBuilder {
  group: Group;
  /** Params that take a column, in order. */
  columns: GroupParam[];
  /** False when the parameter list had errors: the arity is unknown, so rows are not checked. */
  checkRows: boolean;
  rowCount: number;
  caseNames: Map<string, Range>;
}

/**
 * A signature line `name(p1, p2:decimal) [-> returns] [~mode …]`. Returns undefined when the line is not
 * recognisable as one (no `name(` … `)`); otherwise a group, even when parts of it are wrong.
 */
export function parseSignature(ctx: VmdContext, line: Span): GroupBuilder | undefined {
  const text = line.text;
  const open = text.indexOf('(');
  const close = open === -1 ? -1 : text.indexOf(')', open);
  if (open <= 0 || close === -1) return undefined;

  const nameSpan = trimSpan(sub(line, 0, open));
  const nameRange = spanRange(nameSpan);
  if (!GROUP_NAME.test(nameSpan.text)) {
    ctx.report(
      VMD_CODES.groupInvalidName,
      nameRange,
      `Invalid group name '${nameSpan.text}': start with a letter or _, then letters, digits, _, . or -.`,
    );
  }

  const { params, ok: paramsOk } = parseParams(ctx, sub(line, open + 1, close));
  const rest = trimSpan(sub(line, close + 1));
  let returns: string | undefined;
  let modesSpan = rest;
  if (rest.text.startsWith('->')) {
    const tilde = rest.text.indexOf('~');
    const end = tilde === -1 ? rest.text.length : tilde;
    returns = rest.text.slice(2, end).trim();
    modesSpan = sub(rest, end);
  } else if (rest.text && !rest.text.startsWith('~')) {
    ctx.report(
      VMD_CODES.signatureTrailingText,
      spanRange(rest),
      `Unexpected text after the signature: '${rest.text}'. After ')' write '-> returns' and/or ~modes (${VMD_COMPARE_MODES.map((m) => `~${m}`).join(' ')}).`,
    );
    modesSpan = sub(rest, rest.text.length);
  }
  const { modes, approxTol } = parseModes(ctx, modesSpan, nameSpan.text);

  const columns = params.filter((p) => !p.opaque);
  const signatureRange = spanRange(line);
  const group: Group = {
    name: nameSpan.text,
    nameRange,
    range: signatureRange,
    signatureRange,
    params,
    arity: columns.length,
    compareModes: modes,
    covers: ctx.takeCovers(),
    cases: [],
  };
  if (returns !== undefined) group.returns = returns;
  if (approxTol !== undefined) group.approxTol = approxTol;
  return { group, columns, checkRows: paramsOk, rowCount: 0, caseNames: new Map() };
}

function parseParams(ctx: VmdContext, list: Span): { params: GroupParam[]; ok: boolean } {
  const params: GroupParam[] = [];
  const seen = new Map<string, Range>();
  let ok = true;
  if (!list.text.trim()) return { params, ok };
  let start = 0;
  for (let i = 0; i <= list.text.length; i++) {
    if (i < list.text.length && list.text[i] !== ',') continue;
    const part = trimSpan(sub(list, start, i));
    const partStart = start;
    start = i + 1;
    if (!part.text) {
      ok = false;
      ctx.report(
        VMD_CODES.paramEmpty,
        partRange(list, partStart, i),
        'Empty parameter in the signature: remove the extra comma or name the parameter.',
      );
      continue;
    }
    const colon = part.text.indexOf(':');
    const nameSpan = trimSpan(colon === -1 ? part : sub(part, 0, colon));
    const typeSpan = colon === -1 ? undefined : trimSpan(sub(part, colon + 1));
    if (!IDENT.test(nameSpan.text)) {
      ok = false;
      ctx.report(
        VMD_CODES.paramInvalidName,
        partRange(nameSpan, 0, nameSpan.text.length),
        `Invalid parameter name '${nameSpan.text}': use an identifier (letters, digits and _, not starting with a digit).`,
      );
      continue;
    }
    let type: 'decimal' | undefined;
    if (typeSpan?.text) {
      if (typeSpan.text === 'decimal') type = 'decimal';
      else {
        const typeRange = spanRange(typeSpan);
        ctx.report(
          VMD_CODES.paramUnknownType,
          typeRange,
          `Unknown parameter type '${typeSpan.text}': the only supported type is decimal (exact decimal numbers); leave the type off for plain JSON values.`,
          { fixes: [ctx.replaceFix("Change to 'decimal'", typeRange, 'decimal')] },
        );
      }
    }
    const first = seen.get(nameSpan.text);
    if (first) {
      ok = false;
      ctx.report(
        VMD_CODES.paramDuplicate,
        spanRange(nameSpan),
        `Duplicate parameter name '${nameSpan.text}': each parameter needs its own name.`,
        { related: [{ range: first, message: `'${nameSpan.text}' first here` }] },
      );
      continue;
    }
    seen.set(nameSpan.text, spanRange(nameSpan));
    const param: GroupParam = { name: nameSpan.text, range: spanRange(part) };
    if (type) param.type = type;
    if (ctx.fixtures.get(nameSpan.text)?.opaque) param.opaque = true;
    params.push(param);
  }
  return { params, ok };
}

function parseModes(
  ctx: VmdContext,
  s: Span,
  groupName: string,
): { modes: CompareMode[]; approxTol?: number } {
  const modes: CompareMode[] = [];
  const seen = new Map<string, Range>();
  let approxTol: number | undefined;
  for (const m of s.text.matchAll(/\S+/g)) {
    const token = m[0];
    const tokenRange = subRange(s, m.index, m.index + token.length);
    if (!token.startsWith('~')) {
      ctx.report(
        VMD_CODES.modeTokenExpected,
        tokenRange,
        `Expected a ~mode after the signature, got '${token}'. Modes are ${VMD_COMPARE_MODES.map((x) => `~${x}`).join(', ')}.`,
      );
      continue;
    }
    const colon = token.indexOf(':');
    const mode = colon === -1 ? token.slice(1) : token.slice(1, colon);
    const arg = colon === -1 ? '' : token.slice(colon + 1);
    if (mode === 'cli') {
      ctx.report(
        VMD_CODES.modeCliRemoved,
        tokenRange,
        `~cli groups were replaced by scenarios: write a 'scenario name:' stanza with 'when $ ${groupName || 'program'} …' steps.`,
      );
      continue;
    }
    if (!(VMD_COMPARE_MODES as readonly string[]).includes(mode)) {
      const suggestions = closestMatches(mode, VMD_COMPARE_MODES);
      const modeRange = subRange(s, m.index, m.index + (colon === -1 ? token.length : colon));
      ctx.report(
        VMD_CODES.modeUnknown,
        modeRange,
        `Unknown mode ~${mode}${suggestions.length ? ` (did you mean ~${suggestions[0]}?)` : ''}: use ${VMD_COMPARE_MODES.map((x) => `~${x}`).join(', ')}.`,
        { fixes: suggestions.map((x, i) => ctx.replaceFix(`Change to ~${x}`, modeRange, `~${x}`, i === 0)) },
      );
      continue;
    }
    const argRange = subRange(s, m.index + colon + 1, m.index + token.length);
    if (mode === 'approx' && arg) {
      if (FLOAT.test(arg)) approxTol = Number.parseFloat(arg.replace(/^([+-]?)inf(inity)?$/i, '$1Infinity'));
      else {
        ctx.report(
          VMD_CODES.approxToleranceInvalid,
          argRange,
          `Invalid ~approx tolerance '${arg}': write a number, e.g. ~approx:0.01 (or plain ~approx for the default).`,
        );
      }
    } else if (arg) {
      ctx.report(
        VMD_CODES.modeArgumentUnexpected,
        subRange(s, m.index + colon, m.index + token.length),
        `Mode ~${mode} takes no argument: write ~${mode}.`,
      );
    }
    const first = seen.get(mode);
    if (first) {
      ctx.report(VMD_CODES.modeDuplicate, tokenRange, `Duplicate mode ~${mode}: remove one.`, {
        related: [{ range: first, message: `~${mode} first here` }],
      });
      continue;
    }
    seen.set(mode, tokenRange);
    modes.push(mode as CompareMode);
  }
  return approxTol === undefined ? { modes } : { modes, approxTol };
}

/** One case row `case_name | input… | expected` of `b`'s group. */
export function parseRow(ctx: VmdContext, b: GroupBuilder, row: Span): void {
  const { group } = b;
  b.rowCount++;
  const sig = group.signatureRange.start;
  const end = row.start + row.text.length;
  group.range = range(sig.line, sig.character, row.line, end);
  if (!b.checkRows) return;

  const parts = splitCells(row);
  const want = b.columns.length + 2;
  if (parts.length !== want) {
    ctx.report(
      VMD_CODES.rowColumnCount,
      spanRange(row),
      `Group '${group.name}' rows need ${want} cells (case name, ${b.columns.length} input(s), expected) separated by '|'; this row has ${parts.length}.`,
    );
    return;
  }
  const [nameCell, ...rest] = parts;
  const expectedCell = rest.pop()!;
  const name = nameCell!.span.text;
  let ok = true;
  if (!CASE_NAME.test(name)) {
    ok = false;
    ctx.report(
      VMD_CODES.caseInvalidName,
      nameCell!.range,
      name
        ? `Invalid case name '${name}': use letters, digits, _ and - only.`
        : 'Missing case name: start the row with a name (letters, digits, _ and -).',
    );
  } else {
    const first = b.caseNames.get(name);
    if (first) {
      ok = false;
      ctx.report(
        VMD_CODES.caseDuplicate,
        nameCell!.range,
        `Duplicate case name '${name}' in group '${group.name}': give each row its own name.`,
        { related: [{ range: first, message: `case '${name}' first here` }] },
      );
    } else {
      b.caseNames.set(name, nameCell!.range);
    }
  }

  const inputs: unknown[] = [];
  const rawInputs: string[] = [];
  rest.forEach((cell, i) => {
    const param = b.columns[i]!;
    const what = `case '${name}', input '${param.name}'`;
    const read = readCell(ctx, cell.span, cell.range, what);
    if (!read) {
      ok = false;
      return;
    }
    if (param.type === 'decimal' && !isDecimal(read.value)) {
      ok = false;
      ctx.report(
        VMD_CODES.cellNotDecimal,
        cell.range,
        `${capitalise(what)} is a decimal column and needs a number or a numeric string like "12.50".`,
      );
      return;
    }
    inputs.push(read.value);
    rawInputs.push(read.raw);
  });

  const expected = readExpected(ctx, b, expectedCell, name);
  if (!expected || !ok) return;
  group.cases.push({
    name,
    nameRange: nameCell!.range,
    range: spanRange(row),
    inputs,
    rawInputs,
    inputRanges: rest.map((c) => c.range),
    expectedRange: expectedCell.range,
    ...expected,
  });
}

type Expectation = Pick<
  Group['cases'][number],
  'expectKind' | 'expected' | 'rawExpected' | 'errorType' | 'errorMessage' | 'errorRange'
>;

function readExpected(
  ctx: VmdContext,
  b: GroupBuilder,
  cell: Cell,
  caseName: string,
): Expectation | undefined {
  const text = cell.span.text;
  if (text.startsWith('!')) {
    const error = parseErrorExpectation(ctx, sub(cell.span, 1), cell.range, `case '${caseName}'`);
    return error && { expectKind: 'error', rawExpected: '', ...error };
  }
  if (text === 'Ok') return { expectKind: 'ok', rawExpected: '' };
  const read = readCell(ctx, cell.span, cell.range, `case '${caseName}', expected`);
  if (!read) return undefined;
  if (b.group.compareModes.includes('matches') && typeof read.value !== 'string') {
    ctx.report(
      VMD_CODES.matchesExpectsString,
      cell.range,
      `Case '${caseName}': ~matches groups need a string pattern as the expected value (a JSON string holding a regular expression).`,
    );
    return undefined;
  }
  return { expectKind: 'value', expected: read.value, rawExpected: read.raw };
}

/** `Type` or `Type: message` (after `!` or `then raises`). */
export function parseErrorExpectation(
  ctx: VmdContext,
  body: Span,
  fallback: Range,
  what: string,
): { errorType: string; errorMessage: string; errorRange: Range } | undefined {
  const colon = body.text.indexOf(':');
  const typeSpan = trimSpan(colon === -1 ? body : sub(body, 0, colon));
  const errorMessage = colon === -1 ? '' : body.text.slice(colon + 1).trim();
  if (!ERROR_TYPE.test(typeSpan.text)) {
    ctx.report(
      VMD_CODES.errorTypeInvalid,
      typeSpan.text ? spanRange(typeSpan) : fallback,
      typeSpan.text
        ? `${capitalise(what)}: invalid error type '${typeSpan.text}'. Write the exception class name, e.g. ValueError or pkg.errors.NotFound.`
        : `${capitalise(what)}: missing error type. Write the exception class name, e.g. !ValueError or !ValueError: message.`,
    );
    return undefined;
  }
  return { errorType: typeSpan.text, errorMessage, errorRange: spanRange(typeSpan) };
}

interface Cell {
  span: Span;
  range: Range;
}

function splitCells(row: Span): Cell[] {
  return splitOutsideStrings(row.text, '|').map(([a, b]) => ({
    span: trimSpan(sub(row, a, b)),
    range: partRange(row, a, b),
  }));
}

function isDecimal(value: unknown): boolean {
  return typeof value === 'number' || (typeof value === 'string' && DECIMAL_STRING.test(value));
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
