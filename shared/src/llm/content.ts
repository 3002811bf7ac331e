import type {
  ContentBlock,
  ContentBlockParam,
  Message,
  Tool,
  ToolUseBlock,
} from '@anthropic-ai/sdk/resources/messages';
import { z } from 'zod';

/**
 * The JSON Schema of a zod model, as a tool's `input_schema`. Converted on the input side, so fields with
 * defaults are optional for the model (the zod parse fills them in).
 */
export function inputSchemaOf(schema: z.ZodType, name: string): Tool.InputSchema {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  if (json.type !== 'object') {
    throw new Error(
      `The schema of "${name}" must describe an object (tool input), not ${String(json.type)}.`,
    );
  }
  return json as Tool.InputSchema;
}

/** A response's content as it goes back into the conversation (the assistant turn). */
export function assistantContent(message: Message): ContentBlockParam[] {
  const out: ContentBlockParam[] = [];
  for (const block of message.content) {
    const param = toParam(block);
    if (param) out.push(param);
  }
  return out;
}

function toParam(block: ContentBlock): ContentBlockParam | undefined {
  switch (block.type) {
    case 'text':
      return block.text === '' ? undefined : { type: 'text', text: block.text };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
    case 'thinking':
      return { type: 'thinking', thinking: block.thinking, signature: block.signature };
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: block.data };
    default:
      return undefined;
  }
}

export function toolUses(message: Message): ToolUseBlock[] {
  return message.content.filter((block): block is ToolUseBlock => block.type === 'tool_use');
}

export function textOf(message: Message): string {
  return message.content
    .filter((block) => block.type === 'text')
    .map((block) => block.text)
    .join('');
}

/** zod's own readable report of what is wrong, for the model to act on. */
export function describeZodError(error: z.ZodError): string {
  return z.prettifyError(error);
}

/** JSON found in a text reply (bare, or in a ```json fence), for models that answer in text anyway. */
export function jsonInText(text: string): unknown {
  const fenced = /```(?:json)?\s*\n([\s\S]*?)\n```/.exec(text);
  const candidate = (fenced?.[1] ?? text).trim();
  if (!candidate.startsWith('{')) return undefined;
  try {
    return JSON.parse(candidate);
  } catch {
    return undefined;
  }
}
