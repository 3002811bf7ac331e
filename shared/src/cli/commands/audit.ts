import {
  type AskFunction,
  AuditError,
  AuditInterrupted,
  type AuditRunResult,
  runAudit,
} from '../../audit/run';
import { UsageTracker } from '../../llm';
import { type CliContext, CliError, configFileFor, EXIT, STOP_SIGNALS } from '../context';
import { createLineInput } from '../line-input';
import type { Terminal } from '../terminal';
import { renderDryRun, renderEvent, StatusLine, usageLine } from './audit-output';

export interface AuditOptions {
  replan?: boolean;
  interactive?: boolean;
  /** commander's `--no-fix` sets `fix: false`. */
  fix?: boolean;
  errorsOk?: boolean;
  dryRun?: boolean;
  spec?: string;
}

/** Yes/no questions on stdin; the end of input takes the default answer. */
function createAsker(interrupt: () => void): { ask: AskFunction; close(): void } {
  const input = createLineInput(interrupt);
  const ask: AskFunction = async (question, defaultAnswer) => {
    const line = await input.question(`${question} ${defaultAnswer ? '[Y/n]' : '[y/N]'} `);
    const answer = line?.trim().toLowerCase() ?? '';
    if (answer === '') return defaultAnswer;
    return answer === 'y' || answer === 'yes';
  };
  return { ask, close: () => input.close() };
}

function printResult(t: Terminal, result: AuditRunResult, options: AuditOptions): number {
  if (result.outcome === 'no-specs') return EXIT.ok;
  if (result.outcome === 'declined') {
    t.out('Stopped: the existing plan was kept.');
    return EXIT.ok;
  }
  if (result.outcome === 'dry-run' && result.dryRun) {
    for (const line of renderDryRun(t, result.dryRun)) t.out(line);
    if (result.keyProblem) t.out(t.yellow(`Note: ${result.keyProblem} A real run stops here.`));
    return EXIT.ok;
  }
  t.out(result.usage.requests > 0 ? usageLine(result.usage) : 'LLM usage: no model calls were needed.');
  if (result.unresolvedErrors > 0) {
    const message = `Audit completed with ${result.unresolvedErrors} unresolved error(s).`;
    if (options.errorsOk) {
      t.out(t.yellow(`${message} Continuing (--errors-ok); see .ossature/audit-report.md.`));
      return EXIT.ok;
    }
    t.err(
      `${t.red('Error:')} ${message} Fix them (see .ossature/audit-report.md), or pass --errors-ok to accept them.`,
    );
    return EXIT.errors;
  }
  t.out(t.green('✓ Audit complete'));
  return EXIT.ok;
}

const FS_HINTS: Record<string, string> = {
  EACCES: 'check the permissions of the project folder',
  EPERM: 'check the permissions of the project folder',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
};

/** One line for a file-system failure a user can fix (permissions, full disk), else undefined. */
function fileSystemProblem(error: unknown): string | undefined {
  const { code, path, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  const hint = code ? FS_HINTS[code] : undefined;
  if (!hint) return undefined;
  return `Cannot ${syscall ?? 'write'} ${path ?? 'a file'} (${code}): ${hint}. Nothing is half-written; run audit again once fixed.`;
}

/** `ossature audit [--replan] [-i] [--no-fix] [--errors-ok] [--dry-run]` (reference §4). */
export async function runAuditCommand(ctx: CliContext, options: AuditOptions): Promise<number> {
  const t = ctx.terminal;
  if (options.interactive && options.fix === false) {
    throw new CliError('--interactive and --no-fix are mutually exclusive; use one of them.', EXIT.usage);
  }
  const configFile = configFileFor(ctx);
  const controller = new AbortController();
  let interrupts = 0;
  const interrupt = () => {
    interrupts++;
    if (interrupts > 1) process.exit(EXIT.interrupted);
    t.err(t.yellow('Stopping… (Ctrl-C again to quit at once)'));
    controller.abort(new AuditInterrupted());
  };
  const asker = options.interactive ? createAsker(interrupt) : undefined;
  for (const signal of STOP_SIGNALS) process.on(signal, interrupt);
  const usage = new UsageTracker();
  const status = new StatusLine((text) => process.stdout.write(text), Boolean(process.stdout.isTTY));
  try {
    const result = await runAudit({
      configFile,
      replan: Boolean(options.replan),
      interactive: Boolean(options.interactive),
      noFix: options.fix === false,
      dryRun: Boolean(options.dryRun),
      ...(options.spec !== undefined ? { spec: options.spec } : {}),
      signal: controller.signal,
      onEvent: (event) => {
        const lines = renderEvent(t, event, ctx.verbose);
        if (lines.length > 0) status.clear();
        for (const line of lines) t.out(line);
        status.update(event);
      },
      ...(asker ? { ask: asker.ask } : {}),
      client: { usage },
    });
    return printResult(t, result, options);
  } catch (error) {
    status.clear();
    const spent = usage.total();
    if (spent.requests > 0) t.out(usageLine(spent, 'LLM usage so far'));
    if (error instanceof AuditInterrupted || controller.signal.aborted) {
      t.err(
        `${t.yellow('Interrupted.')} Nothing is half-written: files in .ossature/ are either as before or complete; run \`ossature audit\` again to continue.`,
      );
      return EXIT.interrupted;
    }
    if (error instanceof AuditError) {
      throw new CliError(error.message, error.kind === 'config' ? EXIT.usage : EXIT.errors);
    }
    const fsProblem = fileSystemProblem(error);
    if (fsProblem) throw new CliError(fsProblem, EXIT.errors);
    throw error;
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, interrupt);
    asker?.close();
  }
}
