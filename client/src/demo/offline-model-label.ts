// The "offline demo model" label. `npm run demo` (scripts/demo.mjs), when no ANTHROPIC_API_KEY is set, points
// runs at its offline scripted model through `ossature.model.baseUrl` and sets `ossature.demo.offlineModel`;
// then a status bar item says so, and run titles carry the label through offlineModelLabel().
import { type Disposable, StatusBarAlignment, window, workspace } from 'vscode';

const section = 'ossature';
const key = 'demo.offlineModel';
const LABEL = '(offline demo model)';

/** Whether runs go to `npm run demo`'s offline scripted model (the `ossature.demo.offlineModel` setting). */
export function offlineModelActive(): boolean {
  return workspace.getConfiguration(section).get<boolean>(key, false) === true;
}

/** `title (offline demo model)` while the demo's offline model is in use, else `title` unchanged. */
export function offlineModelLabel(title: string): string {
  return offlineModelActive() ? `${title} ${LABEL}` : title;
}

/** A status bar item shown while the setting is on; the caller puts the disposables in context.subscriptions. */
export function registerOfflineModelStatus(): Disposable[] {
  const item = window.createStatusBarItem('ossature.offlineModel', StatusBarAlignment.Left, -100);
  item.name = 'Ossature offline demo model';
  item.text = '$(beaker) Offline demo model';
  item.command = {
    title: 'Open Setting',
    command: 'workbench.action.openSettings',
    arguments: [`${section}.${key}`],
  };
  const update = (): void => {
    if (!offlineModelActive()) {
      item.hide();
      return;
    }
    const baseUrl = workspace.getConfiguration(section).get<string>('model.baseUrl', '');
    item.tooltip =
      `Ossature runs use the offline scripted model of \`npm run demo\`${baseUrl ? ` at ${baseUrl}` : ''}: ` +
      'canned answers written for the example project, no API key, no network. It is not a real model. ' +
      'Turn off ossature.demo.offlineModel and clear ossature.model.baseUrl to use the Anthropic API.';
    item.show();
  };
  update();
  const watcher = workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(`${section}.demo`) || event.affectsConfiguration(`${section}.model`))
      update();
  });
  return [item, watcher];
}
