// The run status bar item: `$(sync~spin) Build 3/9 · ✓2 ✗1 · $0.41` while a run goes, then its final state.
// Clicking it shows the run's terminal (command `ossature.showRunTerminal`).
import { type Disposable, StatusBarAlignment, type StatusBarItem, window } from 'vscode';

let item: StatusBarItem | undefined;

export function createRunStatusBar(): Disposable {
  item = window.createStatusBarItem('ossature.run', StatusBarAlignment.Left, 10);
  item.name = 'Ossature Run';
  item.command = { title: 'Show Run Terminal', command: 'ossature.showRunTerminal' };
  const created = item;
  return {
    dispose: () => {
      created.dispose();
      if (item === created) item = undefined;
    },
  };
}

export function showRunStatus(text: string, tooltip: string): void {
  if (!item) return;
  item.text = text;
  item.tooltip = `${tooltip}\nClick to show the run's terminal.`;
  item.show();
}

/** The text the item shows now (undefined while hidden): for tests and the API. */
export function runStatusText(): string | undefined {
  return item?.text || undefined;
}
