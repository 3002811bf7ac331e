import type { RunReason } from './staleness';

/**
 * Why a task runs, in the words `ossature build` prints them (the progress lines, `--dry-run`) and the
 * editor shows them (the build forecast): "pending", "input changed", "dependency rebuilt: 001", …
 */
export function reasonText(reason: RunReason | string): string {
  const kind = typeof reason === 'string' ? reason : reason.kind;
  switch (kind) {
    case 'pending':
      return 'pending';
    case 'failed':
      return 'failed before';
    case 'forced':
      return '--force';
    case 'input-changed':
      return 'input changed';
    case 'output-modified':
      return 'output modified';
    case 'dependency-rebuilt':
    case 'dependency-may-rebuild':
      return typeof reason === 'string' || !('tasks' in reason)
        ? 'dependency rebuilt'
        : `dependency rebuilt: ${reason.tasks.join(', ')}`;
    case 'upstream-interface-changed':
      return typeof reason === 'string' || !('specs' in reason)
        ? 'upstream interface changed'
        : `interface of ${reason.specs.join(', ')} changed`;
    case 'upstream-interface-stale':
      return typeof reason === 'string' || !('specs' in reason)
        ? 'upstream rebuilt'
        : `${reason.specs.join(', ')} rebuilt without a fresh interface`;
    case 'upstream-rebuilding':
      return typeof reason === 'string' || !('specs' in reason)
        ? 'if an upstream interface changes'
        : `if the interface of ${reason.specs.join(', ')} changes`;
    default:
      return kind;
  }
}
