// The one command table: ids and titles of every command the extension contributes. It imports nothing from
// 'vscode', so test/unit/client-commands.test.ts can check package.json `contributes.commands` against it.

export const commandCategory = 'Ossature';

export const commandTable = [
  { id: 'ossature.restartServer', title: 'Restart Server' },
  // Runs (client/src/runs/run-cli.ts): each returns the run's RunResult.
  { id: 'ossature.validate', title: 'Validate' },
  { id: 'ossature.audit', title: 'Audit' },
  { id: 'ossature.auditReplan', title: 'Audit (Re-plan)' },
  { id: 'ossature.auditSpec', title: 'Audit Spec…' },
  { id: 'ossature.build', title: 'Build' },
  { id: 'ossature.buildStep', title: 'Build Step by Step' },
  { id: 'ossature.buildSpec', title: 'Build Spec…' },
  { id: 'ossature.retryFailed', title: 'Retry Failed' },
  { id: 'ossature.rerunTask', title: 'Rerun Task…' },
  { id: 'ossature.runTask', title: 'Build Task…' },
  { id: 'ossature.rerunFrom', title: 'Rerun From Task…' },
  { id: 'ossature.status', title: 'Status' },
  { id: 'ossature.clean', title: 'Clean' },
  { id: 'ossature.showRunTerminal', title: 'Show Run Terminal' },
  { id: 'ossature.setApiKey', title: 'Set API Key' },
  { id: 'ossature.showOutput', title: 'Show Output' },
  // The plan.
  { id: 'ossature.reviewPlan', title: 'Review Plan' },
  { id: 'ossature.toggleSkip', title: 'Skip or Unskip Task…' },
  { id: 'ossature.openTaskFile', title: 'Open Task File…' },
  // The task review (client/src/review/): a multi-file diff of a task's last run, Keep / Mark manual.
  { id: 'ossature.reviewTask', title: 'Review Task Changes…' },
  { id: 'ossature.keepTask', title: 'Keep Task Changes' },
  { id: 'ossature.markManual', title: 'Mark Task Manual…' },
] as const;

export type CommandId = (typeof commandTable)[number]['id'];
