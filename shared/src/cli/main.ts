import { Command, CommanderError, Option } from 'commander';
import packageJson from '../../../package.json';
import { ProjectNotFoundError } from '../project/discovery';
import { StoreError } from '../store/toml-read';
import { runAuditCommand } from './commands/audit';
import { type BuildCommandOptions, runBuildCommand } from './commands/build';
import { runClean } from './commands/clean';
import { runInit } from './commands/init';
import { runLsp } from './commands/lsp';
import { type NewKind, runNew } from './commands/new';
import { runStatus } from './commands/status';
import { runValidate } from './commands/validate';
import { type CliContext, CliError, EXIT } from './context';
import { createTerminal } from './terminal';

/** `lsp` hands the process to the language server, which decides when and how it exits. */
const SERVER_OWNS_PROCESS = -1;

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('ossature')
    .description('Spec-driven builds: validate, audit and build .smd/.amd/.vmd specs.')
    .version(`ossature ${packageJson.version}`, '--version', 'print the program name and version')
    .option('-c, --config <path>', 'path to ossature.toml (default: found by walking up from here)')
    .option('-v, --verbose', 'verbose output')
    .showHelpAfterError('(run ossature --help for usage)')
    .exitOverride();

  const context = (): CliContext => {
    const globals = program.opts<{ config?: string; verbose?: boolean }>();
    return {
      cwd: process.cwd(),
      ...(globals.config !== undefined ? { configOption: globals.config } : {}),
      verbose: Boolean(globals.verbose),
      terminal: createTerminal(),
    };
  };

  program
    .command('init')
    .description('create a project: specs/, context/, ossature.toml, .gitignore')
    .argument('[name]', 'folder to create, or . for the current one', '.')
    .action((name: string) => setExit(runInit(context(), name)));

  program
    .command('new')
    .description('write a template spec (.smd), architecture (.amd) or verification (.vmd) file')
    .argument('<name>', 'file name without extension; the spec id is derived from it')
    .addOption(new Option('-t, --type <type>', 'kind of file').choices(['smd', 'amd', 'vmd']).default('smd'))
    .option('--spec <id>', 'spec an .amd/.vmd belongs to')
    .action((name: string, options: { type: NewKind; spec?: string }) =>
      setExit(runNew(context(), name, options)),
    );

  program
    .command('validate')
    .description('parse and check every spec, the plan and the config; report every problem at once')
    .option('--json', 'print diagnostics and summary as JSON')
    .option('--fix', 'first apply the safe fixes (legacy @key metadata → frontmatter, repeated dependencies)')
    .action((options: { json?: boolean; fix?: boolean }) => setExit(runValidate(context(), options)));

  program
    .command('audit')
    .description('audit the specs with the model, fix what it finds, write briefs, interfaces and plan.toml')
    .option('--replan', 'rebuild the whole plan (discards manual edits; the old plan is backed up)')
    .option('-i, --interactive', 'ask before re-auditing unchanged specs and before each fix')
    .option('--no-fix', 'report findings without editing the specs')
    .option('--errors-ok', 'exit 0 even when ERROR findings remain')
    .option('--dry-run', 'call no model and write nothing: show what would run and estimate tokens and cost')
    .option('--spec <ID>', 'audit this spec even if it has not changed (changed specs are audited too)')
    .action(
      async (options: {
        spec?: string;
        replan?: boolean;
        interactive?: boolean;
        fix?: boolean;
        errorsOk?: boolean;
        dryRun?: boolean;
      }) => setExit(await runAuditCommand(context(), options)),
    );

  program
    .command('build')
    .description(
      'build the plan: each task implemented by the model, verified, fixed; only what changed is rebuilt',
    )
    .option('--step', 'pause after each task: continue, skip the next task, or stop')
    .option('--auto', 'never ask; stop at the first failed task')
    .option('--skip-failures', 'with --auto: go on past failed tasks')
    .option('--spec <ID>', 'build only this spec and the specs it depends on')
    .option('--only <ID>', 'build exactly this one task')
    .option('--force', 'rebuild every selected task even if it is up to date')
    .option(
      '--jobs <N>',
      'tasks of independent specs run side by side, up to N at once (default [build] jobs)',
    )
    .option(
      '--dry-run',
      'call no model and write nothing: list each task that would run, why, and the estimated cost',
    )
    .option('--events <FILE>', 'write run events as NDJSON to FILE (or fd:N)')
    .action(async (options: BuildCommandOptions) =>
      setExit(await runBuildCommand(context(), 'build', options)),
    );

  program
    .command('retry')
    .description('set failed tasks (or --from / --only) back to pending and build again')
    .option('--from <ID>', 'rebuild every task from ID on')
    .option('--only <ID>', 'rebuild this task and the tasks that depend on it')
    .option('--auto', 'never ask; stop at the first failed task')
    .option('--skip-failures', 'with --auto: go on past failed tasks')
    .option('--jobs <N>', 'tasks of independent specs run side by side, up to N at once')
    .option('--dry-run', 'call no model and write nothing: list what would run and the estimated cost')
    .option('--events <FILE>', 'write run events as NDJSON to FILE (or fd:N)')
    .action(async (options: BuildCommandOptions) =>
      setExit(await runBuildCommand(context(), 'retry', options)),
    );

  program
    .command('status')
    .description('show build progress per spec from plan.toml')
    .option('--json', 'print as JSON')
    .action((options: { json?: boolean }) => setExit(runStatus(context(), options)));

  program
    .command('clean')
    .description('delete .ossature/ (the output folder is kept)')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--dry-run', 'only say what would be deleted')
    .action(async (options: { yes?: boolean; dryRun?: boolean }) =>
      setExit(await runClean(context(), options)),
    );

  program
    .command('lsp')
    .description('run the language server over stdio (for any LSP editor)')
    .option('--stdio', 'use stdio (the default and only transport here)')
    .action(() => {
      runLsp();
      setExit(SERVER_OWNS_PROCESS);
    });

  return program;
}

async function main(argv: string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram((code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    const t = createTerminal(process.stderr);
    if (error instanceof CommanderError) {
      // Help and --version end here with code 0; every other parse problem is a usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof ProjectNotFoundError) {
      t.err(`${t.red('Error:')} ${error.message}`);
      return EXIT.usage;
    }
    if (error instanceof StoreError) {
      t.err(`${t.red('Error:')} ${error.message}`);
      return EXIT.errors;
    }
    if (error instanceof CliError) {
      t.err(`${t.red('Error:')} ${error.message}`);
      return error.exitCode;
    }
    t.err(`${t.red('Internal error (a bug in ossature, please report it):')}`);
    t.err((error as Error).stack ?? String(error));
    return EXIT.errors;
  }
}

// A closed pipe (`ossature validate | head`) ends the program quietly, like any Unix tool.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

main(process.argv).then(
  (code) => {
    if (code !== SERVER_OWNS_PROCESS) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = EXIT.errors;
  },
);
