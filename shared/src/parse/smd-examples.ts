import { SMD_CODES } from '../diagnostics/codes-smd';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/make';
import type { Example } from '../model/smd';
import type { SourceText } from '../text/source-text';
import {
  type CodeBlock,
  codeBlockAt,
  FENCE_OPEN,
  findMarker,
  type HeadingBlock,
  type Lines,
  markerRange,
} from './markdown-blocks';
import { missingMarker } from './sections';

/**
 * One `### ` chunk of `## Examples`: an `**Input:**` marker and a fenced block after it (before `**Output:**`),
 * an `**Output:**` marker and a fenced block after it. Empty blocks do not count, as in the original.
 */
export function parseExample(
  src: SourceText,
  file: string,
  doc: Lines,
  block: HeadingBlock,
  out: Diagnostic[],
): Example {
  const { bodyStart: s, bodyEnd: e } = block;
  const name = block.name;
  const where = name ? block.nameRange : src.trimmedLineRange(block.headingLine);
  const inputAt = findMarker(doc, s, e, '**Input:**');
  const outputAt = findMarker(doc, s, e, '**Output:**');
  let input: CodeBlock | undefined;
  let output: CodeBlock | undefined;
  for (let i = s; i < e; i++) {
    if (doc.fences[i] !== FENCE_OPEN) continue;
    const cb = codeBlockAt(doc, i, e);
    if (cb.content !== '') {
      if (inputAt && !input && i > inputAt.line && (!outputAt || i < outputAt.line)) input = cb;
      if (outputAt && !output && i > outputAt.line) output = cb;
    }
    i = cb.closeLine;
  }
  if (!inputAt) {
    out.push(
      missingMarker(
        SMD_CODES.exampleMissingInput,
        file,
        doc,
        block,
        'Input',
        where,
        `Example '${name}' has no **Input:** marker; add \`**Input:**\` followed by a fenced code block.`,
      ),
    );
  } else if (!input) {
    out.push(
      diag(
        SMD_CODES.exampleInputWithoutCode,
        file,
        markerRange(inputAt),
        `Example '${name}': **Input:** has no code block; put the input in a non-empty \`\`\` fenced block after the marker${outputAt ? ' (before **Output:**)' : ''}.`,
      ),
    );
  }
  if (!outputAt) {
    out.push(
      missingMarker(
        SMD_CODES.exampleMissingOutput,
        file,
        doc,
        block,
        'Output',
        where,
        `Example '${name}' has no **Output:** marker; add \`**Output:**\` followed by a fenced code block.`,
      ),
    );
  } else if (!output) {
    out.push(
      diag(
        SMD_CODES.exampleOutputWithoutCode,
        file,
        markerRange(outputAt),
        `Example '${name}': **Output:** has no code block; put the expected output in a non-empty \`\`\` fenced block after the marker.`,
      ),
    );
  }
  return {
    name,
    nameRange: where,
    range: src.linesRange(block.headingLine, Math.max(block.headingLine, e - 1)),
    input: input?.content,
    output: output?.content,
  };
}
