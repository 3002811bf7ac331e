import { join, resolve } from 'node:path';
import { AUDIT_FINDINGS_FILE } from '../model/audit-findings';
import type { OssatureConfig } from '../model/config';

/** Where audit and build read and write (reference §2.5). */
export interface ProjectPaths {
  root: string;
  specDir: string;
  contextDir: string;
  outputDir: string;
  /** `.ossature/`. */
  ossature: string;
  manifest: string;
  graph: string;
  plan: string;
  state: string;
  report: string;
  findings: string;
  tasksDir: string;
  projectBrief: string;
  /** `audits/<id>/` (`cross-spec` for the cross-spec audit). */
  auditDir(id: string): string;
  plannerDir(id: string): string;
  snapshot(id: string): string;
  specBrief(id: string): string;
  interface(id: string): string;
}

/** The folder name of the cross-spec audit under `audits/`. */
export const CROSS_SPEC_DIR = 'cross-spec';

export function projectPaths(root: string, config: OssatureConfig): ProjectPaths {
  const ossature = join(root, '.ossature');
  const context = join(ossature, 'context');
  return {
    root,
    specDir: resolve(root, config.project.spec_dir),
    contextDir: resolve(root, config.project.context_dir),
    outputDir: resolve(root, config.output.dir),
    ossature,
    manifest: join(ossature, 'manifest.toml'),
    graph: join(ossature, 'graph.toml'),
    plan: join(ossature, 'plan.toml'),
    state: join(ossature, 'state.toml'),
    report: join(ossature, 'audit-report.md'),
    findings: join(ossature, AUDIT_FINDINGS_FILE),
    tasksDir: join(ossature, 'tasks'),
    projectBrief: join(context, 'project-brief.md'),
    auditDir: (id) => join(ossature, 'audits', id),
    plannerDir: (id) => join(ossature, 'planners', id),
    snapshot: (id) => join(ossature, 'snapshots', `${id}.md`),
    specBrief: (id) => join(context, 'spec-briefs', `${id}.md`),
    interface: (id) => join(context, 'interfaces', `${id}.md`),
  };
}
