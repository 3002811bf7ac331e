import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import {
  amdTemplate,
  smdTemplate,
  specIdFromName,
  titleFromName,
  vmdTemplate,
} from '../../project/templates';
import { Workspace } from '../../project/workspace';
import { closestMatches } from '../../util/did-you-mean';
import { type CliContext, CliError, configFileFor, EXIT } from '../context';

export type NewKind = 'smd' | 'amd' | 'vmd';

/**
 * `ossature new NAME -t smd|amd|vmd [--spec ID]`: writes a template spec under spec_dir. AMD and VMD files
 * belong to an existing spec: `--spec`, else the spec whose id NAME gives, else the only spec.
 */
export function runNew(ctx: CliContext, name: string, options: { type: NewKind; spec?: string }): number {
  const t = ctx.terminal;
  const workspace = Workspace.load(configFileFor(ctx));
  const file = join(workspace.specDir, `${name}.${options.type}`);
  const shown = relative(ctx.cwd, file) || file;
  if (existsSync(file)) {
    throw new CliError(`${shown} already exists; choose another name or edit that file.`, EXIT.errors);
  }
  let content: string;
  let specId = specIdFromName(name);
  if (options.type === 'smd') {
    if (workspace.index.smdById.has(specId)) {
      throw new CliError(`A spec with id ${specId} already exists; choose another name.`, EXIT.errors);
    }
    content = smdTemplate(specId, titleFromName(name));
  } else {
    specId = owningSpec(workspace, specId, options.spec);
    const title = workspace.index.smdById.get(specId)?.[0]?.title?.value ?? titleFromName(name);
    content = options.type === 'amd' ? amdTemplate(specId, title) : vmdTemplate(specId);
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content, { flag: 'wx' });
  t.out(`${t.green('Created')} ${shown} (${options.type.toUpperCase()} for ${specId})`);
  t.out(`Edit it, then run: ossature validate`);
  return EXIT.ok;
}

function owningSpec(workspace: Workspace, derivedId: string, explicit: string | undefined): string {
  const ids = [...workspace.index.smdById.keys()];
  if (explicit !== undefined) {
    if (workspace.index.smdById.has(explicit)) return explicit;
    const hints = closestMatches(explicit, ids);
    throw new CliError(
      `--spec ${explicit}: no such spec.${hints.length ? ` Did you mean ${hints.join(', ')}?` : ''} Known: ${ids.join(', ') || '(none)'}.`,
      EXIT.usage,
    );
  }
  if (workspace.index.smdById.has(derivedId)) return derivedId;
  if (ids.length === 1) return ids[0]!;
  if (ids.length === 0) {
    throw new CliError('There is no spec yet; create one first with `ossature new NAME`.', EXIT.errors);
  }
  throw new CliError(
    `Which spec does this file belong to? Pass --spec with one of: ${ids.join(', ')}.`,
    EXIT.usage,
  );
}
