import type { Plan } from '../model/plan';

export interface SpecProgress {
  spec_id: string;
  tasks: number;
  done: number;
  failed: number;
  pending: number;
  skipped: number;
  manual: number;
  /** `failed` if any task failed, `done` if all are done, else `pending`. */
  status: 'failed' | 'done' | 'pending';
}

/** What `ossature status --json` prints (the original's experimental shape, plus skipped/manual). */
export interface PlanStatus {
  name: string;
  total_specs: number;
  total_tasks: number;
  specs: SpecProgress[];
  failed_task: { id: string; spec: string; title: string } | null;
}

/** Progress per spec, in the plan's spec order (then any spec only tasks mention). */
export function planStatus(name: string, plan: Plan): PlanStatus {
  const order = [...plan.meta.specs];
  for (const task of plan.task) if (!order.includes(task.spec)) order.push(task.spec);
  const specs = order.map((spec_id): SpecProgress => {
    const tasks = plan.task.filter((t) => t.spec === spec_id);
    const count = (status: string) => tasks.filter((t) => t.status === status).length;
    const failed = count('failed');
    const done = count('done');
    return {
      spec_id,
      tasks: tasks.length,
      done,
      failed,
      pending: count('pending'),
      skipped: count('skipped'),
      manual: count('manual'),
      status: failed > 0 ? 'failed' : done === tasks.length ? 'done' : 'pending',
    };
  });
  const failed = plan.task.find((t) => t.status === 'failed');
  return {
    name,
    total_specs: specs.length,
    total_tasks: plan.task.length,
    specs,
    failed_task: failed ? { id: failed.id, spec: failed.spec, title: failed.title } : null,
  };
}
