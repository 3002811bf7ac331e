import type { CodeInfo } from '../../diagnostics/code-info';
import { VMD_CODES } from '../../diagnostics/codes-vmd';
import type { CommandStep, StreamMode } from '../../model/vmd';
import type { Range } from '../../text/range';
import { type CommandWordErrorKind, splitCommandWords } from './command-words';
import { type Span, spanRange, sub, subRange, trimSpan, type VmdContext } from './context';
import { parseJson } from './json-cell';

const STREAM_THEN = /^(stdout|stderr)\s+(has|is|matches|empty)\s*(.*)$/d;
const INTEGER = /^[+-]?[0-9]+$/;

/** A command step being read, with where its checks were written (for duplicate reports). */
export interface StepState {
  step: CommandStep;
  exitRange?: Range;
  stdoutThen?: Range;
  stderrThen?: Range;
  firstOutput?: Range;
  outputConflictReported: boolean;
}

const WORD_ERROR_CODES: Record<CommandWordErrorKind, CodeInfo> = {
  unterminatedQuote: VMD_CODES.commandUnterminatedQuote,
  invalidEscape: VMD_CODES.commandInvalidEscape,
  shellMetachar: VMD_CODES.commandShellMetachar,
  empty: VMD_CODES.commandEmpty,
};

/** `when $ program args…`: `rest` is the text after `when`, starting with `$`. */
export function parseWhenCommand(ctx: VmdContext, line: Span, rest: Span): StepState {
  const command = trimSpan(sub(rest, 1));
  const { words, error } = splitCommandWords(command.text);
  if (error) {
    const where = error.kind === 'empty' ? subRange(rest, 0, 1) : subRange(command, error.start, error.end);
    ctx.report(WORD_ERROR_CODES[error.kind], where, error.message);
  }
  const lineRange = spanRange(line);
  return {
    step: {
      argv: words,
      range: lineRange,
      whenRange: lineRange,
      stdoutLines: null,
      stdout: null,
      stdoutMode: null,
      exitCode: 0,
      stderr: null,
      stderrMode: null,
    },
    outputConflictReported: false,
  };
}

/** `then exit N`, `then stdout|stderr has|is|matches "text"`, `then stdout|stderr empty`. */
export function parseCommandThen(
  ctx: VmdContext,
  scenarioName: string,
  state: StepState,
  line: Span,
  rest: Span,
): void {
  const { step } = state;
  const lineRange = spanRange(line);
  if (rest.text.startsWith('exit')) {
    const code = trimSpan(sub(rest, 'exit'.length));
    if (state.exitRange) {
      ctx.report(
        VMD_CODES.exitDuplicate,
        lineRange,
        "Duplicate 'then exit' for this 'when' step: keep one.",
        {
          related: [{ range: state.exitRange, message: "first 'then exit' here" }],
        },
      );
      return;
    }
    if (!INTEGER.test(code.text)) {
      ctx.report(
        VMD_CODES.exitNotInteger,
        code.text ? spanRange(code) : lineRange,
        `'then exit' needs an integer exit code, e.g. 'then exit 1'${code.text ? `, got '${code.text}'` : ''}.`,
      );
      return;
    }
    step.exitCode = Number.parseInt(code.text, 10);
    state.exitRange = lineRange;
    return;
  }
  const m = STREAM_THEN.exec(rest.text);
  if (!m?.indices) {
    ctx.report(
      VMD_CODES.thenMalformed,
      lineRange,
      `Expected 'then exit N', 'then stdout|stderr has|is|matches "text"', or 'then stdout|stderr empty' in a command scenario, got 'then ${rest.text}'.`,
    );
    return;
  }
  const channel = m[1] as 'stdout' | 'stderr';
  const mode = m[2] as StreamMode;
  const [va, vb] = m.indices[3]!;
  const value = trimSpan(sub(rest, va, vb));
  if (channel === 'stdout' && step.stdoutLines !== null) {
    ctx.report(
      VMD_CODES.outputWithStdoutCheck,
      lineRange,
      `Scenario '${scenarioName}': '>' lines and a 'then stdout' check are mutually exclusive; keep one of them.`,
      state.firstOutput ? { related: [{ range: state.firstOutput, message: "the '>' output lines" }] } : {},
    );
    return;
  }
  const first = channel === 'stdout' ? state.stdoutThen : state.stderrThen;
  if (first) {
    ctx.report(
      VMD_CODES.streamDuplicate,
      lineRange,
      `Duplicate 'then ${channel}' check for this 'when' step: keep one.`,
      {
        related: [{ range: first, message: `first 'then ${channel}' here` }],
      },
    );
    return;
  }
  let text: string | null = null;
  if (mode === 'empty') {
    if (value.text) {
      ctx.report(
        VMD_CODES.streamEmptyWithValue,
        spanRange(value),
        `'then ${channel} empty' takes no value: remove it, or use 'then ${channel} is ${value.text}'.`,
      );
      return;
    }
  } else {
    const json = parseJson(value.text);
    if (!json.ok || typeof json.value !== 'string') {
      ctx.report(
        VMD_CODES.streamExpectsString,
        value.text ? spanRange(value) : lineRange,
        `'then ${channel} ${mode}' needs a JSON string, e.g. then ${channel} ${mode} "text".`,
      );
      return;
    }
    if (mode === 'matches') {
      const problem = pythonRegexProblem(json.value);
      if (problem) {
        ctx.report(
          VMD_CODES.streamInvalidPattern,
          spanRange(value),
          `Invalid 'matches' pattern: ${problem}. Fix the regular expression (Python syntax).`,
        );
        return;
      }
    }
    text = json.value;
  }
  if (channel === 'stdout') {
    step.stdout = text;
    step.stdoutMode = mode;
    state.stdoutThen = lineRange;
  } else {
    step.stderr = text;
    step.stderrMode = mode;
    state.stderrThen = lineRange;
  }
}

const INLINE_FLAGS = /^\(\?([aiLmsux]+)\)/;

/**
 * Why a Python regular expression does not compile, as far as JavaScript's engine can tell after the
 * Python-only spellings are translated (leading inline flags, `(?P<name>…)`, `(?P=name)`, `(?#…)`);
 * undefined when it looks valid.
 */
export function pythonRegexProblem(pattern: string): string | undefined {
  let source = pattern;
  let flags = '';
  const inline = INLINE_FLAGS.exec(source);
  if (inline) {
    source = source.slice(inline[0].length);
    for (const f of inline[1]!) if ('ims'.includes(f) && !flags.includes(f)) flags += f;
  }
  source = source
    .replace(/\(\?P<(\w+)>/g, '(?<$1>')
    .replace(/\(\?P=(\w+)\)/g, '\\k<$1>')
    .replace(/\(\?#[^)]*\)/g, '');
  try {
    new RegExp(source, flags);
    return undefined;
  } catch (e) {
    return (e as Error).message.replace(/^Invalid regular expression: /, '');
  }
}
