import { VMD_CODES } from '../../diagnostics/codes-vmd';
import { SPEC_STATUSES } from '../../model/common';
import type { CoversTarget } from '../../model/vmd';
import { lineSpan } from '../../text/range';
import { closestMatches } from '../../util/did-you-mean';
import { partRange, type Span, spanRange, sub, subRange, trimSpan, type VmdContext } from './context';
import { parseJson, splitOutsideStrings } from './json-cell';

export const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SPEC_ID = /^[A-Za-z0-9_-]+$/;
const COVERS_SLUG = /^[A-Za-z0-9_-]+$/;
const FIXTURE_LINE = /^@fixture\s+(\S+)\s*=\s*(.+)$/d;
/** Names the cell reader keeps for its own literals. */
export const RESERVED_FIXTURE_NAMES: ReadonlySet<string> = new Set([
  'true',
  'false',
  'null',
  'NaN',
  'Infinity',
  'Ok',
]);
const KNOWN_DIRECTIVES = ['@spec', '@arch', '@status', '@fixture', '@covers'];

/** First pass: one `@fixture NAME = <JSON>` or `@fixture NAME = !label` line (trimmed, comment removed). */
export function collectFixture(ctx: VmdContext, line: Span): void {
  const m = FIXTURE_LINE.exec(line.text);
  if (!m?.indices) {
    ctx.report(
      VMD_CODES.fixtureMalformed,
      spanRange(line),
      'Malformed @fixture: write `@fixture NAME = <JSON>` for a value, or `@fixture NAME = !label` for a handle the harness builds per case.',
    );
    return;
  }
  const [nameStart, nameEnd] = m.indices[1]!;
  const [valueStart, valueEnd] = m.indices[2]!;
  const name = m[1]!;
  const nameRange = subRange(line, nameStart, nameEnd);
  const valueSpan = trimSpan(sub(line, valueStart, valueEnd));
  if (!IDENT.test(name)) {
    ctx.report(
      VMD_CODES.fixtureInvalidName,
      nameRange,
      `Invalid fixture name '${name}': use an identifier (letters, digits and _, not starting with a digit).`,
    );
    return;
  }
  if (RESERVED_FIXTURE_NAMES.has(name)) {
    ctx.report(
      VMD_CODES.fixtureReservedName,
      nameRange,
      `Fixture name '${name}' is reserved (true, false, null, NaN, Infinity and Ok are literals); choose another name.`,
    );
    return;
  }
  const first = ctx.fixtures.get(name);
  if (first) {
    ctx.report(VMD_CODES.fixtureDuplicate, nameRange, `Duplicate fixture '${name}': rename one of the two.`, {
      related: [{ range: first.nameRange, message: `fixture '${name}' is first defined here` }],
    });
    return;
  }
  const range = spanRange(line);
  const value = valueSpan.text;
  if (value.startsWith('!')) {
    const label = value.slice(1).trim();
    if (!label) {
      ctx.report(
        VMD_CODES.fixtureMissingLabel,
        spanRange(valueSpan),
        `Opaque fixture '${name}' needs a label after '!' saying how the harness builds it, e.g. \`@fixture ${name} = !fresh empty database\`.`,
      );
      return;
    }
    ctx.fixtures.set(name, { name, nameRange, range, opaque: true, label });
    return;
  }
  const json = parseJson(value);
  if (!json.ok) {
    ctx.report(
      VMD_CODES.fixtureInvalidJson,
      spanRange(valueSpan),
      `Fixture '${name}' value is not valid JSON (${json.message}). Quote strings ("text"), or write \`= !label\` for an opaque fixture.`,
    );
    return;
  }
  ctx.fixtures.set(name, { name, nameRange, range, opaque: false, value: json.value, raw: value });
}

/** `@covers target[, target…]`: targets are anchor slugs or quoted heading text. */
export function parseCovers(ctx: VmdContext, word: Span, rest: Span): CoversTarget[] {
  if (!rest.text) {
    ctx.report(
      VMD_CODES.coversEmptyTarget,
      spanRange(word),
      '@covers needs at least one target: a requirement anchor slug or a "quoted heading".',
    );
    return [];
  }
  const targets: CoversTarget[] = [];
  for (const [a, b] of splitOutsideStrings(rest.text, ',')) {
    const part = trimSpan(sub(rest, a, b));
    const range = spanRange(part);
    if (!part.text) {
      ctx.report(
        VMD_CODES.coversEmptyTarget,
        partRange(rest, a, b),
        'Empty @covers target: remove the extra comma, or put a requirement anchor or "quoted heading" there.',
      );
    } else if (part.text.startsWith('"')) {
      const json = parseJson(part.text);
      if (!json.ok || typeof json.value !== 'string') {
        ctx.report(
          VMD_CODES.coversMalformedTarget,
          range,
          `Malformed quoted @covers target ${part.text}: write the heading as one JSON string, e.g. "Add Item".`,
        );
      } else if (!json.value.trim()) {
        ctx.report(
          VMD_CODES.coversEmptyTarget,
          range,
          '@covers target must be a non-empty string: write the requirement heading between the quotes.',
        );
      } else {
        targets.push({ text: json.value.trim(), quoted: true, range });
      }
    } else if (COVERS_SLUG.test(part.text)) {
      targets.push({ text: part.text, quoted: false, range });
    } else {
      ctx.report(
        VMD_CODES.coversInvalidTarget,
        range,
        `Invalid @covers target '${part.text}': use an anchor slug (letters, digits, _ and -) or quote the heading text ("${part.text.replace(/"/g, '\\"')}").`,
      );
    }
  }
  return targets;
}

/** `@spec`, `@arch`, `@status`, `@covers` and unknown directives (second pass; `@fixture` is skipped). */
export function handleDirective(ctx: VmdContext, word: Span, rest: Span): void {
  const name = word.text;
  if (name === '@fixture') return;
  if (name === '@covers') {
    ctx.pendingCovers.push(...parseCovers(ctx, word, rest));
    ctx.pendingCoversRange = lineSpan(word.line, word.start, rest.start + rest.text.length - word.start);
    return;
  }
  if (name === '@spec' || name === '@arch' || name === '@status') {
    const first = ctx.directives.get(name);
    const whole = lineSpan(word.line, word.start, rest.start + rest.text.length - word.start);
    if (first) {
      ctx.report(
        VMD_CODES.directiveDuplicate,
        whole,
        `Duplicate ${name} directive: keep only one (the first wins).`,
        {
          related: [{ range: first, message: `first ${name} here` }],
        },
      );
      return;
    }
    ctx.directives.set(name, whole);
    if (!rest.text) {
      const what = name === '@status' ? `a status (${SPEC_STATUSES.join(', ')})` : 'a spec id';
      ctx.report(VMD_CODES.directiveEmpty, whole, `${name} needs a value: write ${what} after it.`);
      return;
    }
    const value = { value: rest.text, range: spanRange(rest) };
    if (name === '@status') {
      ctx.spec.status = value;
      checkStatus(ctx, rest);
      return;
    }
    if (!SPEC_ID.test(rest.text)) {
      ctx.report(
        VMD_CODES.directiveInvalidId,
        value.range,
        `Invalid ${name} id '${rest.text}': a spec id is letters, digits, _ and - only (the \`id\` of an .smd file).`,
      );
      return;
    }
    if (name === '@spec') ctx.spec.specId = value;
    else ctx.spec.archId = value;
    return;
  }
  const suggestions = closestMatches(name, KNOWN_DIRECTIVES);
  ctx.report(
    VMD_CODES.directiveUnknown,
    spanRange(word),
    `Unknown directive '${name}'${suggestions.length ? ` (did you mean ${suggestions[0]}?)` : ''}: VMD knows ${KNOWN_DIRECTIVES.join(', ')}.`,
    {
      fixes: suggestions.map((s, i) => ctx.replaceFix(`Change to ${s}`, spanRange(word), s, i === 0)),
    },
  );
}

function checkStatus(ctx: VmdContext, value: Span): void {
  if ((SPEC_STATUSES as readonly string[]).includes(value.text)) return;
  const allowed = [...SPEC_STATUSES].sort();
  const range = spanRange(value);
  ctx.report(
    VMD_CODES.statusInvalid,
    range,
    `Invalid status '${value.text}': expected one of ${allowed.join(', ')}.`,
    {
      fixes: closestMatches(value.text, allowed).map((s, i) =>
        ctx.replaceFix(`Change to '${s}'`, range, s, i === 0),
      ),
    },
  );
}
