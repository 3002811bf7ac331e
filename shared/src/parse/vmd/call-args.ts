import { VMD_CODES } from '../../diagnostics/codes-vmd';
import type { Given } from '../../model/vmd';
import type { Range } from '../../text/range';
import { closestMatches } from '../../util/did-you-mean';
import { type Span, subRange, type VmdContext } from './context';
import { parseJsonPrefix } from './json-cell';

const IDENT_AT = /[A-Za-z_][A-Za-z0-9_]*/y;
const JSON_WORDS: ReadonlySet<string> = new Set(['true', 'false', 'null', 'NaN', 'Infinity']);

export interface CallArgs {
  args: unknown[];
  rawArgs: string[];
  argRanges: Range[];
}

function skipBlanks(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/**
 * The comma-separated arguments of `when target(…)`: JSON literals, `given` names, or value fixture names.
 * A bad name is reported and reading goes on; a JSON error stops it (the rest cannot be split reliably).
 */
export function parseCallArgs(ctx: VmdContext, list: Span, givens: Map<string, Given>): CallArgs {
  const out: CallArgs = { args: [], rawArgs: [], argRanges: [] };
  const text = list.text;
  const n = text.length;
  let i = 0;
  for (;;) {
    i = skipBlanks(text, i);
    if (i >= n) break;
    IDENT_AT.lastIndex = i;
    const m = IDENT_AT.exec(text);
    let bare = false;
    if (m) {
      const after = skipBlanks(text, i + m[0].length);
      bare = after >= n || text[after] === ',';
    }
    if (m && bare && (givens.has(m[0]) || !JSON_WORDS.has(m[0]))) {
      const name = m[0];
      const end = i + name.length;
      const range = subRange(list, i, end);
      const given = givens.get(name);
      const fixture = ctx.fixtures.get(name);
      if (given) {
        out.args.push(given.value);
        out.rawArgs.push(given.raw || name);
        out.argRanges.push(range);
      } else if (fixture && !fixture.opaque) {
        out.args.push(fixture.value);
        out.rawArgs.push(fixture.raw ?? name);
        out.argRanges.push(range);
      } else if (fixture) {
        ctx.report(
          VMD_CODES.callArgOpaqueFixture,
          range,
          `Opaque fixture '${name}' cannot be used as a call argument; bind it with 'given ${name}' first, or use a value.`,
          { related: [{ range: fixture.nameRange, message: `opaque fixture '${name}'` }] },
        );
      } else {
        const near = closestMatches(name, [
          ...givens.keys(),
          ...[...ctx.fixtures.values()].filter((f) => !f.opaque).map((f) => f.name),
        ]);
        ctx.report(
          VMD_CODES.callArgUnknownName,
          range,
          `Unknown name '${name}' (not a given binding or fixture)${near.length ? `; did you mean ${near[0]}?` : ''}. Bind it with 'given ${name} = <JSON>', or quote it as a string ("${name}").`,
          { fixes: near.map((x, k) => ctx.replaceFix(`Change to '${x}'`, range, x, k === 0)) },
        );
      }
      i = end;
    } else {
      const json = parseJsonPrefix(text, i);
      if (!json.ok) {
        ctx.report(
          VMD_CODES.callArgInvalidJson,
          subRange(list, i, n),
          `Call argument is not valid JSON (${json.message}): arguments are JSON values, given names or fixture names, separated by commas.`,
        );
        return out;
      }
      out.args.push(json.value);
      out.rawArgs.push(text.slice(i, json.end));
      out.argRanges.push(subRange(list, i, json.end));
      i = json.end;
    }
    i = skipBlanks(text, i);
    if (i >= n) break;
    if (text[i] !== ',') {
      ctx.report(
        VMD_CODES.callArgInvalidJson,
        subRange(list, i, n),
        `Expected ',' between call arguments, got '${text.slice(i)}'.`,
      );
      return out;
    }
    i++;
  }
  return out;
}
