// A build waiting for the user (`waiting` run events): after a task in step mode (Continue / Skip next / Stop),
// or after a failed task (Retry / Skip / Stop). The CLI asks on its terminal; a button types the answer there.
import { window } from 'vscode';
import type { RunEvent } from '../../../shared/src/model/events';

export type WaitingEvent = Extract<RunEvent, { type: 'waiting' }>;

export type StepChoice = 'continue' | 'skip-next' | 'stop';
export type FailureChoice = 'retry' | 'skip' | 'stop';
export type WaitingChoice = StepChoice | FailureChoice;

/** What the CLI's prompts read (shared/src/cli/commands/build.ts): Enter, `s`, `q`; `r` retries. */
const typed: Record<WaitingChoice, string> = {
  continue: '',
  'skip-next': 's',
  retry: 'r',
  skip: 's',
  stop: 'q',
};

const buttons: Record<WaitingEvent['kind'], { label: string; choice: WaitingChoice }[]> = {
  step: [
    { label: 'Continue', choice: 'continue' },
    { label: 'Skip next', choice: 'skip-next' },
    { label: 'Stop', choice: 'stop' },
  ],
  failure: [
    { label: 'Retry', choice: 'retry' },
    { label: 'Skip', choice: 'skip' },
    { label: 'Stop', choice: 'stop' },
  ],
};

/** The line to type in the run's terminal for `choice`, or undefined when `kind` has no such choice. */
export function answerLine(kind: WaitingEvent['kind'], choice: WaitingChoice): string | undefined {
  return buttons[kind].some((b) => b.choice === choice) ? typed[choice] : undefined;
}

/** Shows the question as a notification with one button per choice; resolves with the choice clicked. */
export async function askWaiting(
  event: WaitingEvent,
  title: string,
  taskTitle: string,
): Promise<WaitingChoice | undefined> {
  const options = buttons[event.kind];
  const message =
    event.kind === 'step'
      ? `${title}: task ${event.id} (${taskTitle}) is done. Continue with the next task?`
      : `${title}: task ${event.id} (${taskTitle}) failed. Retry it, skip it, or stop the build?`;
  const show = event.kind === 'step' ? window.showInformationMessage : window.showWarningMessage;
  const picked = await show(message, ...options.map((o) => o.label));
  return options.find((o) => o.label === picked)?.choice;
}
