import { VMD_CODES } from '../../diagnostics/codes-vmd';
import type { Range } from '../../text/range';
import { closestMatches } from '../../util/did-you-mean';
import type { Span, VmdContext } from './context';
import { IDENT } from './directives';
import { parseJson } from './json-cell';

/**
 * One input or expected cell: a fixture name (its value substitutes) or a JSON value. Reports what is
 * wrong and returns undefined when the cell cannot be read. `what` names the cell in messages.
 */
export function readCell(
  ctx: VmdContext,
  cell: Span,
  range: Range,
  what: string,
): { value: unknown; raw: string } | undefined {
  const text = cell.text;
  const label = what.charAt(0).toUpperCase() + what.slice(1);
  if (!text) {
    ctx.report(
      VMD_CODES.cellUndecodable,
      range,
      `${label}: empty cell. Write a JSON value (e.g. null, 0 or "").`,
    );
    return undefined;
  }
  if (IDENT.test(text)) {
    const fixture = ctx.fixtures.get(text);
    if (fixture?.opaque) {
      ctx.report(
        VMD_CODES.cellOpaqueFixture,
        range,
        `${label}: opaque fixture '${text}' cannot be used as a value; it feeds only a signature parameter of the same name (which takes no column).`,
        { related: [{ range: fixture.nameRange, message: `opaque fixture '${text}'` }] },
      );
      return undefined;
    }
    if (fixture) return { value: fixture.value, raw: fixture.raw ?? text };
  }
  const json = parseJson(text);
  if (json.ok) return { value: json.value, raw: text };
  let hint = 'Quote strings ("text") or use a fixture name.';
  if (IDENT.test(text)) {
    const near = closestMatches(text, ctx.fixtures.keys());
    hint = near.length
      ? `Did you mean fixture ${near[0]}? Otherwise quote it as a string ("${text}").`
      : `Quote it as a string ("${text}") or define it with \`@fixture ${text} = <JSON>\`.`;
  }
  ctx.report(
    VMD_CODES.cellUndecodable,
    range,
    `${label}: not valid JSON (${json.message}) and not a known fixture name. ${hint}`,
  );
  return undefined;
}
