import { type Block, PromptSpecError } from './types';

/**
 * `${name}` templates.
 *
 * Syntax, read left to right:
 * - `${name}` is a placeholder; `name` is an identifier (`[A-Za-z_][A-Za-z0-9_]*`).
 * - `$${` is the escape: it renders as a literal `${` (so `$${name}` renders as the text `${name}`).
 * - A `$` that is not followed by `{` is literal text (`$5`, `$HOME`, `$$` stay as they are).
 * - Anything else after `${` (no closing brace, not an identifier) is a malformed placeholder and an error.
 *
 * Substituted values are inserted verbatim and never re-scanned, so a value may itself contain `${`.
 */

type Segment = { readonly text: string } | { readonly variable: string };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Splits a template into literal text and placeholders; `where` prefixes error messages. */
export function parseTemplate(template: string, where: string): Segment[] {
  const segments: Segment[] = [];
  let literal = '';
  let i = 0;
  while (i < template.length) {
    const dollar = template.indexOf('$', i);
    if (dollar < 0) {
      literal += template.slice(i);
      break;
    }
    literal += template.slice(i, dollar);
    if (template.startsWith('$${', dollar)) {
      literal += '${';
      i = dollar + 3;
    } else if (template[dollar + 1] === '{') {
      const close = template.indexOf('}', dollar + 2);
      const name = close < 0 ? '' : template.slice(dollar + 2, close);
      if (!IDENTIFIER.test(name)) {
        const excerpt = template.slice(dollar, dollar + 24).split('\n')[0];
        throw new PromptSpecError(
          `${where}: malformed placeholder "${excerpt}" at offset ${dollar} (write $\${ for a literal \${)`,
        );
      }
      if (literal) segments.push({ text: literal });
      literal = '';
      segments.push({ variable: name });
      i = close + 1;
    } else {
      literal += '$';
      i = dollar + 1;
    }
  }
  if (literal) segments.push({ text: literal });
  return segments;
}

/** The distinct placeholder names a template uses, in order of first use. */
export function placeholdersIn(template: string, where: string): string[] {
  const names = new Set<string>();
  for (const segment of parseTemplate(template, where)) {
    if ('variable' in segment) names.add(segment.variable);
  }
  return [...names];
}

/** Replaces every placeholder; a name missing from `values` is an error naming it. */
export function substitute(
  template: string,
  values: Readonly<Record<string, string>>,
  where: string,
): string {
  let out = '';
  for (const segment of parseTemplate(template, where)) {
    if ('text' in segment) {
      out += segment.text;
    } else {
      const value = values[segment.variable];
      if (value === undefined) throw new PromptSpecError(`${where}: missing variables [${segment.variable}]`);
      out += value;
    }
  }
  return out;
}

/**
 * Builds a block whose content is `<name>\n…\n</name>`; leading and trailing blank lines of `body` are
 * dropped so bodies can be written as indented-free template literals starting on their own line.
 */
export function block(name: string, body: string): Block {
  const trimmed = body.replace(/^\n+/, '').replace(/\s+$/, '');
  return { name, content: `<${name}>\n${trimmed}\n</${name}>` };
}

/**
 * Placeholder text for each declared variable: `vars.language` is the string `${language}`. Prompt
 * files interpolate these into their template literals, so a misspelt variable is a type error.
 */
export function placeholders<const V extends string>(names: readonly V[]): Readonly<Record<V, string>> {
  const out = {} as Record<V, string>;
  for (const name of names) out[name] = `\${${name}}`;
  return out;
}
