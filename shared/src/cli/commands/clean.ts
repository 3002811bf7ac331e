import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { type CliContext, CliError, configFileFor, EXIT } from '../context';

/** `ossature clean [-y] [--dry-run]`: deletes .ossature/ after confirmation; the output folder stays. */
export async function runClean(
  ctx: CliContext,
  options: { yes?: boolean; dryRun?: boolean },
): Promise<number> {
  const t = ctx.terminal;
  const dir = join(dirname(configFileFor(ctx)), '.ossature');
  if (!existsSync(dir)) {
    t.out('Nothing to clean.');
    return EXIT.ok;
  }
  if (options.dryRun) {
    t.out(`Would delete ${dir} (plan, state, audits, briefs, task logs). The output folder is kept.`);
    return EXIT.ok;
  }
  if (!options.yes) {
    if (!process.stdin.isTTY) {
      throw new CliError(`Refusing to delete ${dir} without confirmation; pass -y to confirm.`, EXIT.usage);
    }
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await rl.question(`Delete ${dir} (plan, state, audits, task logs)? [y/N] `);
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      t.out('Cancelled; nothing deleted.');
      return EXIT.ok;
    }
  }
  rmSync(dir, { recursive: true, force: true });
  t.out(`${t.green('Deleted')} ${dir}. The output folder was left as it is.`);
  return EXIT.ok;
}
