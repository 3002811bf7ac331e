import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadConfigText } from '../../project/config-load';
import { planStatus } from '../../project/plan-status';
import { readPlanFile } from '../../store/plan-file';
import { type CliContext, CliError, configFileFor, EXIT } from '../context';
import { renderTable } from '../terminal';

const MARK = { failed: '⟳', done: '✓', pending: '·' } as const;

/** `ossature status [--json]`: progress per spec from plan.toml, and the first failed task. */
export function runStatus(ctx: CliContext, options: { json?: boolean }): number {
  const t = ctx.terminal;
  const configFile = configFileFor(ctx);
  const { config } = loadConfigText(readFileSync(configFile, 'utf8'), configFile);
  const planFile = join(dirname(configFile), '.ossature', 'plan.toml');
  const plan = readPlanFile(planFile);
  if (!plan) throw new CliError('No build plan found. Run `ossature audit` first.', EXIT.errors);
  const status = planStatus(config.project.name, plan.plan);
  if (options.json) {
    t.out(JSON.stringify(status, null, 2));
    return EXIT.ok;
  }
  t.out(t.bold(`${status.name} — ${status.total_specs} specs, ${status.total_tasks} tasks`));
  t.out(
    renderTable(
      '',
      ['Spec', 'Tasks', 'Done', 'Failed', 'Pending', 'Skipped', 'Manual', ''],
      status.specs.map((s) => [
        s.spec_id,
        String(s.tasks),
        String(s.done),
        String(s.failed),
        String(s.pending),
        String(s.skipped),
        String(s.manual),
        MARK[s.status],
      ]),
    ),
  );
  if (status.failed_task) {
    const f = status.failed_task;
    t.out('');
    t.out(`Current: ${f.spec} task ${f.id} (${f.title}) — ${t.red('FAILED')}`);
    t.out(`  Retry it: ossature retry    Rebuild the spec: ossature build --spec ${f.spec}`);
  }
  return EXIT.ok;
}
