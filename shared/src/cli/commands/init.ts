import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { CONFIG_FILE } from '../../project/discovery';
import { configTemplate, GITIGNORE_TEMPLATE } from '../../project/templates';
import { type CliContext, EXIT } from '../context';

/** `ossature init [NAME]`: a project folder with specs/, context/, ossature.toml and .gitignore. */
export function runInit(ctx: CliContext, name = '.'): number {
  const t = ctx.terminal;
  const dir = resolve(ctx.cwd, name);
  const projectName = name === '.' ? basename(dir) : basename(name);
  const created: string[] = [];
  const skipped: string[] = [];
  const failed: string[] = [];
  const make = (rel: string, create: (path: string) => void) => {
    const path = join(dir, rel);
    if (existsSync(path)) {
      skipped.push(rel);
      return;
    }
    try {
      create(path);
      created.push(rel);
    } catch (error) {
      failed.push(`${rel}: ${(error as Error).message}`);
    }
  };
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    t.err(t.red(`Error: cannot create ${dir}: ${(error as Error).message}`));
    return EXIT.errors;
  }
  make('specs/', (p) => mkdirSync(p));
  make('context/', (p) => mkdirSync(p));
  make(CONFIG_FILE, (p) => writeFileSync(p, configTemplate(projectName), { flag: 'wx' }));
  make('.gitignore', (p) => writeFileSync(p, GITIGNORE_TEMPLATE, { flag: 'wx' }));

  t.out(t.bold(`Ossature project '${projectName}' in ${dir}`));
  for (const c of created) t.out(`  ${t.green('Created')} ${c}`);
  for (const s of skipped) t.out(`  ${t.dim('Skipped')} ${s} (already exists)`);
  for (const f of failed) t.err(`  ${t.red('Failed')} ${f}`);
  if (failed.length > 0) return EXIT.errors;
  t.out('');
  t.out(`Next: ${name === '.' ? '' : `cd ${name} && `}ossature new my-module, then ossature validate.`);
  return EXIT.ok;
}
