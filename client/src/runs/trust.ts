// Workspace trust for runs: in Restricted Mode nothing may call a model or run a project's setup and verify
// commands. A pure function of the request and `workspace.isTrusted`, so a test can check both answers even in
// a host where trust is switched off.
import { type CliRunRequest, runsProjectCode } from './run-request';

/**
 * Why `request` may not run in a workspace whose trust is `isTrusted`, or undefined when it may. audit, build and
 * retry (and anything that calls the model) need trust; validate, status and clean do not.
 */
export function trustRefusal(
  request: Pick<CliRunRequest, 'command' | 'callsModel' | 'title'>,
  isTrusted: boolean,
): string | undefined {
  if (isTrusted) return undefined;
  if (!request.callsModel && !runsProjectCode(request.command)) return undefined;
  const what =
    request.command === 'build' || request.command === 'retry'
      ? 'calls a model and runs the project’s setup and verify commands'
      : 'calls a model';
  return (
    `"${request.title}" was not started: this workspace is in Restricted Mode, and ossature ${request.command} ${what}. ` +
    'Trust the workspace to run it (Manage Workspace Trust); Validate and Status work without trust.'
  );
}
